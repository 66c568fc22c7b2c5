import * as assert from 'node:assert/strict';
import { BatchNorm } from '../../../src/engine/layers/batch-norm';
import { Dropout } from '../../../src/engine/layers/dropout';
import { LeakyReLU } from '../../../src/engine/layers/leaky-relu';
import { Linear } from '../../../src/engine/layers/linear';
import { ReLU } from '../../../src/engine/layers/relu';
import { Sequential } from '../../../src/engine/layers/sequential';
import { Sigmoid } from '../../../src/engine/layers/sigmoid';
import { SoftMax } from '../../../src/engine/layers/softmax';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { awayFromZero, checkModuleGradients, inMode, randomTensor, ReplayRandom } from './gradient-check';
import { leakyRelu } from '../../../src/registry/layers/leaky-relu';

describe('engine layers: finite-difference gradient checks', () => {
  const rng = new Random(7);

  for (const mode of ['train', 'eval'] as const) {
    describe(`${mode} mode`, () => {
      const prepare = <M extends { train(): void; eval(): void }>(module: M): M => inMode(module, mode);

      it('Linear: input, weight and bias gradients (bias gradient is a batch sum)', () => {
        const layer = prepare(new Linear(5, 3, true, rng));
        assert.equal(checkModuleGradients(layer, randomTensor(4, 5, rng), rng), 4 * 5 + 5 * 3 + 3);
      });

      it('Linear without bias', () => {
        const layer = prepare(new Linear(3, 4, false, rng));
        assert.equal(layer.bias, null);
        assert.equal(checkModuleGradients(layer, randomTensor(2, 3, rng), rng), 2 * 3 + 3 * 4);
      });

      it('ReLU', () => {
        assert.equal(checkModuleGradients(prepare(new ReLU()), awayFromZero(3, 6, rng), rng), 18);
      });

      it('LeakyReLU (the default slope and a custom one)', () => {
        checkModuleGradients(prepare(new LeakyReLU(leakyRelu.settings.slope.default)), awayFromZero(3, 5, rng), rng);
        checkModuleGradients(prepare(new LeakyReLU(0.2)), awayFromZero(3, 5, rng), rng);
      });

      it('Sigmoid', () => {
        checkModuleGradients(prepare(new Sigmoid()), randomTensor(3, 4, rng, -3, 3), rng);
      });

      it('SoftMax', () => {
        checkModuleGradients(prepare(new SoftMax()), randomTensor(3, 5, rng, -2, 2), rng);
      });

      it('BatchNorm: input, gamma and beta gradients', () => {
        const layer = prepare(new BatchNorm(4, 1e-5, 0.1));
        for (let i = 0; i < 4; i++) {
          layer.gamma.data[i] = rng.uniform(0.5, 1.5);
          layer.beta.data[i] = rng.uniform(-0.5, 0.5);
          layer.runningMean.data[i] = rng.uniform(-0.5, 0.5);
          layer.runningVar.data[i] = rng.uniform(0.5, 2);
        }
        assert.equal(checkModuleGradients(layer, randomTensor(6, 4, rng, -2, 2), rng), 6 * 4 + 2 * 4);
      });

      it('Dropout (the same mask replayed from a fixed seed)', () => {
        const replay = new ReplayRandom(3);
        const layer = prepare(new Dropout(0.4, replay));
        checkModuleGradients(layer, randomTensor(4, 6, rng), rng, { beforeForward: () => replay.restart() });
      });

      // Smooth activations only: a finite-difference step could carry a hidden value across a ReLU kink.
      it('Sequential of Linear, BatchNorm, Sigmoid, Dropout and SoftMax: input and parameter gradients', () => {
        const replay = new ReplayRandom(5);
        const network = prepare(
          new Sequential([
            new Linear(4, 6, true, rng),
            new BatchNorm(6, 1e-5, 0.1),
            new Sigmoid(),
            new Dropout(0.3, replay),
            new Linear(6, 5, true, rng),
            new Sigmoid(),
            new Linear(5, 3, true, rng),
            new SoftMax(),
          ]),
        );
        checkModuleGradients(network, randomTensor(5, 4, rng), rng, { beforeForward: () => replay.restart() });
      });
    });
  }
});

describe('engine layers: behaviour', () => {
  const rng = new Random(11);

  it('Linear computes X W + b with W [in, out]', () => {
    const layer = new Linear(2, 3, true, rng);
    layer.weight.data.set([1, 2, 3, 4, 5, 6]);
    layer.bias?.data.set([0.5, -0.5, 1]);
    const output = layer.forward(Tensor.fromRows([[1, 1], [2, 0]]));
    assert.deepEqual(output.toRows(), [[5.5, 6.5, 10], [2.5, 3.5, 7]]);
  });

  it('Linear initialises W and b uniformly within ±1/sqrt(in)', () => {
    const layer = new Linear(16, 50, true, rng);
    const values = [...layer.weight.data, ...(layer.bias?.data ?? [])];
    assert.ok(values.every((v) => Math.abs(v) <= 0.25));
    assert.ok(Math.max(...values) > 0.2 && Math.min(...values) < -0.2, 'values spread over the range');
  });

  it('Linear bias gradient is the batch SUM of the output gradient (seed defect 1)', () => {
    const layer = new Linear(2, 2, true, rng);
    const input = Tensor.fromRows([[1, 2], [3, 4], [5, 6]]);
    layer.forward(input);
    layer.backward(input, Tensor.fromRows([[1, 2], [1, 2], [1, 2]]));
    assert.deepEqual(Array.from(layer.gradBias?.data ?? []), [3, 6]);
  });

  it('a layer rejects an input of the wrong width, naming the layer', () => {
    const layer = new Linear(3, 2, true, rng);
    layer.name = 'fc1';
    assert.throws(() => layer.forward(new Tensor(2, 4)), /layer fc1 \(Linear\) expects 3 input features, got 4/);
  });

  it('SoftMax rows sum to 1 and survive huge logits', () => {
    const output = new SoftMax().forward(Tensor.fromRows([[1000, 0, -1000], [1, 2, 3]]));
    for (const row of output.toRows()) {
      assert.ok(row.every(Number.isFinite));
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    }
    assert.ok(Math.abs(output.get(0, 0) - 1) < 1e-6);
  });

  it('Dropout drops about p of the values, scales survivors by 1/(1-p), and is the identity in eval', () => {
    const layer = new Dropout(0.25, new Random(1));
    const input = new Tensor(100, 100);
    input.data.fill(1);
    const output = layer.forward(input);
    const kept = output.data.filter((v) => v !== 0);
    assert.ok(Math.abs(kept.length / input.size - 0.75) < 0.02, `kept ${kept.length}`);
    assert.ok(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6));
    layer.eval();
    assert.deepEqual(Array.from(layer.forward(input).data), Array.from(input.data));
  });

  it('Dropout masks repeat for the same seed', () => {
    const input = new Tensor(4, 8);
    input.data.fill(1);
    const a = new Dropout(0.5, new Random(9)).forward(input).clone();
    const b = new Dropout(0.5, new Random(9)).forward(input).clone();
    assert.deepEqual(a.data, b.data);
  });

  it('Dropout rejects p outside [0, 1)', () => {
    assert.throws(() => new Dropout(1, rng), /must be in \[0, 1\)/);
  });

  it('BatchNorm in training normalises with the batch and updates the running statistics with the biased variance', () => {
    const layer = new BatchNorm(1, 1e-5, 0.1);
    const output = layer.forward(Tensor.fromRows([[1], [3]]));
    // mean 2, biased variance 1
    assert.ok(Math.abs(output.get(0, 0) + 1) < 1e-4 && Math.abs(output.get(1, 0) - 1) < 1e-4);
    assert.ok(Math.abs(layer.runningMean.data[0] - 0.2) < 1e-6);
    assert.ok(Math.abs(layer.runningVar.data[0] - (0.9 * 1 + 0.1 * 1)) < 1e-6);
    layer.eval();
    const evalOutput = layer.forward(Tensor.fromRows([[1.2]]));
    assert.ok(Math.abs(evalOutput.get(0, 0) - 1 / Math.sqrt(1 + 1e-5)) < 1e-5, 'eval uses the running statistics');
  });

  it('BatchNorm training on a batch of one is a clear error, not an assert (seed defect 4)', () => {
    const layer = new BatchNorm(3, 1e-5, 0.1);
    layer.name = 'bn1';
    assert.throws(
      () => layer.forward(new Tensor(1, 3)),
      (error: Error) => /layer bn1 \(BatchNorm\)/.test(error.message) && /batch size of at least 2/.test(error.message),
    );
    layer.eval();
    assert.equal(layer.forward(new Tensor(1, 3)).rows, 1);
  });

  it('a forward reuses its output buffer for batches of the same size', () => {
    const layer = new ReLU();
    const first = layer.forward(new Tensor(4, 3));
    const other = layer.forward(new Tensor(2, 3));
    assert.notEqual(first, other);
    assert.equal(layer.forward(new Tensor(4, 3)), first);
  });

  it('backwardParameters gives the same parameter gradients as backward, without the first input gradient', () => {
    const build = (): Sequential =>
      new Sequential([new Linear(5, 4, true, new Random(3)), new ReLU(), new Linear(4, 2, true, new Random(4))]);
    const x = randomTensor(3, 5, rng);
    const g = randomTensor(3, 2, rng);
    const full = build();
    full.forward(x);
    full.backward(x, g);
    const partial = build();
    partial.forward(x);
    assert.equal(partial.backwardThrough(3, x, g, false), null);
    assert.deepEqual(partial.gradParameters().map((t) => Array.from(t.data)), full.gradParameters().map((t) => Array.from(t.data)));
  });

  it('Sequential switches every module between train and eval', () => {
    const network = new Sequential([new Dropout(0.5, rng), new Sequential([new BatchNorm(2, 1e-5, 0.1)])]);
    network.eval();
    assert.ok(network.modules.every((m) => !m.training));
    assert.ok(!(network.modules[1] as Sequential).modules[0].training);
    network.train();
    assert.ok((network.modules[1] as Sequential).modules[0].training);
  });
});
