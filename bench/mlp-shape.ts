/** The benchmark network and data: an MNIST-shaped MLP trained with SGD on random data. */
import type { LayerSpec } from '../src/shared/nnjson';
import { randomClassData, type TrainingBench } from './random-data';
export const MLP_BENCH = 'mlp-784-256-128-10';
export const MLP_SIZES = [784, 256, 128, 10] as const;
export const MLP_BATCH = 128;
export const MLP_LEARNING_RATE = 0.01;
/** Rows of random data cycled through in batches (a few batches, so data never dominates memory). */
export const MLP_ROWS = MLP_BATCH * 8;

/** Random pixels in [0, 1) and one-hot labels (bench/random-data.ts). */
export function mlpData(): { x: Float32Array; y: Float32Array } {
  return randomClassData(MLP_ROWS, MLP_SIZES[0], MLP_SIZES[MLP_SIZES.length - 1]);
}

/** The MLP as a network of this engine: Linear + ReLU, a SoftMax last. */
export const MLP_NETWORK: TrainingBench = {
  bench: MLP_BENCH,
  input: { size: MLP_SIZES[0] },
  layers: MLP_SIZES.slice(1).flatMap((out, i): LayerSpec[] => [
    { type: 'Linear', id: `fc${i + 1}`, out },
    i + 2 < MLP_SIZES.length ? { type: 'ReLU', id: `relu${i + 1}` } : { type: 'SoftMax', id: 'softmax' },
  ]),
  batch: MLP_BATCH,
  learningRate: MLP_LEARNING_RATE,
  data: mlpData,
};
