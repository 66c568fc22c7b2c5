import { CrossEntropy } from '../src/engine/criteria/cross-entropy';
import { createNetwork } from '../src/engine/factory';
import { SGD } from '../src/engine/optimizers/sgd';
import { Random } from '../src/engine/random';
import type { Tensor } from '../src/engine/tensor';
import { allocateTensor } from '../src/engine/tensor-pool';
import { trainStep } from '../src/engine/train-step';
import { inputShape, resolveLayers } from '../src/model/layer-widths';
import { rate, type BenchCase } from './bench-case';
import type { TrainingBench } from './random-data';

/** A training benchmark on this engine, built as a model file's network is and stepped by the training loop's `trainStep`. */
export function nnBuilderTrainingCase(network: TrainingBench, impl = 'nn-builder'): BenchCase {
  let step: (() => void) | null = null;
  return {
    bench: network.bench,
    impl,
    unit: 'samples/s',
    async setUp() {
      const shape = inputShape(network.input);
      const model = createNetwork(resolveLayers(network), new Random(1), shape);
      const criterion = new CrossEntropy();
      const optimizer = new SGD({ lr: network.learningRate });
      const data = network.data();
      const inputs = shape.reduce((product, dimension) => product * dimension, 1);
      const classes = data.y.length / (data.x.length / inputs);
      const rows = data.x.length / inputs;
      const batches: Array<{ x: Tensor; y: Tensor }> = [];
      for (let start = 0; start + network.batch <= rows; start += network.batch) {
        const x = allocateTensor(network.batch, inputs);
        x.data.set(data.x.subarray(start * inputs, (start + network.batch) * inputs));
        const y = allocateTensor(network.batch, classes);
        y.data.set(data.y.subarray(start * classes, (start + network.batch) * classes));
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
      return rate(step, network.batch, seconds);
    },
  };
}
