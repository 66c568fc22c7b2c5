import * as assert from 'node:assert/strict';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { MSE } from '../../../src/engine/criteria/mse';
import { Linear } from '../../../src/engine/layers/linear';
import { Sequential } from '../../../src/engine/layers/sequential';
import { SoftMax } from '../../../src/engine/layers/softmax';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { trainStep } from '../../../src/engine/train-step';
import { checkCriterionGradients, oneHot, randomTensor } from './gradient-check';

describe('engine criteria', () => {
  const rng = new Random(21);

  it('MSE is the sum over features of squared errors, averaged over the batch', () => {
    const loss = new MSE().forward(Tensor.fromRows([[1, 2], [3, 4]]), Tensor.fromRows([[0, 0], [3, 6]]));
    assert.equal(loss, (1 + 4 + 0 + 4) / 2);
  });

  it('MSE gradient matches finite differences', () => {
    checkCriterionGradients(new MSE(), randomTensor(4, 3, rng), randomTensor(4, 3, rng));
  });

  it('CrossEntropy is the batch MEAN of -sum t log p (seed defect 2)', () => {
    const p = Tensor.fromRows([[0.5, 0.5], [0.25, 0.75]]);
    const t = Tensor.fromRows([[1, 0], [0, 1]]);
    const expected = -(Math.log(0.5) + Math.log(0.75)) / 2;
    assert.ok(Math.abs(new CrossEntropy().forward(p, t) - expected) < 1e-7);
  });

  it('CrossEntropy gradient is divided by the batch size and matches finite differences', () => {
    const gradient = new CrossEntropy().backward(Tensor.fromRows([[0.5, 0.5], [0.25, 0.75]]), Tensor.fromRows([[1, 0], [0, 1]]));
    assert.ok(Math.abs(gradient.get(0, 0) - -1 / 0.5 / 2) < 1e-6);
    assert.ok(Math.abs(gradient.get(1, 1) - -1 / 0.75 / 2) < 1e-6);
    checkCriterionGradients(new CrossEntropy(), randomTensor(5, 4, rng, 0.05, 0.95), oneHot(5, 4, rng), 1e-4);
  });

  it('CrossEntropy clips probabilities to [1e-9, 1 - 1e-9]', () => {
    const loss = new CrossEntropy().forward(Tensor.fromRows([[0, 1]]), Tensor.fromRows([[1, 0]]));
    assert.ok(Math.abs(loss - -Math.log(1e-9)) < 1e-6);
  });

  it('a target of the wrong shape names both shapes and the fix', () => {
    assert.throws(
      () => new MSE().forward(new Tensor(2, 3), new Tensor(2, 2)),
      /output has shape \[2, 3\] but the target has \[2, 2\].*last layer/,
    );
  });

  it('the fused SoftMax+CrossEntropy gradient equals the separate modules', () => {
    const logits = randomTensor(6, 5, rng, -3, 3);
    const target = oneHot(6, 5, rng);
    const softmax = new SoftMax();
    const criterion = new CrossEntropy();
    const probabilities = softmax.forward(logits).clone();
    const separate = softmax.backward(logits, criterion.backward(probabilities, target).clone()).clone();
    const fused = criterion.backwardFromLogits(probabilities, target);
    for (let i = 0; i < separate.size; i++) assert.ok(Math.abs(separate.data[i] - fused.data[i]) < 1e-6, `value ${i}`);
  });

  it('a training step through the fused path gives the same loss and weights as the separate path', () => {
    const build = (): Sequential => new Sequential([new Linear(3, 4, true, new Random(4)), new SoftMax()]);
    const x = randomTensor(5, 3, rng);
    const y = oneHot(5, 4, rng);
    const fused = build();
    const fusedLoss = trainStep(fused, new CrossEntropy(), new SGD({ lr: 0.5 }), x, y).loss;
    const separate = build();
    const criterion = new CrossEntropy();
    const output = separate.forward(x);
    const separateLoss = criterion.forward(output, y);
    separate.backward(x, criterion.backward(output, y));
    new SGD({ lr: 0.5 }).step(separate.parameters(), separate.gradParameters());
    assert.equal(fusedLoss, separateLoss);
    const a = fused.parameters();
    const b = separate.parameters();
    for (let p = 0; p < a.length; p++) {
      for (let i = 0; i < a[p].size; i++) assert.ok(Math.abs(a[p].data[i] - b[p].data[i]) < 1e-6);
    }
  });

  it('SoftMax+CrossEntropy stays finite for huge logits', () => {
    const network = new Sequential([new Linear(2, 3, true, new Random(1)), new SoftMax()]);
    const linear = network.modules[0] as Linear;
    linear.weight.data.set([1e4, -1e4, 0, -1e4, 1e4, 0]);
    const x = Tensor.fromRows([[1, 0], [0, 1]]);
    const y = Tensor.fromRows([[0, 1, 0], [1, 0, 0]]);
    const { loss } = trainStep(network, new CrossEntropy(), new SGD({ lr: 1e-3 }), x, y);
    assert.ok(Number.isFinite(loss) && loss > 20, `loss ${loss}`);
    assert.ok(network.parameters().every((p) => p.data.every(Number.isFinite)));
    // The fused gradient is p - t, not the vanishing p * (-1 / 1e-9) of clipped separate modules.
    assert.ok(Math.abs(linear.gradWeight.get(0, 1) - -0.5) < 1e-6);
  });
});
