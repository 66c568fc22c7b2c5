import { kernels } from './kernels';
import { Tensor } from './tensor';

/** A zero-filled tensor whose storage comes from the active kernel set (WASM kernels hand out their memory). */
export function allocateTensor(rows: number, cols: number): Tensor {
  return new Tensor(rows, cols, kernels().allocate(rows * cols));
}

/**
 * Reusable output buffers for one producer (a layer's output, its input gradient, a batch of rows...), one per
 * shape. Training alternates between very few shapes (the batch size, the last smaller batch, the validation
 * batches), so after the first epoch no step allocates and memory per step stays flat. Kernel sets that own
 * their memory (WebAssembly) rely on this: storage is never given back, so it must not be requested per step.
 *
 * A tensor returned by `get` is overwritten by the next call with the same shape: callers that keep results copy them.
 */
export class TensorPool {
  private last: Tensor | null = null;
  private readonly byShape = new Map<string, Tensor>();

  get(rows: number, cols: number): Tensor {
    const last = this.last;
    if (last !== null && last.rows === rows && last.cols === cols) return last;
    const key = `${rows}x${cols}`;
    let tensor = this.byShape.get(key);
    if (tensor === undefined) {
      tensor = allocateTensor(rows, cols);
      this.byShape.set(key, tensor);
    }
    this.last = tensor;
    return tensor;
  }
}
