/**
 * Statistics of a model's trained tensors: shape, count, min, max, mean, standard deviation and a histogram. The
 * builder's weight table, `nnjson textconv` and the comparison view read them here. Pure and browser-safe.
 */
import { tensorValues } from '../model/tensor-codec';
import type { NnJsonModel } from '../shared/nnjson';

export interface TensorStats {
  layerId: string;
  name: string;
  shape: number[];
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Equal-width bins from min to max. */
  histogram: number[];
}

/** The statistics of every tensor of the file that decodes, in layer order; tensors of ids no layer has are left out. */
export function tensorStatistics(model: NnJsonModel, bins = 24): TensorStats[] {
  const stats: TensorStats[] = [];
  for (const layer of model.layers) {
    const tensors = model.parameters?.[layer.id];
    if (!tensors) continue;
    for (const [name, tensor] of Object.entries(tensors)) {
      const decoded = tensorValues(tensor);
      if ('error' in decoded || decoded.values.length === 0) continue;
      stats.push(summarize(layer.id, name, tensor.shape, decoded.values, bins));
    }
  }
  return stats;
}

export function summarize(layerId: string, name: string, shape: number[], values: Float32Array, bins: number): TensorStats {
  let min = Infinity, max = -Infinity, sum = 0;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const histogram = new Array<number>(bins).fill(0);
  const width = max - min;
  for (const value of values) {
    const bin = width > 0 ? Math.min(bins - 1, Math.floor(((value - min) / width) * bins)) : Math.floor(bins / 2);
    histogram[bin] += 1;
  }
  return { layerId, name, shape, count: values.length, min, max, mean, std: Math.sqrt(squares / values.length), histogram };
}
