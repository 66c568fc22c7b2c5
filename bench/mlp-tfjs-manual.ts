/**
 * The MLP benchmark on tfjs-backend-wasm with hand-written backprop ("tfjs-wasm-manual"): forward, softmax
 * cross-entropy gradient (p - y) / batch, the three products per layer with the transposes written out as
 * tf.transpose, and the SGD update by assign — no tape, no optimizer. The fastest way we found to train this
 * network on tfjs-backend-wasm, so it is tfjs's best case against this engine.
 */
import type { Scalar, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import { rate, type BenchCase } from './bench-case';
import { MLP_BATCH, MLP_BENCH, MLP_LEARNING_RATE, MLP_ROWS, MLP_SIZES, mlpData } from './mlp-shape';
import { tfjsOnWasm, type Tf } from './tfjs-wasm-backend';

export function tfjsManualMlpCase(): BenchCase {
  let tf: Tf | null = null;
  let step: (() => void) | null = null;
  let release: (() => void) | null = null;
  return {
    bench: MLP_BENCH,
    impl: 'tfjs-wasm-manual',
    unit: 'samples/s',
    async setUp() {
      const core = await tfjsOnWasm();
      tf = core;
      const inputs = MLP_SIZES[0];
      const classes = MLP_SIZES[MLP_SIZES.length - 1];
      const data = mlpData();
      const batches: Array<{ x: Tensor2D; y: Tensor2D }> = [];
      for (let start = 0; start < MLP_ROWS; start += MLP_BATCH) {
        batches.push({
          x: core.tensor2d(data.x.slice(start * inputs, (start + MLP_BATCH) * inputs), [MLP_BATCH, inputs]),
          y: core.tensor2d(data.y.slice(start * classes, (start + MLP_BATCH) * classes), [MLP_BATCH, classes]),
        });
      }
      const layers: Array<{ w: Variable; b: Variable }> = [];
      for (let i = 0; i + 1 < MLP_SIZES.length; i++) {
        const bound = 1 / Math.sqrt(MLP_SIZES[i]);
        layers.push({
          w: core.variable(core.randomUniform([MLP_SIZES[i], MLP_SIZES[i + 1]], -bound, bound, 'float32', 1 + i)),
          b: core.variable(core.randomUniform([MLP_SIZES[i + 1]], -bound, bound, 'float32', 11 + i)),
        });
      }
      let next = 0;
      step = () => {
        const batch = batches[next];
        next = (next + 1) % batches.length;
        const loss = core.tidy(() => {
          // Forward, keeping every layer's input and pre-activation for the backward pass.
          const inputsOf: Tensor2D[] = [];
          const preActivations: Tensor2D[] = [];
          let h = batch.x;
          layers.forEach(({ w, b }, i) => {
            inputsOf.push(h);
            const z = core.add(core.matMul(h, w as Tensor2D), b) as Tensor2D;
            preActivations.push(z);
            h = i + 1 < layers.length ? core.relu(z) : z;
          });
          const probabilities = core.softmax(h);
          const lossValue = core.neg(core.div(core.sum(core.mul(batch.y, core.log(core.add(probabilities, 1e-9)))), MLP_BATCH));
          // Backward: the fused softmax + cross-entropy gradient, then each layer from the top.
          let gradZ = core.div(core.sub(probabilities, batch.y), MLP_BATCH) as Tensor2D;
          for (let i = layers.length - 1; i >= 0; i--) {
            const { w, b } = layers[i];
            const gradW = core.matMul(core.transpose(inputsOf[i]), gradZ);
            const gradB = core.sum(gradZ, 0);
            if (i > 0) {
              const gradH = core.matMul(gradZ, core.transpose(w as Tensor2D));
              gradZ = core.mul(gradH, core.step(preActivations[i - 1])) as Tensor2D;
            }
            w.assign(core.sub(w, core.mul(gradW, MLP_LEARNING_RATE)));
            b.assign(core.sub(b, core.mul(gradB, MLP_LEARNING_RATE)));
          }
          return lossValue as Scalar;
        });
        loss.dataSync();
        loss.dispose();
      };
      release = () => {
        for (const batch of batches) core.dispose([batch.x, batch.y]);
        for (const { w, b } of layers) core.dispose([w, b]);
      };
    },
    async measure(seconds) {
      if (!step || !tf) throw new Error('setUp first');
      await tf.setBackend('wasm');
      return rate(step, MLP_BATCH, seconds);
    },
    async tearDown() {
      release?.();
    },
  };
}
