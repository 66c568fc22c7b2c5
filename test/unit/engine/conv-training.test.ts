/**
 * Golden test: a small convolutional network (Conv2D with padding and no bias, BatchNorm on its 4-D output, ReLU, MaxPool2D,
 * Conv2D with stride 2 and a [3, 2] kernel, AvgPool2D with padding, Flatten, Linear, SoftMax + CrossEntropy), built from model-file layers
 * through the registry, trained two epochs of three batches with every optimizer from PyTorch's initial tensors,
 * ends with PyTorch's tensors. The fixture comes from scripts/reference/conv-training.py (torch CPU); this suite
 * runs on both kernel sets (test/unit/wasm/engine-suite-on-wasm.test.ts).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { createNetwork, createOptimizer } from '../../../src/engine/factory';
import { namedParameters } from '../../../src/engine/named-parameters';
import { Random } from '../../../src/engine/random';
import { allocateTensor } from '../../../src/engine/tensor-pool';
import { trainStep } from '../../../src/engine/train-step';
import type { OptimizerSpec, ResolvedLayerSpec } from '../../../src/shared/nnjson';

type Tensors = Record<string, Record<string, number[]>>;

interface Fixture {
  inputShape: number[];
  batchSize: number;
  layers: ResolvedLayerSpec[];
  x: number[];
  labels: number[];
  classes: number;
  initial: Tensors;
  runs: { optimizer: OptimizerSpec; epochs: Tensors[] }[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/conv/conv-training.json', 'utf8')) as Fixture;
/** float32 sums in another order than PyTorch's, over six steps: the errors seen are below 5e-7, the tensors move by 2e-3 and more. */
const ABSOLUTE = 5e-6;
const RELATIVE = 1e-5;

describe('golden: a conv network trained as PyTorch trains it', () => {
  for (const run of fixture.runs) {
    it(`${run.optimizer.type}: the tensors after each of two epochs of three batches equal PyTorch's`, () => {
      const network = createNetwork(fixture.layers, new Random(1), fixture.inputShape);
      const named = fixture.layers.map((layer, index) => ({ id: layer.id, tensors: namedParameters(layer.type, network.modules[index]) }));
      for (const { id, tensors } of named) {
        for (const [name, tensor] of Object.entries(tensors)) {
          assert.equal(tensor.size, fixture.initial[id][name].length, `${id}.${name}`);
          tensor.data.set(fixture.initial[id][name]);
        }
      }
      const features = fixture.inputShape.reduce((product, size) => product * size, 1);
      const samples = fixture.labels.length;
      const x = allocateTensor(fixture.batchSize, features);
      const y = allocateTensor(fixture.batchSize, fixture.classes);
      const criterion = new CrossEntropy();
      const optimizer = createOptimizer(run.optimizer);
      network.train();
      for (const expected of run.epochs) {
        for (let start = 0; start < samples; start += fixture.batchSize) {
          x.data.set(fixture.x.slice(start * features, (start + fixture.batchSize) * features));
          y.data.fill(0);
          for (let r = 0; r < fixture.batchSize; r++) y.data[r * fixture.classes + fixture.labels[start + r]] = 1;
          assert.ok(Number.isFinite(trainStep(network, criterion, optimizer, x, y).loss));
        }
        for (const { id, tensors } of named) {
          for (const [name, tensor] of Object.entries(tensors)) {
            const want = expected[id][name];
            let worst = 0;
            tensor.data.forEach((value, i) => {
              worst = Math.max(worst, Math.abs(value - want[i]) - RELATIVE * Math.abs(want[i]));
            });
            assert.ok(worst <= ABSOLUTE, `${run.optimizer.type} ${id}.${name}: off by ${worst} beyond the tolerance`);
          }
        }
      }
    });
  }
});
