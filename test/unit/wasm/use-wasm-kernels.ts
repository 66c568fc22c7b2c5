/**
 * Preloaded with `node -r` (see engine-suite-on-wasm.test.ts): makes the WebAssembly kernels the active set before
 * any test file loads, so a whole suite written against `kernels()` runs on them. Not a test file itself.
 */
import { kernels, useKernels } from '../../../src/engine/kernels';
import { wasmKernelSet } from '../../../src/node/select-kernels';

useKernels(wasmKernelSet(Number(process.env.NN_BUILDER_TEST_THREADS ?? '1') === 2 ? 2 : 1));
console.log(`active kernels: ${kernels().name}`);
