/**
 * The rows of the WASM kernels issue: the MLP on this engine with each kernel set, tfjs-backend-wasm with
 * hand-written backprop, and GEMM throughput for this engine and tfjs-backend-wasm; convolution throughput at
 * LeNet's shapes for this engine and PyTorch.
 */
import type { Kernels } from '../src/engine/kernels';
import { typescriptKernels } from '../src/engine/kernels-ts';
import { wasmKernelSet } from '../src/node/select-kernels';
import type { BenchCase } from './bench-case';
import type { TrainingBench } from './random-data';
import { CONV_PASSES, engineConvCase, lenetConvolutions, torchConvCase } from './conv-cases';
import { engineGemmCase, MLP_GEMMS, SQUARE_GEMMS, tfjsWasmGemmCase } from './gemm-cases';
import { withKernels } from './kernel-choice';
import { LENET_NETWORK } from './lenet-shape';
import { MLP_NETWORK } from './mlp-shape';
import { nnBuilderTrainingCase } from './network-nn-builder';
import { tfjsManualMlpCase } from './mlp-tfjs-manual';

const oneThread = (): Kernels => wasmKernelSet(1);
const twoThreads = (): Kernels => wasmKernelSet(2);

/**
 * "nn-builder" is the default kernel set (WebAssembly SIMD, one thread), "nn-builder-2t" the same with large
 * products split over two threads, "nn-builder-ts" the pure TypeScript fallback.
 */
export function engineTrainingCases(network: TrainingBench): BenchCase[] {
  return [
    withKernels(nnBuilderTrainingCase(network, 'nn-builder'), oneThread),
    withKernels(nnBuilderTrainingCase(network, 'nn-builder-2t'), twoThreads),
    withKernels(nnBuilderTrainingCase(network, 'nn-builder-ts'), () => typescriptKernels),
  ];
}

export const engineMlpCases = (): BenchCase[] => engineTrainingCases(MLP_NETWORK);
export const engineLenetCases = (): BenchCase[] => engineTrainingCases(LENET_NETWORK);

export function tfjsManualMlpCases(): BenchCase[] {
  return [tfjsManualMlpCase()];
}

/** Square sizes also on the TypeScript kernels, for scale; every shape on one and two threads and on tfjs. */
export function gemmCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const shape of [...SQUARE_GEMMS, ...MLP_GEMMS]) {
    cases.push(engineGemmCase(shape, 'nn-builder', oneThread));
    cases.push(engineGemmCase(shape, 'nn-builder-2t', twoThreads));
    if (SQUARE_GEMMS.includes(shape)) cases.push(engineGemmCase(shape, 'nn-builder-ts', () => typescriptKernels));
    cases.push(tfjsWasmGemmCase(shape));
  }
  return cases;
}

/** Each pass of each LeNet convolution on one and two threads, and in PyTorch on one. */
export function convCases(): BenchCase[] {
  return lenetConvolutions().flatMap((shape) =>
    CONV_PASSES.flatMap((pass) => [
      engineConvCase(shape, pass, 'nn-builder', oneThread),
      engineConvCase(shape, pass, 'nn-builder-2t', twoThreads),
      torchConvCase(shape, pass),
    ]),
  );
}
