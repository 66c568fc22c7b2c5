/**
 * Preloaded with `node -r` (see engine-suite-on-wasm.test.ts): makes the WebAssembly kernels the active set before
 * any test file loads, so a whole suite written against `kernels()` runs on them. Not a test file itself.
 *
 * With NN_BUILDER_TEST_THREADS=2 every product of two chunks or more is split between the threads: the suite's
 * products are all far below the production threshold (DEFAULT_MIN_PARALLEL_FLOPS), so with it the second thread
 * would never run. Splitting is not suspended when it does not pay (adaptive off), and at exit the set says how
 * many products were split and how many chunks the second thread computed.
 */
import { kernels, useKernels } from '../../../src/engine/kernels';
import { createWasmKernels } from '../../../src/engine/wasm/wasm-kernels';
import { startGemmThreads } from '../../../src/node/gemm-threads';
import { readKernelsWasm } from '../../../src/node/load-kernels-wasm';
import { wasmKernelSet } from '../../../src/node/select-kernels';

if (process.env.NN_BUILDER_TEST_THREADS === '2') {
  const set = createWasmKernels(readKernelsWasm(), 'wasm-simd-2t');
  const threads = startGemmThreads(set, { minParallelFlops: 0, adaptive: false });
  useKernels(set);
  process.on('exit', () => {
    console.log(`two threads: ${threads.splitProducts} products split, ${threads.workerChunks} chunks computed by the second thread`);
  });
} else {
  useKernels(wasmKernelSet(1));
}
console.log(`active kernels: ${kernels().name}`);
