import type { BenchCase } from './bench-case';
import { nnBuilderMlpCase } from './mlp-nn-builder';
import { tfjsMlpCase } from './mlp-tfjs';

/**
 * Every benchmark row, in report order. Add a row by appending a case (e.g. the MLP with WASM kernels under
 * impl "nn-builder-wasm"); ratios are reported against the other rows of the same benchmark.
 */
export function benchCases(): BenchCase[] {
  return [nnBuilderMlpCase(), tfjsMlpCase('cpu'), tfjsMlpCase('wasm')];
}
