/** Shared set-up for the WASM kernel tests: the process-wide WebAssembly kernel set and seeded test data. */
import { wasmKernelSet } from '../../../src/node/select-kernels';
import type { WasmKernels } from '../../../src/engine/wasm/wasm-kernels';

/** The WebAssembly kernels; fails the test (never skips) when dist/kernels.wasm is missing or cannot run. */
export function wasmKernels(): WasmKernels {
  return wasmKernelSet();
}

/** Deterministic values in [-1, 1) from a small linear congruential generator, so failures reproduce. */
export function seededValues(length: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

/** Largest |expected - actual| relative to max(1, |expected|), i.e. absolute near zero, relative for large values. */
export function maxRelativeError(expected: Float32Array, actual: Float32Array): number {
  if (expected.length !== actual.length) throw new Error(`lengths differ: ${expected.length} vs ${actual.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(error <= worst)) worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  return worst;
}
