/**
 * Convolution throughput rows (GFLOP/s) at the shapes of the LeNet benchmark's two convolutions, batch 64, for
 * each pass: forward, the input gradient alone, the filter gradient (with the bias gradient) alone. Bench names:
 * `conv-NxCxHxW-OkK-PASS`, e.g. `conv-64x1x28x28-6k5-forward`. The shapes come from the LeNet network itself.
 */
import type { Kernels } from '../src/engine/kernels';
import { createNetwork } from '../src/engine/factory';
import { Conv2D } from '../src/engine/layers/conv2d';
import { Random } from '../src/engine/random';
import type { Window2D } from '../src/engine/window';
import { inputShape, resolveLayers } from '../src/model/layer-widths';
import type { BenchCase } from './bench-case';
import { kernelRate, randomValues } from './gemm-cases';
import { withKernels } from './kernel-choice';
import { LENET_BATCH, LENET_NETWORK } from './lenet-shape';
import { torchCase } from './torch-cases';

export type ConvPass = 'forward' | 'input-grad' | 'filter-grad';
export const CONV_PASSES: ConvPass[] = ['forward', 'input-grad', 'filter-grad'];

export interface ConvShape {
  batch: number;
  window: Window2D;
  outChannels: number;
}

/** The convolutions of the LeNet benchmark network, at its batch size. */
export function lenetConvolutions(): ConvShape[] {
  const network = createNetwork(resolveLayers(LENET_NETWORK), new Random(1), inputShape(LENET_NETWORK.input));
  return network.modules
    .filter((module): module is Conv2D => module instanceof Conv2D)
    .map(({ window, outChannels }) => ({ batch: LENET_BATCH, window, outChannels }));
}

export function convBenchName({ batch, window: w, outChannels }: ConvShape, pass: ConvPass): string {
  const kernel = w.kernelHeight === w.kernelWidth ? `${w.kernelHeight}` : `${w.kernelHeight}x${w.kernelWidth}`;
  return `conv-${batch}x${w.channels}x${w.height}x${w.width}-${outChannels}k${kernel}-${pass}`;
}

/** Multiplications and additions per sample of one pass (each pass costs the same). */
function flopsPerSample({ window: w, outChannels }: ConvShape): number {
  return 2 * outChannels * w.channels * w.kernelHeight * w.kernelWidth * w.outHeight * w.outWidth;
}

/** One pass of this engine's convolution on the kernel set `choose()` returns, with tensors allocated by that set. */
export function engineConvCase(shape: ConvShape, pass: ConvPass, impl: string, choose: () => Kernels): BenchCase {
  let step: (() => void) | null = null;
  const inner: BenchCase = {
    bench: convBenchName(shape, pass),
    impl,
    unit: 'GFLOP/s',
    async setUp() {
      const k = choose();
      const { batch, window: w, outChannels } = shape;
      let seed = 1;
      const values = (length: number): Float32Array => {
        const array = k.allocate(length);
        array.set(randomValues(length, seed++));
        return array;
      };
      const x = values(batch * w.channels * w.height * w.width);
      const weight = values(outChannels * w.channels * w.kernelHeight * w.kernelWidth);
      const bias = values(outChannels);
      const gradOut = values(batch * outChannels * w.outHeight * w.outWidth);
      if (pass === 'forward') {
        step = () => k.conv2d(x, weight, bias, gradOut, batch, w, outChannels);
      } else if (pass === 'input-grad') {
        const gradIn = values(x.length);
        step = () => k.conv2dBackward(x, gradOut, weight, null, null, gradIn, batch, w, outChannels);
      } else {
        const [gradWeight, gradBias] = [values(weight.length), values(outChannels)];
        step = () => k.conv2dBackward(x, gradOut, weight, gradWeight, gradBias, null, batch, w, outChannels);
      }
    },
    async measure(seconds) {
      if (!step) throw new Error('setUp first');
      return kernelRate(step, (shape.batch * flopsPerSample(shape)) / 1e9, seconds);
    },
  };
  return withKernels(inner, choose);
}

/** The same pass in PyTorch on one thread (bench/reference/torch_bench.py, request "conv"). */
export function torchConvCase(shape: ConvShape, pass: ConvPass): BenchCase {
  const { batch, window: w, outChannels } = shape;
  const request = [
    'conv', pass, batch, w.channels, w.height, w.width, outChannels, w.kernelHeight, w.kernelWidth,
    w.strideHeight, w.strideWidth, w.padHeight, w.padWidth,
  ].map(String);
  // the script answers in samples/s
  return torchCase(convBenchName(shape, pass), { request, unit: 'GFLOP/s', perSample: flopsPerSample(shape) / 1e9 });
}
