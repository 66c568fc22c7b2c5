/**
 * Moves trained tensors between a model file's `parameters` and an engine network. Browser-safe.
 * Shapes follow the file contract: Linear W [in, out] and b [out]; BatchNorm tensors [features].
 */
import { createNetwork, namedParameters, Random, type Sequential } from '../engine/index';
import { tensorJson, tensorValues } from '../model/tensor-codec';
import type { NnJsonModel, ParametersJson } from '../shared/nnjson';
import { DataError } from '../data/errors';

/** A network for `model`: initialised from `seed`, then overwritten with the file's parameters where present. */
export function networkForModel(model: NnJsonModel, seed: number): Sequential {
  const network = createNetwork(model.layers, new Random(seed));
  const stored = model.parameters ?? {};
  model.layers.forEach((layer, i) => {
    const saved = stored[layer.id];
    if (!saved) return;
    for (const [name, tensor] of Object.entries(namedParameters(network.modules[i]))) {
      const json = saved[name];
      if (!json) continue;
      const decoded = tensorValues(json);
      if ('error' in decoded) throw new DataError(`parameters.${layer.id}.${name}: ${decoded.error}: delete it and train again`);
      if (decoded.values.length !== tensor.size) {
        throw new DataError(
          `parameters.${layer.id}.${name} holds ${decoded.values.length} values but layer ${layer.id} needs ${tensor.size}: ` +
            'delete the layer\'s parameters and train again',
        );
      }
      tensor.data.set(decoded.values);
    }
  });
  return network;
}

/** True when the file holds at least one trained tensor. */
export function hasParameters(model: NnJsonModel): boolean {
  return model.parameters !== undefined && Object.values(model.parameters).some((layer) => Object.keys(layer).length > 0);
}

/** The network's tensors as the file's `parameters` object. */
export function parametersOfNetwork(network: Sequential, model: NnJsonModel): ParametersJson {
  const parameters: ParametersJson = {};
  model.layers.forEach((layer, i) => {
    const named = Object.entries(namedParameters(network.modules[i]));
    if (named.length === 0) return;
    parameters[layer.id] = {};
    for (const [name, tensor] of named) {
      const shape = name === 'W' ? [tensor.rows, tensor.cols] : [tensor.size];
      parameters[layer.id][name] = tensorJson(shape, tensor.data.slice(0, tensor.size));
    }
  });
  return parameters;
}
