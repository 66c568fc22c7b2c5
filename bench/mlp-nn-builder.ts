import { CrossEntropy } from '../src/engine/criteria/cross-entropy';
import { createNetwork } from '../src/engine/factory';
import type { Sequential } from '../src/engine/layers/sequential';
import { SGD } from '../src/engine/optimizers/sgd';
import { Random } from '../src/engine/random';
import { Tensor } from '../src/engine/tensor';
import { allocateTensor } from '../src/engine/tensor-pool';
import { trainStep } from '../src/engine/train-step';
import type { ResolvedLayerSpec } from '../src/shared/nnjson';
import { rate, type BenchCase } from './bench-case';
import { MLP_BATCH, MLP_BENCH, MLP_LEARNING_RATE, MLP_ROWS, MLP_SIZES, mlpData } from './mlp-shape';

/** The MLP benchmark on this engine, through the same `trainStep` the training loop uses. */
export function nnBuilderMlpCase(impl = 'nn-builder'): BenchCase {
  let step: (() => void) | null = null;
  return {
    bench: MLP_BENCH,
    impl,
    unit: 'samples/s',
    async setUp() {
      const layers: ResolvedLayerSpec[] = [];
      for (let i = 0; i + 1 < MLP_SIZES.length; i++) {
        layers.push({ type: 'Linear', id: `fc${i + 1}`, in: MLP_SIZES[i], out: MLP_SIZES[i + 1] });
        layers.push(i + 2 < MLP_SIZES.length ? { type: 'ReLU', id: `relu${i + 1}` } : { type: 'SoftMax', id: 'softmax' });
      }
      const model: Sequential = createNetwork(layers, new Random(1));
      const criterion = new CrossEntropy();
      const optimizer = new SGD({ lr: MLP_LEARNING_RATE });
      const data = mlpData();
      const inputs = MLP_SIZES[0];
      const classes = MLP_SIZES[MLP_SIZES.length - 1];
      const batches: Array<{ x: Tensor; y: Tensor }> = [];
      for (let start = 0; start < MLP_ROWS; start += MLP_BATCH) {
        const x = allocateTensor(MLP_BATCH, inputs);
        x.data.set(data.x.subarray(start * inputs, (start + MLP_BATCH) * inputs));
        const y = allocateTensor(MLP_BATCH, classes);
        y.data.set(data.y.subarray(start * classes, (start + MLP_BATCH) * classes));
        batches.push({ x, y });
      }
      const params = model.parameters();
      const grads = model.gradParameters();
      let next = 0;
      step = () => {
        const batch = batches[next];
        next = (next + 1) % batches.length;
        trainStep(model, criterion, optimizer, batch.x, batch.y, params, grads);
      };
    },
    async measure(seconds) {
      if (!step) throw new Error('setUp first');
      return rate(step, MLP_BATCH, seconds);
    },
  };
}
