/**
 * What every export format reads from a trained model: its layers in order, each with its descriptor, its complete
 * settings and its tensors as the file stores them (Linear W [in, out]), the input and output shapes and the task;
 * or an ExportError naming every layer the format has no form for. Browser-safe.
 */
import { taskOfLoss } from '../data/preprocess';
import type { Task } from '../data/dataset';
import type { Module } from '../engine/module';
import { inputShape, layerShapes, resolveLayers, widthShapes } from '../model/layer-widths';
import { trainedNetwork } from '../model/network-state';
import { parameterShapes } from '../model/shapes';
import { layerValues, type LayerDescriptor, type Shape } from '../registry/layer-descriptor';
import { layerDescriptor } from '../registry/layers/index';
import type { CompleteValues, Settings } from '../registry/settings';
import type { LayerSpec, NnJsonModel } from '../shared/nnjson';
import { ExportError } from './export-error';

/** A tensor a layer stores, as the file has it: shape and row-major values. */
export interface StoredTensor {
  readonly dims: readonly number[];
  readonly values: Float32Array;
}

export interface ExportedLayer {
  readonly layer: LayerSpec;
  readonly descriptor: LayerDescriptor;
  readonly settings: CompleteValues<Settings>;
  /** By file name (`W`, `b`), in the descriptor's order; a tensor the layer does not have is absent. */
  readonly tensors: ReadonlyMap<string, StoredTensor>;
}

export interface ExportedModel {
  readonly layers: readonly ExportedLayer[];
  readonly inputShape: Shape;
  /** One sample's output, [features]. */
  readonly outputWidth: number;
  readonly task: Task;
}

/** The tensors `module` holds for `layer`, by file name, with their file shapes. */
function storedTensors(descriptor: LayerDescriptor, layer: LayerSpec, widthShape: Shape | undefined, module: Module): Map<string, StoredTensor> {
  const shapes = parameterShapes(layer, widthShape);
  const tensors = new Map<string, StoredTensor>();
  for (const parameter of descriptor.parameters) {
    const live = parameter.of(module);
    if (live !== null) tensors.set(parameter.name, { dims: shapes[parameter.name] ?? [live.rows, live.cols], values: live.data });
  }
  return tensors;
}

/**
 * The model's layers for the format `formatLabel` ("ONNX"), whose form of a layer type `hasForm` tells; a layer
 * without one fails the export, naming it.
 */
export function exportedModel(model: NnJsonModel, formatLabel: string, hasForm: (descriptor: LayerDescriptor) => boolean): ExportedModel {
  const missing = model.layers.filter((layer) => !hasForm(layerDescriptor(layer.type))).map((layer) => `${layer.id} (${layer.type})`);
  if (missing.length > 0) {
    throw new ExportError(
      `${missing.length === 1 ? 'layer' : 'layers'} ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no ${formatLabel} form, so the model ` +
        `cannot be exported to ${formatLabel}: remove or replace the layer (a layer type gains one in its descriptor, docs/adding-a-layer.md)`,
    );
  }
  const network = trainedNetwork(model);
  const input = inputShape(model.input);
  const chain = layerShapes(input, model.layers);
  const fromWidths = widthShapes(chain);
  const resolved = resolveLayers(model);
  const output = chain.shapes[chain.shapes.length - 1];
  if (output === undefined || output.length !== 1) {
    throw new ExportError(`the network's output is ${output === undefined ? 'not known' : `[${output.join(', ')}] per sample`}: end it in a layer that gives [features] (a Linear)`);
  }
  const layers = model.layers.map((layer, index): ExportedLayer => {
    const descriptor = layerDescriptor(layer.type);
    return {
      layer,
      descriptor,
      settings: layerValues(descriptor, resolved[index], chain.shapes[index]) as CompleteValues<Settings>,
      tensors: storedTensors(descriptor, layer, fromWidths[index], network.modules[index]),
    };
  });
  return { layers, inputShape: input, outputWidth: output[0], task: taskOfLoss(model.loss.type) };
}
