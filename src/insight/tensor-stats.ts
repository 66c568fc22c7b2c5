/**
 * A tensor's statistics and histogram, as the builder's insight panel and the ONNX viewer show them (the .nnjson
 * tensors of webview/inference/model-insight.ts, an ONNX file's initializers of src/import/onnx/inspection.ts).
 * Browser-safe.
 */

export interface TensorStats {
  /** The layer the tensor belongs to; '' for an ONNX initializer, which `name` names in full. */
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
