/** What the training benchmarks share: the shape of a benchmark network, and its random data. */
import type { InputSpec, LayerSpec } from '../src/shared/nnjson';

/** A network trained with plain SGD and softmax cross-entropy on random data, in batches of `batch`. */
export interface TrainingBench {
  bench: string;
  input: InputSpec;
  layers: LayerSpec[];
  batch: number;
  learningRate: number;
  /** Rows of inputs (each the input's values) and one-hot labels, cycled through in batches. */
  data(): { x: Float32Array; y: Float32Array };
}

/** `rows` rows of `inputs` random values in [0, 1) and one-hot labels of `classes`, from a fixed sequence. */
export function randomClassData(rows: number, inputs: number, classes: number): { x: Float32Array; y: Float32Array } {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const x = new Float32Array(rows * inputs);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) y[r * classes + Math.floor(next() * classes)] = 1;
  return { x, y };
}
