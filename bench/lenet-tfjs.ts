import { rate, type BenchCase } from './bench-case';
import { denseCrossEntropy, minimizeInTurn } from './tfjs-training';
import { LENET_BATCH, LENET_BENCH, LENET_CLASSES, LENET_INPUT, LENET_LEARNING_RATE, LENET_NETWORK } from './lenet-shape';

type Tf = typeof import('@tensorflow/tfjs-core');
type Tensor4D = import('@tensorflow/tfjs-core').Tensor4D;
type Variable = import('@tensorflow/tfjs-core').Variable;

/**
 * The LeNet benchmark on TensorFlow.js's CPU backend, through `optimizer.minimize` (its WebAssembly backend has no
 * Conv2DBackpropFilter kernel, so it cannot train a convolution). tfjs convolves NHWC images: the random data has
 * the same values, in the layout tfjs reads.
 */
export function tfjsLenetCase(): BenchCase {
  let step: (() => void) | null = null;
  let tf: Tf | null = null;
  return {
    bench: LENET_BENCH,
    impl: 'tfjs-cpu',
    unit: 'samples/s',
    async setUp() {
      const core: Tf = await import('@tensorflow/tfjs-core');
      await import('@tensorflow/tfjs-core/dist/register_all_gradients');
      await import('@tensorflow/tfjs-backend-cpu');
      await core.setBackend('cpu');
      await core.ready();
      tf = core;
      const [channels, height, width] = LENET_INPUT;
      const pixels = channels * height * width;
      const data = LENET_NETWORK.data();
      const batches: Array<{ x: Tensor4D; y: import('@tensorflow/tfjs-core').Tensor2D }> = [];
      for (let start = 0; (start + LENET_BATCH) * pixels <= data.x.length; start += LENET_BATCH) {
        batches.push({
          x: core.tensor4d(data.x.slice(start * pixels, (start + LENET_BATCH) * pixels), [LENET_BATCH, height, width, channels]),
          y: core.tensor2d(data.y.slice(start * LENET_CLASSES, (start + LENET_BATCH) * LENET_CLASSES), [LENET_BATCH, LENET_CLASSES]),
        });
      }
      let seed = 1;
      const uniform = (shape: number[], fanIn: number): Variable => {
        const bound = 1 / Math.sqrt(fanIn);
        return core.variable(core.randomUniform(shape, -bound, bound, 'float32', seed++));
      };
      const conv1 = { w: uniform([5, 5, 1, 6], 25), b: uniform([6], 25) };
      const conv2 = { w: uniform([5, 5, 6, 16], 150), b: uniform([16], 150) };
      const dense = [[256, 120], [120, 84], [84, 10]].map(([inputs, outputs]) => ({ w: uniform([inputs, outputs], inputs), b: uniform([outputs], inputs) }));
      const optimizer = core.train.sgd(LENET_LEARNING_RATE);
      const convolve = (x: Tensor4D, layer: { w: Variable; b: Variable }): Tensor4D =>
        core.maxPool(core.relu(core.add(core.conv2d(x, layer.w as Tensor4D, 1, 'valid'), layer.b)) as Tensor4D, 2, 2, 'valid');
      step = minimizeInTurn(optimizer, batches, (batch) => {
        const features = core.reshape(convolve(convolve(batch.x, conv1), conv2), [LENET_BATCH, 256]) as import('@tensorflow/tfjs-core').Tensor2D;
        return denseCrossEntropy(core, features, dense, batch.y);
      });
    },
    async measure(seconds) {
      if (!step || !tf) throw new Error('setUp first');
      await tf.setBackend('cpu');
      return rate(step, LENET_BATCH, seconds, 1);
    },
  };
}
