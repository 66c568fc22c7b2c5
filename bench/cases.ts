import type { BenchCase } from './bench-case';
import { convCases, engineLenetCases, engineMlpCases, gemmCases, tfjsManualMlpCases } from './kernel-cases';
import { LENET_BENCH } from './lenet-shape';
import { tfjsLenetCase } from './lenet-tfjs';
import { tfjsMlpCase } from './mlp-tfjs';
import { MLP_BENCH } from './mlp-shape';
import { torchCase } from './torch-cases';

/**
 * Every benchmark row, in report order. Add a row by appending a case (e.g. the MLP with WASM kernels under
 * impl "nn-builder-wasm"); ratios are reported against the other rows of the same benchmark.
 */
export function benchCases(): BenchCase[] {
  return [
    ...engineMlpCases(), tfjsMlpCase('cpu'), tfjsMlpCase('wasm'), ...tfjsManualMlpCases(), torchCase(MLP_BENCH),
    ...engineLenetCases(), tfjsLenetCase(), torchCase(LENET_BENCH),
    ...convCases(),
    ...gemmCases(),
  ];
}
