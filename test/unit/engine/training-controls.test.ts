/**
 * Golden test: weight decay (coupled, as torch.optim's weight_decay, and decoupled, as AdamW), every learning-rate
 * schedule with and without a warm-up, and gradient clipping train a small network as PyTorch trains it. The
 * fixture comes from scripts/reference/training-controls.py (torch CPU): each run states its optimizer and training
 * controls as a model file does, and has torch's learning rate of each epoch and the tensors after it. The engine's
 * own loop (train) runs it, in the rows' order; this suite runs on both kernel sets
 * (test/unit/wasm/engine-suite-on-wasm.test.ts).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { createNetwork, createOptimizer } from '../../../src/engine/factory';
import { namedParameters } from '../../../src/engine/named-parameters';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { train } from '../../../src/engine/train';
import type { OptimizerSpec, ResolvedLayerSpec, TrainingSpec } from '../../../src/shared/nnjson';

type Tensors = Record<string, Record<string, number[]>>;

interface Fixture {
  batchSize: number;
  epochs: number;
  layers: ResolvedLayerSpec[];
  x: number[];
  labels: number[];
  classes: number;
  initial: Tensors;
  runs: { name: string; optimizer: OptimizerSpec; training: TrainingSpec; clippedSteps: number; epochs: { lr: number; tensors: Tensors }[] }[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/training-controls/training-controls.json', 'utf8')) as Fixture;
/** float32 sums in another order than PyTorch's, over eighteen steps; the tensors move by 1e-2 and more. */
const ABSOLUTE = 5e-6;
const RELATIVE = 1e-5;

function oneHot(labels: number[], classes: number): Tensor {
  const y = new Tensor(labels.length, classes);
  labels.forEach((label, row) => { y.data[row * classes + label] = 1; });
  return y;
}

describe('golden: weight decay, learning-rate schedules and clipping train as PyTorch does', () => {
  for (const run of fixture.runs) {
    it(`${run.name}: each epoch's learning rate and the tensors after it equal PyTorch's`, async () => {
      const network = createNetwork(fixture.layers, new Random(1));
      const named = fixture.layers.map((layer, index) => ({ id: layer.id, tensors: namedParameters(layer.type, network.modules[index]) }));
      for (const { id, tensors } of named) {
        for (const [name, tensor] of Object.entries(tensors)) tensor.data.set(fixture.initial[id][name]);
      }
      const features = fixture.x.length / fixture.labels.length;
      const seen: { id: string; name: string; values: Float32Array }[][] = [];
      const result = await train({
        model: network,
        criterion: new CrossEntropy(),
        optimizer: createOptimizer(run.optimizer),
        x: new Tensor(fixture.labels.length, features, Float32Array.from(fixture.x)),
        y: oneHot(fixture.labels, fixture.classes),
        epochs: fixture.epochs,
        batchSize: fixture.batchSize,
        shuffle: false,
        rng: new Random(1),
        classification: true,
        lrSchedule: run.training.lrSchedule,
        clipGradNorm: run.training.clipGradNorm,
        onEpoch: () => seen.push(named.flatMap(({ id, tensors }) => Object.entries(tensors).map(([name, tensor]) => ({ id, name, values: tensor.data.slice() })))),
      });
      assert.equal(result.outcome.status, 'completed');
      assert.equal(seen.length, run.epochs.length);
      run.epochs.forEach((expected, e) => {
        const lr = result.history[e].lr;
        if (run.training.lrSchedule) assert.ok(lr !== undefined && Math.abs(lr - expected.lr) <= 1e-12 * expected.lr, `epoch ${e + 1}: lr ${lr}, PyTorch ${expected.lr}`);
        else assert.equal(lr, undefined, 'without a schedule the records have no lr');
        for (const { id, name, values } of seen[e]) {
          const want = expected.tensors[id][name];
          let worst = 0;
          values.forEach((value, i) => { worst = Math.max(worst, Math.abs(value - want[i]) - RELATIVE * Math.abs(want[i])); });
          assert.ok(worst <= ABSOLUTE, `epoch ${e + 1} ${id}.${name}: off by ${worst} beyond the tolerance`);
        }
      });
    });
  }

  it('the fixture tests what it says: clipping clipped, weight decay and the schedules changed the result', () => {
    const finalW = (name: string) => fixture.runs.find((run) => run.name === name)!.epochs[fixture.epochs - 1].tensors.fc1.W;
    const distance = (a: number[], b: number[]) => Math.hypot(...a.map((value, i) => value - b[i]));
    assert.ok(fixture.runs.filter((run) => run.training.clipGradNorm !== undefined).every((run) => run.clippedSteps > 0));
    // the same optimizers without the controls would end elsewhere: each pair differs by far more than the tolerance
    assert.ok(distance(finalW('Adam with weight decay'), finalW('AdamW')) > 1e-3);
    assert.ok(distance(finalW('step schedule'), finalW('step schedule after a warm-up')) > 1e-3);
    assert.ok(distance(finalW('SGD with weight decay'), finalW('gradient clipping')) > 1e-3);
  });
});
