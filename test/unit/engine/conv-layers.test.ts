import * as assert from 'node:assert/strict';
import { BatchNorm } from '../../../src/engine/layers/batch-norm';
import { Conv2D } from '../../../src/engine/layers/conv2d';
import { Flatten } from '../../../src/engine/layers/flatten';
import { AvgPool2D, MaxPool2D } from '../../../src/engine/layers/pool2d';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { checkModuleGradients, inMode, randomTensor } from './gradient-check';

/** [rows, cols] of distinct values at least 0.05 apart, shuffled: a finite-difference step never changes a window's maximum. */
function distinctValues(rows: number, cols: number, rng: Random): Tensor {
  const tensor = new Tensor(rows, cols);
  const order = Array.from({ length: tensor.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let i = 0; i < tensor.size; i++) tensor.data[i] = (order[i] - tensor.size / 2) * 0.05;
  return tensor;
}

describe('engine convolution layers: finite-difference gradient checks', () => {
  const rng = new Random(11);

  for (const mode of ['train', 'eval'] as const) {
    describe(`${mode} mode`, () => {
      const prepare = <M extends { train(): void; eval(): void }>(module: M): M => inMode(module, mode);

      it('Conv2D 2→3, kernel 3, padding 1: input, W and b gradients', () => {
        const layer = prepare(new Conv2D({ inChannels: 2, outChannels: 3, kernelSize: 3, stride: 1, padding: 1, bias: true }, 5, 4, rng));
        assert.deepEqual([layer.window.outHeight, layer.window.outWidth], [5, 4]);
        assert.equal(checkModuleGradients(layer, randomTensor(2, 2 * 5 * 4, rng), rng), 2 * 40 + 3 * 18 + 3);
      });

      it('Conv2D with stride 2, a non-square kernel [2, 3], padding [1, 0] and no bias', () => {
        const layer = prepare(new Conv2D({ inChannels: 3, outChannels: 2, kernelSize: [2, 3], stride: 2, padding: [1, 0], bias: false }, 6, 7, rng));
        assert.equal(layer.bias, null);
        // floor((6 + 2 - 2) / 2) + 1 = 4, floor((7 - 3) / 2) + 1 = 3
        assert.deepEqual([layer.window.outHeight, layer.window.outWidth], [4, 3]);
        assert.equal(checkModuleGradients(layer, randomTensor(3, 3 * 6 * 7, rng), rng), 3 * 126 + 2 * 18);
      });

      it('MaxPool2D 2×2 (stride = kernel), overlapping windows 3/stride 2 with padding 1', () => {
        const plain = prepare(new MaxPool2D({ kernelSize: 2, stride: 2, padding: 0 }, 2, 4, 6));
        checkModuleGradients(plain, distinctValues(2, 2 * 4 * 6, rng), rng);
        const overlapping = prepare(new MaxPool2D({ kernelSize: 3, stride: 2, padding: 1 }, 2, 5, 5));
        assert.deepEqual([overlapping.window.outHeight, overlapping.window.outWidth], [3, 3]);
        checkModuleGradients(overlapping, distinctValues(2, 2 * 25, rng), rng);
      });

      it('AvgPool2D 2×2, overlapping [3, 2]/stride 1 with padding [1, 1]', () => {
        checkModuleGradients(prepare(new AvgPool2D({ kernelSize: 2, stride: 2, padding: 0 }, 3, 4, 4)), randomTensor(2, 48, rng), rng);
        const overlapping = prepare(new AvgPool2D({ kernelSize: [3, 2], stride: 1, padding: [1, 1] }, 2, 4, 3));
        assert.deepEqual([overlapping.window.outHeight, overlapping.window.outWidth], [4, 4]);
        checkModuleGradients(overlapping, randomTensor(2, 24, rng), rng);
      });

      it('BatchNorm on images: each channel over the batch and its pixels; input, gamma and beta gradients', () => {
        const layer = prepare(new BatchNorm(3, 1e-5, 0.1, 2 * 3));
        for (let i = 0; i < 3; i++) {
          layer.gamma.data[i] = rng.uniform(0.5, 1.5);
          layer.beta.data[i] = rng.uniform(-0.5, 0.5);
          layer.runningMean.data[i] = rng.uniform(-0.5, 0.5);
          layer.runningVar.data[i] = rng.uniform(0.5, 2);
        }
        assert.equal(checkModuleGradients(layer, randomTensor(2, 3 * 6, rng, -2, 2), rng), 2 * 18 + 2 * 3);
      });

      it('Flatten', () => {
        checkModuleGradients(prepare(new Flatten()), randomTensor(2, 12, rng), rng);
      });
    });
  }
});

describe('engine convolution layers: values', () => {
  it('Conv2D is the cross-correlation of each sample with W plus b, zero outside the padding', () => {
    const layer = new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 2, stride: 1, padding: 1, bias: true }, 2, 2, new Random(1));
    layer.weight.data.set([1, 2, 3, 4]);
    layer.bias!.data[0] = 0.5;
    const output = layer.forward(Tensor.fromRows([[1, 2, 3, 4]]));
    // x = [[1, 2], [3, 4]] padded by one zero; output [3, 3]
    assert.deepEqual(Array.from(output.data), [4, 11, 6, 14, 30, 14, 6, 11, 4].map((v) => v + 0.5));
  });

  it('Conv2D initialises W and b uniform(−1/√fan_in, 1/√fan_in) with fan_in = in·kh·kw, W [out, in·kh·kw]', () => {
    const layer = new Conv2D({ inChannels: 2, outChannels: 4, kernelSize: [3, 2], stride: 1, padding: 0, bias: true }, 5, 5, new Random(3));
    assert.deepEqual([layer.weight.rows, layer.weight.cols, layer.bias!.cols], [4, 12, 4]);
    const bound = 1 / Math.sqrt(12);
    for (const value of [...layer.weight.data, ...layer.bias!.data]) assert.ok(Math.abs(value) <= bound);
    assert.ok(Math.max(...layer.weight.data.map(Math.abs)) > bound / 2);
  });

  it('MaxPool2D: padding is −∞, and a tie sends the gradient to the first maximum of the window', () => {
    const layer = new MaxPool2D({ kernelSize: 2, stride: 2, padding: 1 }, 1, 2, 2);
    const input = Tensor.fromRows([[-1, -2, -3, -4]]);
    assert.deepEqual(Array.from(layer.forward(input).data), [-1, -2, -3, -4]);
    const ties = new MaxPool2D({ kernelSize: 2, stride: 1, padding: 0 }, 1, 2, 3);
    const flat = Tensor.fromRows([[5, 5, 5, 5, 5, 5]]);
    assert.deepEqual(Array.from(ties.forward(flat).data), [5, 5]);
    const gradient = ties.backward(flat, Tensor.fromRows([[1, 10]]));
    // both windows' first maximum is in their top-left corner: columns 0 and 1 of the first row
    assert.deepEqual(Array.from(gradient.data), [1, 10, 0, 0, 0, 0]);
  });

  it('BatchNorm on images normalises each channel over the batch and its pixels, one image is enough to train', () => {
    const layer = new BatchNorm(2, 1e-5, 0.5, 2);
    // channel 0 holds 1, 3 (sample 0) and 5, 7 (sample 1): mean 4, biased variance 5; channel 1 is constant
    const output = layer.forward(Tensor.fromRows([[1, 3, 2, 2], [5, 7, 2, 2]]));
    const h = 1 / Math.sqrt(5 + 1e-5);
    [-3 * h, -h, 0, 0, h, 3 * h, 0, 0].forEach((value, i) => assert.ok(Math.abs(output.data[i] - value) < 1e-6, `${i}`));
    assert.deepEqual(Array.from(layer.runningMean.data), [2, 1]);
    assert.deepEqual(Array.from(layer.runningVar.data), [3, 0.5]);
    assert.doesNotThrow(() => layer.forward(Tensor.fromRows([[1, 3, 2, 2]])));
  });

  it('AvgPool2D counts padding as zeros (count_include_pad)', () => {
    const layer = new AvgPool2D({ kernelSize: 2, stride: 2, padding: 1 }, 1, 2, 2);
    assert.deepEqual(Array.from(layer.forward(Tensor.fromRows([[4, 8, 12, 16]])).data), [1, 2, 3, 4]);
  });

  it('a kernel larger than the padded input, and pool padding over half the kernel, are errors that say what to change', () => {
    assert.throws(
      () => new Conv2D({ inChannels: 1, outChannels: 1, kernelSize: 5, stride: 1, padding: 0, bias: true }, 4, 6, new Random(1)),
      /kernel \[5, 5\] is larger than its padded input \[4, 6\]: make kernelSize smaller or padding larger/,
    );
    assert.throws(() => new MaxPool2D({ kernelSize: 2, stride: 2, padding: 2 }, 1, 4, 4), /padding \[2, 2\] is more than half its kernel/);
  });
});
