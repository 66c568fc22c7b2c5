// Entry point of the WebAssembly kernel module (built to dist/kernels.wasm by scripts/build.mjs).
// The module owns no heap: JavaScript manages the memory above heapBase() as an arena of tensors and scratch,
// and passes byte offsets to every kernel. See src/engine/wasm/ for the loader and the Kernels implementation.

export { gemm, gemmScratchBytes } from './gemm';
export { relu, reluBackward, leakyRelu, leakyReluBackward, sigmoid, sigmoidBackward } from './activations';
export { tanh, tanhBackward } from './elementwise/tanh';
export { elu, eluBackward } from './elementwise/elu';
export { gelu, geluBackward } from './elementwise/gelu';
export { silu, siluBackward } from './elementwise/silu';
export { softplus, softplusBackward } from './elementwise/softplus';
export { addRowVector, sumRows, softmax, softmaxBackward } from './rows';
export { runWindowTask, runWindowTaskAll, finishWindowTask, windowWorkspaceBytes } from './window-task';
export { sgdUpdate, momentumUpdate, rmspropUpdate, adamUpdate } from './optimizers';
export { addScaled, scale, sumOfSquares } from './vectors';

/** First byte JavaScript may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
