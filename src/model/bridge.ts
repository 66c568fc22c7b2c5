/**
 * Model file <-> engine: builds the network a `.nnjson` model describes (initialised from `training.seed`,
 * then loaded with the file's trained parameters) and exports trained tensors back into file form.
 * Browser-safe, like the engine.
 */
import { createNetwork } from '../engine/factory';
import type { Sequential } from '../engine/layers/sequential';
import { namedParameters } from '../engine/named-parameters';
import { Random } from '../engine/random';
import type { Tensor } from '../engine/tensor';
import { TRAINING_DEFAULTS, type NnJsonModel, type ParametersJson, type TensorJson } from '../shared/nnjson';
import { inputShape, modelWidthShapes, resolveLayers } from './layer-widths';
import { parameterShapes } from './shapes';
import { shapeSize, tensorJson, tensorValues } from './tensor-codec';

/** A model whose parameters do not fit its layers. The reader reports the same problems as diagnostics first. */
export class ParameterLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterLoadError';
  }
}

/**
 * The file shape of each tensor each layer of `model` stores, from its descriptor (Linear W [in, out], b [out]):
 * entry i is layer i's. The engine keeps every tensor as rows × cols; the values are the same, row-major.
 */
function fileShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): Record<string, number[] | undefined>[] {
  const shapes = modelWidthShapes(model);
  return model.layers.map((layer, index) => parameterShapes(layer, shapes[index]));
}

/** `shape`, known, or the engine tensor's own rows × cols where a width of the file is not known. */
function shapeOf(shape: number[] | undefined, tensor: Tensor): number[] {
  return shape ?? [tensor.rows, tensor.cols];
}

function loadTensor(target: Tensor, expected: number[], source: TensorJson, layerId: string, name: string): void {
  const place = `parameters.${layerId}.${name}`;
  if (!Array.isArray(source.shape) || JSON.stringify(source.shape) !== JSON.stringify(expected)) {
    throw new ParameterLoadError(`${place} has shape ${JSON.stringify(source.shape)} but layer ${layerId} needs ${JSON.stringify(expected)}: retrain the model`);
  }
  const decoded = tensorValues(source);
  if ('error' in decoded) throw new ParameterLoadError(`${place}: ${decoded.error}`);
  if (decoded.values.length !== shapeSize(expected)) {
    throw new ParameterLoadError(`${place} has ${decoded.values.length} values but shape ${JSON.stringify(expected)} needs ${shapeSize(expected)}: retrain the model`);
  }
  target.data.set(decoded.values);
}

/**
 * The network of `model`, with the widths the file leaves out resolved: weights drawn from `training.seed` (default
 * 42) in layer order, then replaced by the file's trained tensors where it has them. Layers without an entry in
 * `parameters`, and single tensors an entry lacks (a bias turned on after training), keep their fresh weights.
 * Throws RangeError for impossible layer settings and ParameterLoadError for tensors that do not fit; both cases
 * are reported by `readModel` as error diagnostics, so callers that checked those never see the throw.
 */
export function buildNetwork(model: NnJsonModel): Sequential {
  const network = createNetwork(resolveLayers(model), new Random(model.training?.seed ?? TRAINING_DEFAULTS.seed), inputShape(model.input));
  const parameters = model.parameters;
  if (!parameters) return network;
  const shapes = fileShapes(model);
  model.layers.forEach((layer, index) => {
    const stored = parameters[layer.id];
    if (stored === undefined) return;
    const live = namedParameters(layer.type, network.modules[index]);
    for (const name of Object.keys(stored)) {
      if (!(name in live)) throw new ParameterLoadError(`parameters.${layer.id}.${name} is not a parameter of ${layer.type} layer ${layer.id}: remove it`);
    }
    for (const [name, tensor] of Object.entries(live)) {
      const source = stored[name];
      if (source !== undefined) loadTensor(tensor, shapeOf(shapes[index][name], tensor), source, layer.id, name);
    }
  });
  return network;
}

/** The trained tensors of `network` in file form, keyed by the ids of `model.layers` (same order as the network). */
export function exportParameters(network: Sequential, model: Pick<NnJsonModel, 'input' | 'layers'>): ParametersJson {
  if (network.modules.length !== model.layers.length) {
    throw new RangeError(`the network has ${network.modules.length} layers but the model lists ${model.layers.length}`);
  }
  const parameters: ParametersJson = {};
  const shapes = fileShapes(model);
  model.layers.forEach((layer, index) => {
    const live = namedParameters(layer.type, network.modules[index]);
    const names = Object.keys(live);
    if (names.length === 0) return;
    const tensors: Record<string, TensorJson> = {};
    for (const name of names) tensors[name] = tensorJson(shapeOf(shapes[index][name], live[name]), live[name].data);
    parameters[layer.id] = tensors;
  });
  return parameters;
}

/** A copy of `model` carrying the network's trained parameters (the rest of the model is shared, not copied). */
export function withTrainedParameters(model: NnJsonModel, network: Sequential): NnJsonModel {
  return { ...model, parameters: exportParameters(network, model) };
}
