/**
 * What a trained convolutional network shows of itself: the first convolution's filters, and the feature maps each
 * convolution and pooling layer makes of one image. Browser-safe: the webview draws them, from the engine's own
 * eval-mode forward (predictLayers), so the maps are exactly what the trained network computes.
 */
import { predictLayers, Tensor, type Sequential } from '../engine/index';
import { applyScaling } from '../data/preprocess';
import { modelShapes } from '../model/layer-widths';
import { tensorValues } from '../model/tensor-codec';
import type { LayerType, NnJsonModel } from '../shared/nnjson';

export type ImageTensorShape = [channels: number, height: number, width: number];

export interface ConvFilters {
  layerId: string;
  /** out × in filters of kernel height × width, row-major as the file's W [out, in, kh, kw]. */
  outChannels: number;
  inChannels: number;
  kernel: [height: number, width: number];
  values: Float32Array;
}

/** The layers whose outputs are images worth showing one channel at a time. */
const MAP_LAYERS: ReadonlySet<LayerType> = new Set<LayerType>(['Conv2D', 'MaxPool2D', 'AvgPool2D']);

export interface FeatureMap {
  layerId: string;
  type: LayerType;
  /** The layer's output for the image: C channels of H × W, row-major CHW. */
  shape: ImageTensorShape;
  values: Float32Array;
}

/** The trained filters of the model's first Conv2D layer, or why there are none to show (a sentence). */
export function firstConvFilters(model: NnJsonModel): ConvFilters | { missing: string } {
  const conv = model.layers.find((layer) => layer.type === 'Conv2D');
  if (!conv) return { missing: 'The model has no Conv2D layer, so it has no filters to show.' };
  const weight = model.parameters?.[conv.id]?.W;
  if (!weight) return { missing: `Train the model to see the filters of ${conv.id}.` };
  const decoded = tensorValues(weight);
  if ('error' in decoded) return { missing: `parameters.${conv.id}.W cannot be read (${decoded.error}): train the model again.` };
  const [outChannels, inChannels, height, width] = weight.shape;
  if (weight.shape.length !== 4 || decoded.values.length !== outChannels * inChannels * height * width) {
    return { missing: `parameters.${conv.id}.W has shape ${JSON.stringify(weight.shape)}, not [out, in, kh, kw]: train the model again.` };
  }
  return { layerId: conv.id, outChannels, inChannels, kernel: [height, width], values: decoded.values };
}

/** Whether the model has layers whose feature maps `featureMaps` gives. */
export function hasFeatureMapLayers(model: NnJsonModel): boolean {
  return model.layers.some((layer) => MAP_LAYERS.has(layer.type));
}

/**
 * The feature maps of every Conv2D and pooling layer of `network` (built for `model`) for one image, given as its
 * C·H·W pixels before normalisation: they are normalised as training normalised them (`data.fitted`) first.
 */
export function featureMaps(model: NnJsonModel, network: Sequential, pixels: ArrayLike<number>): FeatureMap[] {
  const input = Float32Array.from(pixels);
  const fitted = model.data?.fitted;
  if (fitted?.featureOffset && fitted.featureScale) applyScaling(input, input.length, fitted.featureOffset, fitted.featureScale);
  const outputs = predictLayers(network, new Tensor(1, input.length, input));
  const shapes = modelShapes(model);
  const maps: FeatureMap[] = [];
  model.layers.forEach((layer, index) => {
    const shape = shapes[index + 1];
    if (!MAP_LAYERS.has(layer.type) || shape?.length !== 3) return;
    maps.push({ layerId: layer.id, type: layer.type, shape: [shape[0], shape[1], shape[2]], values: outputs[index].data });
  });
  return maps;
}
