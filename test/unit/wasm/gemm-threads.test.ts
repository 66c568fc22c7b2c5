import * as assert from 'node:assert/strict';
import { startGemmThreads, type GemmThreads } from '../../../src/node/gemm-threads';
import { readKernelsWasm } from '../../../src/node/load-kernels-wasm';
import { gemmThreadsOf, wasmKernelSet } from '../../../src/node/select-kernels';
import { createWasmKernels, type WasmKernels } from '../../../src/engine/wasm/wasm-kernels';
import { WINDOW_TASK_CHUNKS } from '../../../src/engine/wasm/window-task';
import { window2D } from '../../../src/engine/window';
import { maxRelativeError, seededValues, wasmKernels } from './wasm-test-kernels';

/** Each product's operands in the kernel set's memory, computed single-threaded for reference. */
function compareWithSingleThread(threaded: WasmKernels, shapes: number[][]): void {
  const single = wasmKernels();
  let seed = 100;
  for (const [m, k, n] of shapes) {
    const a = seededValues(m * k, seed++), b = seededValues(k * n, seed++);
    const forms: [string, (ks: WasmKernels, x: Float32Array, y: Float32Array, out: Float32Array) => void, number, number][] = [
      ['X W', (ks, x, y, out) => ks.matmul(x, y, out, m, k, n), m * k, k * n],
      ['Xᵀ dY', (ks, x, y, out) => ks.matmulTransA(x, y, out, k, m, n), k * m, k * n],
      ['dY Wᵀ', (ks, x, y, out) => ks.matmulTransB(x, y, out, m, n, k), m * k, n * k],
    ];
    for (const [form, run] of forms) {
      const results = [single, threaded].map((ks) => {
        const x = ks.allocate(a.length);
        x.set(a);
        const y = ks.allocate(b.length);
        y.set(b);
        const out = ks.allocate(m * n);
        out.fill(Number.NaN); // every element must be written
        run(ks, x, y, out);
        return out;
      });
      assert.equal(maxRelativeError(results[0], results[1]), 0, `${form} ${m}x${k}x${n}: the threads disagree`);
    }
  }
}

/**
 * A convolution's passes and the pools on `threaded`, against one thread: bitwise equal, the filter gradient
 * included (its per-chunk sums are added in chunk order whichever thread ran a chunk).
 */
/** More samples than chunks, so that chunks hold one or two samples. */
const WINDOW_BATCH = 11;

function compareWindowKernelsWithSingleThread(threaded: WasmKernels): void {
  const single = wasmKernels();
  const batch = WINDOW_BATCH;
  const w = window2D('test', 3, 10, 9, 3, 1, 1);
  const outChannels = 5;
  const patch = w.channels * w.kernelHeight * w.kernelWidth;
  const inputs = batch * w.channels * w.height * w.width;
  const outputs = batch * outChannels * w.outHeight * w.outWidth;
  const pooled = window2D('test', 3, 10, 9, 2, 2, 0);
  const pooledOutputs = batch * pooled.channels * pooled.outHeight * pooled.outWidth;
  const run = (ks: WasmKernels): Float32Array[] => {
    const values = (length: number, seed: number): Float32Array => {
      const array = ks.allocate(length);
      array.set(seededValues(length, seed));
      return array;
    };
    const x = values(inputs, 1), weight = values(outChannels * patch, 2), bias = values(outChannels, 3);
    const gradOut = values(outputs, 4);
    const [out, gradWeight, gradBias, gradIn] = [outputs, outChannels * patch, outChannels, inputs].map((length) => values(length, 9));
    ks.conv2d(x, weight, bias, out, batch, w, outChannels);
    ks.conv2dBackward(x, gradOut, weight, gradWeight, gradBias, gradIn, batch, w, outChannels);
    const [maxOut, avgOut] = [values(pooledOutputs, 9), values(pooledOutputs, 9)];
    const pooledGrad = values(pooledOutputs, 5);
    const [maxGradIn, avgGradIn] = [values(inputs, 9), values(inputs, 9)];
    ks.maxPool(x, maxOut, batch, pooled);
    ks.maxPoolBackward(x, pooledGrad, maxGradIn, batch, pooled);
    ks.avgPool(x, avgOut, batch, pooled);
    ks.avgPoolBackward(pooledGrad, avgGradIn, batch, pooled);
    return [out, gradWeight, gradBias, gradIn, maxOut, maxGradIn, avgOut, avgGradIn];
  };
  const [expected, actual] = [run(single), run(threaded)];
  const names = ['conv2d', 'dW', 'db', 'dX', 'maxPool', 'maxPoolBackward', 'avgPool', 'avgPoolBackward'];
  names.forEach((name, i) => assert.deepEqual(actual[i], expected[i], `${name}: the threads disagree`));
}

describe('two-thread GEMM', () => {
  let workerOnly: GemmThreads;
  let workerOnlyKernels: WasmKernels;

  before(() => {
    workerOnlyKernels = createWasmKernels(readKernelsWasm(), 'wasm-worker-only-test');
    workerOnly = startGemmThreads(workerOnlyKernels, { callerTakesPart: false, minParallelFlops: 0, chunks: 3 });
  });

  after(async () => {
    await workerOnly.stop();
  });

  it('computes every chunk in the worker exactly as one thread does', () => {
    compareWithSingleThread(workerOnlyKernels, [[130, 65, 33], [17, 3, 130], [4, 9, 16], [260, 129, 7]]);
    assert.ok(workerOnly.workerChunks > 0, 'the worker computed nothing');
  });

  it('runs every chunk of a convolution and a pool in the worker exactly as one thread does', () => {
    const before = workerOnly.workerChunks;
    compareWindowKernelsWithSingleThread(workerOnlyKernels);
    // 6 calls, each in WINDOW_TASK_CHUNKS chunks
    assert.equal(workerOnly.workerChunks - before, 6 * Math.min(WINDOW_BATCH, WINDOW_TASK_CHUNKS));
  });

  it('falls back to the calling thread after the worker stopped', async () => {
    const kernels = createWasmKernels(readKernelsWasm(), 'wasm-stop-test');
    const threads = startGemmThreads(kernels, { callerTakesPart: false, minParallelFlops: 0 });
    await threads.stop();
    compareWithSingleThread(kernels, [[33, 17, 65]]);
    assert.equal(threads.workerChunks, 0);
  });

  it('gives the same products with the two-thread kernel set, small and large', () => {
    const twoThreads = wasmKernelSet(2);
    assert.equal(twoThreads.name, 'wasm-simd-2t');
    assert.ok(gemmThreadsOf(2) !== undefined);
    compareWithSingleThread(twoThreads, [[128, 784, 256], [3, 5, 7], [256, 128, 130]]);
  });
});
