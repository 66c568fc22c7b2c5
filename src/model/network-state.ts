/** The engine network for a model file, through the model module's bridge. Browser-safe. */
import { predict, Tensor, type Sequential } from '../engine/index';
import { DataError } from '../data/errors';
import { buildNetwork, exportParameters } from './bridge';
import type { NnJsonModel, ParametersJson } from '../shared/nnjson';

/** A network for `model`: initialised from `seed`, then loaded with the file's parameters where present. */
export function networkForModel(model: NnJsonModel, seed: number): Sequential {
  return buildNetwork({ ...model, training: { ...model.training, seed } });
}

/** True when the file holds at least one trained tensor. */
export function hasParameters(model: NnJsonModel): boolean {
  return model.parameters !== undefined && Object.values(model.parameters).some((layer) => Object.keys(layer).length > 0);
}

/**
 * The network that evaluation, prediction and export run: the file's trained parameters, or a DataError that says to
 * train first.
 */
export function trainedNetwork(model: NnJsonModel): Sequential {
  if (!hasParameters(model)) {
    throw new DataError('the model has no trained parameters: train it first (nnjson train MODEL)');
  }
  return networkForModel(model, model.training?.seed ?? 0);
}

/** The network's tensors as the file's `parameters` object. */
export function parametersOfNetwork(network: Sequential, model: NnJsonModel): ParametersJson {
  return exportParameters(network, model);
}

function argmax(data: Float32Array, offset: number, width: number): number {
  if (width === 1) return data[offset] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < width; c++) if (data[offset + c] > data[offset + best]) best = c;
  return best;
}

/**
 * The network as a function from normalised rows to one probability per class. A file whose output width does not
 * match its classes (edited after training) still draws: each row counts as certain of its highest output.
 */
export function classProbabilities(network: Sequential, classes: number): (inputs: Float32Array, rows: number) => Float32Array {
  return (inputs, rows) => {
    const output = predict(network, new Tensor(rows, rows > 0 ? inputs.length / rows : 0, inputs));
    if (output.cols === classes) return output.data.slice();
    const oneHot = new Float32Array(rows * classes);
    for (let r = 0; r < rows; r++) {
      const predicted = argmax(output.data, r * output.cols, output.cols);
      if (predicted < classes) oneHot[r * classes + predicted] = 1;
    }
    return oneHot;
  };
}
