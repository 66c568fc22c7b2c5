/**
 * Shape inference over the layer list: each layer's widths and the tensors it stores, counted from the layer
 * descriptors (src/registry/layers/), trained and state apart. What a torchinfo-style summary shows. Browser-safe.
 */
import { layerDescriptor, type LayerType } from '../registry/layers/index';
import { layerValues, type Shape, type TensorRole } from '../registry/layer-descriptor';
import type { NnJsonModel } from '../shared/nnjson';
import { inputLength, inputShape, layerShapes, shapeWidth, widthShapes, type WidthLayer } from './layer-widths';
import { shapeSize } from './tensor-codec';

export interface LayerShape {
  index: number;
  id: string;
  type: LayerType;
  /** The shape of one sample coming in and going out (`[features]`, `[C, H, W]`); undefined where not known. */
  inputShape: Shape | undefined;
  outputShape: Shape | undefined;
  /** The shape its left-out width is read from (`widthShapes`): the input shape, or C·H·W for a Linear after an image shape. */
  widthShape: Shape | undefined;
  /** The width of a `[features]` shape; NaN for a shape of more dimensions or one not known. */
  inputWidth: number;
  outputWidth: number;
  /** every value the layer stores: trainable and non-trainable */
  parameterCount: number;
  /** values the optimizer trains (Linear W and b, BatchNorm gamma and beta) */
  trainableCount: number;
  /** stored state that is not trained (BatchNorm's running mean and variance, PyTorch's buffers) */
  stateCount: number;
}

export interface ShapeSummary {
  /** `[input.size]` or `input.shape`. */
  inputShape: Shape;
  /** The number of values in one input sample: input.size, or C·H·W. */
  inputWidth: number;
  outputShape: Shape | undefined;
  /** The width of the network's output; NaN when it is not a known `[features]` shape. */
  outputWidth: number;
  layers: LayerShape[];
  /** trainable plus non-trainable, as Keras counts them: everything under `parameters` in the file */
  totalParameters: number;
  trainableParameters: number;
  nonTrainableParameters: number;
  /** the size of everything under `parameters` in the file, as float32 */
  parameterBytes: number;
}

/** One tensor a layer stores, with its file shape (undefined where a width it depends on is not known). */
export interface LayerTensor {
  name: string;
  role: TensorRole;
  shape: number[] | undefined;
}

/**
 * The tensors `layer` stores under `parameters.<id>`, in writing order, given the shape coming in: e.g. Linear
 * W [in, out] and b [out] (no b without bias), BatchNorm gamma, beta, runningMean, runningVar [features].
 */
export function layerTensors(layer: WidthLayer & { type: LayerType }, incoming: Shape | undefined): LayerTensor[] {
  const descriptor = layerDescriptor(layer.type);
  const values = layerValues(descriptor, layer, incoming);
  const tensors: LayerTensor[] = [];
  for (const tensor of descriptor.parameters) {
    const shape = tensor.shape(values, incoming);
    if (shape === undefined) continue;
    const known = shape.every((dimension) => dimension !== undefined) ? [...shape] as number[] : undefined;
    tensors.push({ name: tensor.name, role: tensor.role, shape: known });
  }
  return tensors;
}

/** `layerTensors` as name → file shape, for `layer` with the shape `incoming` coming in. */
export function parameterShapes(layer: WidthLayer & { type: LayerType }, incoming: Shape | undefined): Record<string, number[] | undefined> {
  return Object.fromEntries(layerTensors(layer, incoming).map(({ name, shape }) => [name, shape]));
}

/** A shape as the notes and messages write it: `[16, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** A batch of samples of `shape`, as the summary's output column writes it: `[N, 64]`, `[N, 6, 24, 24]`, or `?`. */
export function formatBatchShape(shape: Shape | undefined): string {
  return shape === undefined ? '?' : `[N, ${shape.join(', ')}]`;
}

/** One sample's shape as the builder's cards write it: `64` for features, `6×24×24` for C×H×W, `?` when not known. */
export function shapeText(shape: Shape | undefined): string {
  return shape === undefined ? '?' : shape.join('×');
}

export function inferShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): ShapeSummary {
  const chain = layerShapes(inputShape(model.input), model.layers);
  const shapes = chain.shapes;
  const fromWidths = widthShapes(chain);
  const width = (shape: Shape | undefined) => shapeWidth(shape) ?? Number.NaN;
  const layers = model.layers.map((layer, index): LayerShape => {
    let trainableCount = 0;
    let stateCount = 0;
    for (const tensor of layerTensors(layer, fromWidths[index])) {
      const count = tensor.shape ? shapeSize(tensor.shape) : Number.NaN;
      if (tensor.role === 'trained') trainableCount += count;
      else stateCount += count;
    }
    return {
      index, id: layer.id, type: layer.type, inputShape: shapes[index], outputShape: shapes[index + 1], widthShape: fromWidths[index],
      inputWidth: width(shapes[index]), outputWidth: width(shapes[index + 1]),
      parameterCount: trainableCount + stateCount, trainableCount, stateCount,
    };
  });
  const sum = (count: (layer: LayerShape) => number) => layers.reduce((total, layer) => total + count(layer), 0);
  const totalParameters = sum((layer) => layer.parameterCount);
  return {
    inputShape: inputShape(model.input),
    inputWidth: inputLength(model.input),
    outputShape: shapes[shapes.length - 1],
    outputWidth: width(shapes[shapes.length - 1]),
    layers,
    totalParameters,
    trainableParameters: sum((layer) => layer.trainableCount),
    nonTrainableParameters: sum((layer) => layer.stateCount),
    parameterBytes: totalParameters * 4,
  };
}

/** "1,234" style grouping without locale surprises (the CLI and the webview show the same text). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "919 KB" etc, powers of 1024 like torchinfo's "Params size (MB)". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}
