/**
 * The hot loops of the engine, behind one interface so that a faster implementation
 * (WebAssembly SIMD, two threads) can replace the pure TypeScript one without touching the layers.
 *
 * All arrays are row-major float32. Unless a doc says "accumulate", outputs are overwritten.
 * Dimensions are passed explicitly; implementations must not allocate on the hot path.
 */
import { typescriptKernels } from './kernels-ts';
import type { Window2D } from './window';

/** The numeric settings of an element-wise activation, in the order its kernels take them (ELU: [alpha]). */
export type ActivationSettings = readonly number[];

/**
 * The kernels of one element-wise activation f, in its own file under `elementwise/`. They are the TypeScript
 * implementation; the WebAssembly one is `assembly/elementwise/<file>.ts`, exported from `assembly/index.ts` as
 * `<name>(x, out, length, ...settings)` and `<name>Backward(x, gradOut, gradIn, length, ...settings)`.
 * The derivative is computed from x, not from the float32 output: for tanh, 1 - y² loses every digit once y
 * rounds to ±1.
 */
export interface ElementwiseKernels<Settings extends ActivationSettings = readonly []> {
  /** The name of the WebAssembly exports, e.g. "elu". */
  readonly name: string;
  /** out = f(x) */
  forward(x: Float32Array, out: Float32Array, length: number, settings: Settings): void;
  /** gradIn = gradOut * f'(x) */
  backward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number, settings: Settings): void;
}

export interface Kernels {
  /** A short name for logs and benchmarks, e.g. "ts" or "wasm-simd". */
  readonly name: string;

  /** Storage for a tensor of `length` floats, zero-filled. WASM kernels return views into their memory. */
  allocate(length: number): Float32Array;

  /** out[m,n] = a[m,k] · b[k,n] */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void;
  /** out[k,n] = aᵀ · b, where a is [m,k] and b is [m,n] (weight gradient Xᵀ dY). */
  matmulTransA(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void;
  /** out[m,k] = a · bᵀ, where a is [m,n] and b is [k,n] (input gradient dY Wᵀ). */
  matmulTransB(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void;

  /** x[m,n] += bias[n] for every row. */
  addRowVector(x: Float32Array, bias: Float32Array, m: number, n: number): void;
  /** out[n] = sum over rows of a[m,n] (bias gradient). */
  sumRows(a: Float32Array, out: Float32Array, m: number, n: number): void;

  /** out = max(x, 0) */
  relu(x: Float32Array, out: Float32Array, length: number): void;
  /** gradIn = gradOut where x > 0, else 0 */
  reluBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number): void;
  /** out = x > 0 ? x : slope * x */
  leakyRelu(x: Float32Array, out: Float32Array, length: number, slope: number): void;
  leakyReluBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number, slope: number): void;
  /** out = 1 / (1 + exp(-x)) */
  sigmoid(x: Float32Array, out: Float32Array, length: number): void;
  /** gradIn = gradOut * y * (1 - y), given y = sigmoid(x) */
  sigmoidBackward(y: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number): void;
  /** out = f(x) for an element-wise activation f (Tanh, ELU, GELU, SiLU, Softplus): see ElementwiseKernels. */
  elementwise<Settings extends ActivationSettings>(
    f: ElementwiseKernels<Settings>, x: Float32Array, out: Float32Array, length: number, settings: Settings,
  ): void;
  /** gradIn = gradOut * f'(x) */
  elementwiseBackward<Settings extends ActivationSettings>(
    f: ElementwiseKernels<Settings>, x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number,
    settings: Settings,
  ): void;
  /** Row-wise softmax with the row maximum subtracted first. */
  softmax(x: Float32Array, out: Float32Array, m: number, n: number): void;
  /** gradIn = y * (gradOut - rowsum(gradOut * y)), given y = softmax(x) */
  softmaxBackward(y: Float32Array, gradOut: Float32Array, gradIn: Float32Array, m: number, n: number): void;

  /**
   * 2-D convolution (PyTorch's cross-correlation) of a [batch, C, H, W] input under `window`:
   * out[n, o, oy, ox] = bias[o] + Σ_{c,i,j} weight[o, c, i, j] · x[n, c, oy·sh − ph + i, ox·sw − pw + j],
   * with padding read as 0; out is [batch, outChannels, outH, outW] and `bias` may be null.
   */
  conv2d(
    x: Float32Array, weight: Float32Array, bias: Float32Array | null, out: Float32Array, batch: number, window: Window2D,
    outChannels: number,
  ): void;
  /**
   * The gradients of conv2d given gradOut ([batch, outChannels, outH, outW]): gradWeight and gradBias are
   * overwritten with the sums over the batch, and gradIn with the input gradient; each one that is not null.
   */
  conv2dBackward(
    x: Float32Array, gradOut: Float32Array, weight: Float32Array, gradWeight: Float32Array | null, gradBias: Float32Array | null,
    gradIn: Float32Array | null, batch: number, window: Window2D, outChannels: number,
  ): void;
  /** out[n, c, oy, ox] = the maximum of x[n, c] over the window (padding is −∞). */
  maxPool(x: Float32Array, out: Float32Array, batch: number, window: Window2D): void;
  /** gradIn (overwritten) = each gradOut added at the FIRST maximum of its window in x, as PyTorch does. */
  maxPoolBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, batch: number, window: Window2D): void;
  /** out[n, c, oy, ox] = the mean of x[n, c] over the window, padding counted as zeros (count_include_pad). */
  avgPool(x: Float32Array, out: Float32Array, batch: number, window: Window2D): void;
  /** gradIn (overwritten) = each gradOut / (kh·kw) added to every input position of its window. */
  avgPoolBackward(gradOut: Float32Array, gradIn: Float32Array, batch: number, window: Window2D): void;

  /** w -= lr * g */
  sgdUpdate(w: Float32Array, g: Float32Array, length: number, lr: number): void;
  /** u = momentum * u + lr * g; w -= u */
  momentumUpdate(w: Float32Array, g: Float32Array, u: Float32Array, length: number, lr: number, momentum: number): void;
  /** s = beta * s + (1 - beta) * g²; w -= lr * g / sqrt(s + eps) */
  rmspropUpdate(w: Float32Array, g: Float32Array, s: Float32Array, length: number, lr: number, beta: number, eps: number): void;
  /**
   * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; mhat = m / (1-b1^t); vhat = v / (1-b2^t);
   * Adam:  w -= lr * mhat / (sqrt(vhat) + eps)
   * Nadam: w -= lr * (b1 * mhat + (1-b1) * g / (1-b1^t)) / (sqrt(vhat) + eps)
   */
  adamUpdate(
    w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, length: number,
    lr: number, beta1: number, beta2: number, eps: number, step: number, nesterov: boolean,
  ): void;

  /** y += alpha * x (weight decay: g += λ·w coupled, w += −lr·λ·w decoupled) */
  addScaled(y: Float32Array, x: Float32Array, length: number, alpha: number): void;
  /** x *= factor (gradient clipping) */
  scale(x: Float32Array, length: number, factor: number): void;
  /** The sum of x², accumulated in double precision (the squared norm of a gradient). */
  sumOfSquares(x: Float32Array, length: number): number;
}

let active: Kernels = typescriptKernels;

/** The kernel set every layer uses. Defaults to the pure TypeScript implementation. */
export function kernels(): Kernels {
  return active;
}

/** Replace the kernel set (e.g. with WebAssembly SIMD). Call before building a model. */
export function useKernels(implementation: Kernels): void {
  active = implementation;
}
