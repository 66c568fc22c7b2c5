/**
 * The rows of the WASM kernels issue: the MLP on this engine with each kernel set, tfjs-backend-wasm with
 * hand-written backprop, and GEMM throughput for this engine and tfjs-backend-wasm.
 */
import { typescriptKernels } from '../src/engine/kernels-ts';
import { wasmKernelSet } from '../src/engine/wasm/select-kernels';
import type { BenchCase } from './bench-case';
import { engineGemmCase, MLP_GEMMS, SQUARE_GEMMS, tfjsWasmGemmCase } from './gemm-cases';
import { withKernels } from './kernel-choice';
import { nnBuilderMlpCase } from './mlp-nn-builder';
import { tfjsManualMlpCase } from './mlp-tfjs-manual';

/** "nn-builder" is the default kernel set (WebAssembly SIMD); "nn-builder-ts" the pure TypeScript fallback. */
export function engineMlpCases(): BenchCase[] {
  return [
    withKernels(nnBuilderMlpCase('nn-builder'), wasmKernelSet),
    withKernels(nnBuilderMlpCase('nn-builder-ts'), () => typescriptKernels),
  ];
}

export function tfjsManualMlpCases(): BenchCase[] {
  return [tfjsManualMlpCase()];
}

/** Square sizes also on the TypeScript kernels, for scale; the MLP's shapes on WASM and tfjs only. */
export function gemmCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const shape of SQUARE_GEMMS) {
    cases.push(engineGemmCase(shape, 'nn-builder', wasmKernelSet));
    cases.push(engineGemmCase(shape, 'nn-builder-ts', () => typescriptKernels));
    cases.push(tfjsWasmGemmCase(shape));
  }
  for (const shape of MLP_GEMMS) {
    cases.push(engineGemmCase(shape, 'nn-builder', wasmKernelSet));
    cases.push(tfjsWasmGemmCase(shape));
  }
  return cases;
}
