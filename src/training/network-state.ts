/** The engine network for a model file, through the model module's bridge. Browser-safe. */
import type { Sequential } from '../engine/index';
import { buildNetwork, exportParameters } from '../model/bridge';
import type { NnJsonModel, ParametersJson } from '../shared/nnjson';

/** A network for `model`: initialised from `seed`, then loaded with the file's parameters where present. */
export function networkForModel(model: NnJsonModel, seed: number): Sequential {
  return buildNetwork({ ...model, training: { ...model.training, seed } });
}

/** True when the file holds at least one trained tensor. */
export function hasParameters(model: NnJsonModel): boolean {
  return model.parameters !== undefined && Object.values(model.parameters).some((layer) => Object.keys(layer).length > 0);
}

/** The network's tensors as the file's `parameters` object. */
export function parametersOfNetwork(network: Sequential, model: NnJsonModel): ParametersJson {
  return exportParameters(network, model);
}
