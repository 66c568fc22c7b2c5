import type { Tensor } from './tensor';
import { TensorPool } from './tensor-pool';

export interface BatchPools {
  inputs: TensorPool;
  targets: TensorPool;
}

const poolsByModel = new WeakMap<object, BatchPools>();

/**
 * The batch buffers of one model, shared by every train/evaluate/predict call on it: kernel sets that own their
 * memory never free it, so repeated calls (a prediction per epoch, say) must not ask for new buffers each time.
 */
export function batchPools(model: object): BatchPools {
  let pools = poolsByModel.get(model);
  if (pools === undefined) {
    pools = { inputs: new TensorPool(), targets: new TensorPool() };
    poolsByModel.set(model, pools);
  }
  return pools;
}

/** Copies rows `indices[start .. start+count)` of `source` into a pooled [count, cols] tensor in kernel memory. */
export function gatherRows(source: Tensor, indices: Uint32Array, start: number, count: number, pool: TensorPool): Tensor {
  const cols = source.cols;
  const batch = pool.get(count, cols);
  const from = source.data;
  const to = batch.data;
  for (let r = 0; r < count; r++) {
    const row = indices[start + r];
    to.set(from.subarray(row * cols, row * cols + cols), r * cols);
  }
  return batch;
}

/**
 * Start offsets of the mini-batches over `rows` rows, plus the end. When batches are larger than one row, a
 * trailing batch of a single row is merged into the one before it: a batch of one has no variance, which
 * BatchNorm cannot train on. (A batch size of 1 is taken as asked; BatchNorm then reports the problem.)
 */
export function batchBounds(rows: number, batchSize: number): number[] {
  const bounds: number[] = [];
  for (let start = 0; start < rows; start += batchSize) bounds.push(start);
  if (batchSize > 1 && bounds.length > 1 && rows - bounds[bounds.length - 1] === 1) bounds.pop();
  bounds.push(rows);
  return bounds;
}

export function identityIndices(count: number): Uint32Array {
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  return indices;
}
