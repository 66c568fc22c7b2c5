/**
 * GEMM throughput rows (GFLOP/s): square products and the products one training step of the 784-256-128-10 MLP
 * at batch 128 runs, in each of the three forms. Bench names: `gemm-N` (N×N×N, X W), `gemm-MxKxN` for
 * C[M,N] = A[M,K] · B[K,N], with suffix `-tn` when A is read transposed (the weight gradient Xᵀ dY) and `-nt`
 * when B is (the input gradient dY Wᵀ).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Kernels } from '../src/engine/kernels';
import { rate, type BenchCase } from './bench-case';
import { withKernels } from './kernel-choice';
import { tfjsOnWasm, type Tf } from './tfjs-wasm-backend';

export type GemmForm = 'nn' | 'tn' | 'nt';

export interface GemmShape {
  m: number;
  k: number;
  n: number;
  form: GemmForm;
}

/**
 * A GEMM (or another single kernel) reaches a steady rate much sooner than a training run: it measures for half a
 * round's time (at least a quarter second) after one warm-up call, so that the many kernel rows keep the whole
 * benchmark short.
 */
function gemmSeconds(seconds: number): number {
  return Math.max(0.25, seconds / 2);
}
const GEMM_WARM_UP = 1;

export const SQUARE_GEMMS: GemmShape[] = [128, 256, 512, 1024].map((s) => ({ m: s, k: s, n: s, form: 'nn' }));

/** Forward X W per layer, weight gradients Xᵀ dY per layer, input gradients dY Wᵀ (not for the first layer). */
export const MLP_GEMMS: GemmShape[] = [
  { m: 128, k: 784, n: 256, form: 'nn' },
  { m: 128, k: 256, n: 128, form: 'nn' },
  { m: 128, k: 128, n: 10, form: 'nn' },
  { m: 784, k: 128, n: 256, form: 'tn' },
  { m: 256, k: 128, n: 128, form: 'tn' },
  { m: 128, k: 128, n: 10, form: 'tn' },
  { m: 128, k: 128, n: 256, form: 'nt' },
  { m: 128, k: 10, n: 128, form: 'nt' },
];

export function gemmBenchName({ m, k, n, form }: GemmShape): string {
  if (form === 'nn' && m === k && k === n) return `gemm-${m}`;
  return `gemm-${m}x${k}x${n}${form === 'nn' ? '' : `-${form}`}`;
}

function gigaflops({ m, k, n }: GemmShape): number {
  return (2 * m * k * n) / 1e9;
}

/** Items per second of `step` (`itemsPerStep` each, e.g. GFLOP) for a kernel measured in the GEMM rows' short way. */
export function kernelRate(step: () => void, itemsPerStep: number, seconds: number): Promise<number> {
  return rate(step, itemsPerStep, gemmSeconds(seconds), GEMM_WARM_UP);
}

export function randomValues(length: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

/** Stored sizes of A and B: a transposed operand is stored with its dimensions swapped. */
function operandLengths({ m, k, n }: GemmShape): [number, number] {
  return [m * k, k * n];
}

/** This engine's GEMM on the kernel set `choose()` returns, with operands allocated by that set. */
export function engineGemmCase(shape: GemmShape, impl: string, choose: () => Kernels): BenchCase {
  let step: (() => void) | null = null;
  const inner: BenchCase = {
    bench: gemmBenchName(shape),
    impl,
    unit: 'GFLOP/s',
    async setUp() {
      const kernels = choose();
      const { m, k, n, form } = shape;
      const [aLength, bLength] = operandLengths(shape);
      const a = kernels.allocate(aLength);
      a.set(randomValues(aLength, 1));
      const b = kernels.allocate(bLength);
      b.set(randomValues(bLength, 2));
      const c = kernels.allocate(m * n);
      if (form === 'nn') step = () => kernels.matmul(a, b, c, m, k, n);
      // out[M,N] = aᵀ b with a stored [K,M]: the kernel's m is the shared dimension.
      else if (form === 'tn') step = () => kernels.matmulTransA(a, b, c, k, m, n);
      // out[M,N] = a bᵀ with b stored [N,K]: the kernel's k is the output width.
      else step = () => kernels.matmulTransB(a, b, c, m, n, k);
    },
    async measure(seconds) {
      if (!step) throw new Error('setUp first');
      return kernelRate(step, gigaflops(shape), seconds);
    },
  };
  return withKernels(inner, choose);
}

/** tf.matMul on tfjs-backend-wasm, with dataSync so the product is really computed. */
export function tfjsWasmGemmCase(shape: GemmShape): BenchCase {
  let tf: Tf | null = null;
  let step: (() => void) | null = null;
  let release: (() => void) | null = null;
  return {
    bench: gemmBenchName(shape),
    impl: 'tfjs-wasm',
    unit: 'GFLOP/s',
    async setUp() {
      const core = await tfjsOnWasm();
      tf = core;
      const { m, k, n, form } = shape;
      const [aLength, bLength] = operandLengths(shape);
      const a = core.tensor2d(randomValues(aLength, 1), form === 'tn' ? [k, m] : [m, k]);
      const b = core.tensor2d(randomValues(bLength, 2), form === 'nt' ? [n, k] : [k, n]);
      // Explicit transposes: tf.matMul's transpose flags take a slow path on this backend (about 1 GFLOP/s
      // against 10-30 measured here), so transposing first is tfjs's best case, as in the hand-written MLP.
      const product = (): Tensor =>
        form === 'tn' ? core.matMul(core.transpose(a), b) : form === 'nt' ? core.matMul(a, core.transpose(b)) : core.matMul(a, b);
      step = () => {
        const c = core.tidy(product);
        c.dataSync();
        c.dispose();
      };
      release = () => core.dispose([a, b]);
    },
    async measure(seconds) {
      if (!step || !tf) throw new Error('setUp first');
      await tf.setBackend('wasm');
      return kernelRate(step, gigaflops(shape), seconds);
    },
    async tearDown() {
      release?.();
    },
  };
}
