import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rate, type BenchCase } from './bench-case';
import { denseCrossEntropy, minimizeInTurn } from './tfjs-training';
import { MLP_BATCH, MLP_BENCH, MLP_LEARNING_RATE, MLP_ROWS, MLP_SIZES, mlpData } from './mlp-shape';

type Tf = typeof import('@tensorflow/tfjs-core');

/**
 * The MLP benchmark on TensorFlow.js: `optimizer.minimize` of softmax cross-entropy over the logits, with
 * the CPU backend ("tfjs-cpu") or the WebAssembly backend ("tfjs-wasm").
 */
export function tfjsMlpCase(backend: 'cpu' | 'wasm'): BenchCase {
  let tf: Tf | null = null;
  let step: (() => void) | null = null;
  let release: (() => void) | null = null;
  return {
    bench: MLP_BENCH,
    impl: `tfjs-${backend}`,
    unit: 'samples/s',
    async setUp() {
      const core: Tf = await import('@tensorflow/tfjs-core');
      // tfjs-core alone has no gradient functions (the tfjs umbrella package registers them).
      await import('@tensorflow/tfjs-core/dist/register_all_gradients');
      tf = core;
      if (backend === 'cpu') {
        await import('@tensorflow/tfjs-backend-cpu');
      } else {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        // In Node the backend reads its .wasm files from disk: point it at the package's dist folder.
        const packageJson = createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm/package.json');
        const folder = join(dirname(packageJson), 'dist');
        wasm.setWasmPaths(join(folder, '/'));
      }
      await core.setBackend(backend);
      await core.ready();
      const inputs = MLP_SIZES[0];
      const classes = MLP_SIZES[MLP_SIZES.length - 1];
      const data = mlpData();
      const batches: Array<{ x: import('@tensorflow/tfjs-core').Tensor2D; y: import('@tensorflow/tfjs-core').Tensor2D }> = [];
      for (let start = 0; start < MLP_ROWS; start += MLP_BATCH) {
        batches.push({
          x: core.tensor2d(data.x.slice(start * inputs, (start + MLP_BATCH) * inputs), [MLP_BATCH, inputs]),
          y: core.tensor2d(data.y.slice(start * classes, (start + MLP_BATCH) * classes), [MLP_BATCH, classes]),
        });
      }
      const weights: Array<{ w: import('@tensorflow/tfjs-core').Variable; b: import('@tensorflow/tfjs-core').Variable }> = [];
      for (let i = 0; i + 1 < MLP_SIZES.length; i++) {
        const bound = 1 / Math.sqrt(MLP_SIZES[i]);
        weights.push({
          w: core.variable(core.randomUniform([MLP_SIZES[i], MLP_SIZES[i + 1]], -bound, bound, 'float32', 1 + i)),
          b: core.variable(core.randomUniform([MLP_SIZES[i + 1]], -bound, bound, 'float32', 11 + i)),
        });
      }
      const optimizer = core.train.sgd(MLP_LEARNING_RATE);
      step = minimizeInTurn(optimizer, batches, (batch) => denseCrossEntropy(core, batch.x, weights, batch.y));
      release = () => {
        for (const batch of batches) core.dispose([batch.x, batch.y]);
        for (const { w, b } of weights) core.dispose([w, b]);
        optimizer.dispose();
      };
    },
    async measure(seconds) {
      if (!step || !tf) throw new Error('setUp first');
      // Cases run interleaved: make this case's backend current again (tfjs moves the variables if needed).
      await tf.setBackend(backend);
      return rate(step, MLP_BATCH, seconds);
    },
    async tearDown() {
      release?.();
    },
  };
}
