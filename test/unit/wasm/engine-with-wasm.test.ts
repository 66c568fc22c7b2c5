import * as assert from 'node:assert/strict';
import type { Criterion } from '../../../src/engine/criteria/criterion';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { MSE } from '../../../src/engine/criteria/mse';
import { kernels, useKernels, type Kernels } from '../../../src/engine/kernels';
import { typescriptKernels } from '../../../src/engine/kernels-ts';
import { BatchNorm } from '../../../src/engine/layers/batch-norm';
import { LeakyReLU } from '../../../src/engine/layers/leaky-relu';
import { Linear } from '../../../src/engine/layers/linear';
import { ReLU } from '../../../src/engine/layers/relu';
import { Sequential } from '../../../src/engine/layers/sequential';
import { Sigmoid } from '../../../src/engine/layers/sigmoid';
import { SoftMax } from '../../../src/engine/layers/softmax';
import { createNetwork } from '../../../src/engine/factory';
import { countCorrect } from '../../../src/engine/metrics';
import { Adam } from '../../../src/engine/optimizers/adam';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { allocateTensor } from '../../../src/engine/tensor-pool';
import { train } from '../../../src/engine/train';
import { trainStep } from '../../../src/engine/train-step';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';
import { seededValues, wasmKernels } from './wasm-test-kernels';

function tensorFrom(rows: number, cols: number, values: Float32Array): Tensor {
  const tensor = allocateTensor(rows, cols);
  tensor.data.set(values);
  return tensor;
}

function oneHotTargets(rows: number, classes: number, seed: number): Tensor {
  const target = allocateTensor(rows, classes);
  const rng = new Random(seed);
  for (let r = 0; r < rows; r++) target.data[r * classes + rng.int(classes)] = 1;
  return target;
}

/** The loss, and the signs of every ReLU/LeakyReLU input: a change of sign means a kink was crossed. */
function lossAndKinkSigns(model: Sequential, criterion: Criterion, x: Tensor, target: Tensor): [number, string] {
  let current = x;
  let signs = '';
  for (const module of model.modules) {
    if (module instanceof ReLU || module instanceof LeakyReLU) {
      for (let i = 0; i < current.size; i++) signs += current.data[i] > 0 ? '+' : '-';
    }
    current = module.forward(current);
  }
  return [criterion.forward(current, target), signs];
}

/**
 * Central finite differences of the loss against the analytic gradients of the input and of every parameter,
 * on a few entries per tensor. An entry whose ±h evaluations put a ReLU input on different sides of zero sits at
 * a kink, where the difference says nothing about the gradient: such entries are skipped, at most one in five.
 */
function checkGradients(model: Sequential, criterion: Criterion, x: Tensor, target: Tensor, label: string): void {
  const output = model.forward(x);
  criterion.forward(output, target);
  model.zeroGradParameters();
  const gradInput = model.backward(x, criterion.backward(output, target)).data.slice();
  const analytic = [gradInput, ...model.gradParameters().map((g) => g.data.slice())];
  const tensors = [x, ...model.parameters()];
  const h = 1e-3;
  let checked = 0;
  let kinks = 0;
  tensors.forEach((tensor, t) => {
    const step = Math.max(1, Math.floor(tensor.size / 6));
    for (let i = 0; i < tensor.size; i += step) {
      const original = tensor.data[i];
      tensor.data[i] = original + h;
      const [plus, plusSigns] = lossAndKinkSigns(model, criterion, x, target);
      tensor.data[i] = original - h;
      const [minus, minusSigns] = lossAndKinkSigns(model, criterion, x, target);
      tensor.data[i] = original;
      if (plusSigns !== minusSigns) {
        kinks++;
        continue;
      }
      const numeric = (plus - minus) / (2 * h);
      const expected = analytic[t][i];
      const allowed = 1e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(expected));
      assert.ok(
        Math.abs(numeric - expected) <= allowed,
        `${label}: tensor ${t} entry ${i}: numeric ${numeric} vs analytic ${expected}`,
      );
      checked++;
    }
  });
  assert.ok(kinks * 5 <= checked, `${label}: ${kinks} entries at a kink, only ${checked} checked`);
}

describe('the engine on the WASM kernels', () => {
  let previous: Kernels;
  before(() => {
    previous = kernels();
    useKernels(wasmKernels());
  });
  after(() => useKernels(previous));

  it('allocates tensors in WebAssembly memory', () => {
    const wasm = wasmKernels();
    assert.equal(kernels(), wasm);
    assert.ok(wasm.arena.owns(allocateTensor(3, 4).data));
    assert.ok(!wasm.arena.owns(new Float32Array(12)));
  });

  for (const mode of ['train', 'eval'] as const) {
    it(`passes finite-difference gradient checks in ${mode} mode`, () => {
      const rng = new Random(7);
      const batch = 6;
      const x = tensorFrom(batch, 5, seededValues(batch * 5, 11));
      const networks: [string, Sequential, Criterion, Tensor][] = [
        [
          'Linear-ReLU-Linear-SoftMax + CrossEntropy',
          new Sequential([new Linear(5, 9, true, rng), new ReLU(), new Linear(9, 4, true, rng), new SoftMax()]),
          new CrossEntropy(),
          oneHotTargets(batch, 4, 3),
        ],
        [
          'Linear-LeakyReLU-Linear-Sigmoid + MSE',
          new Sequential([new Linear(5, 7, true, rng), new LeakyReLU(0.03), new Linear(7, 3, false, rng), new Sigmoid()]),
          new MSE(),
          tensorFrom(batch, 3, seededValues(batch * 3, 5)),
        ],
        [
          'Linear-BatchNorm-Sigmoid-Linear + MSE',
          new Sequential([new Linear(5, 8, true, rng), new BatchNorm(8, 1e-5, 0.1), new Sigmoid(), new Linear(8, 2, true, rng)]),
          new MSE(),
          tensorFrom(batch, 2, seededValues(batch * 2, 9)),
        ],
      ];
      for (const [label, model, criterion, target] of networks) {
        if (mode === 'eval') {
          model.forward(x); // gives BatchNorm running statistics that differ from its initial ones
          model.eval();
        }
        checkGradients(model, criterion, x, target, `${label} (${mode})`);
      }
    });
  }

  it('trains to the same weights as the TypeScript kernels, within float32 tolerance', () => {
    const run = (implementation: Kernels): Float32Array[] => {
      useKernels(implementation);
      const rng = new Random(42);
      const model = new Sequential([new Linear(13, 33, true, rng), new ReLU(), new Linear(33, 5, true, rng), new SoftMax()]);
      const x = tensorFrom(17, 13, seededValues(17 * 13, 1));
      const y = oneHotTargets(17, 5, 2);
      const optimizer = new Adam({ lr: 0.01 });
      for (let step = 0; step < 20; step++) trainStep(model, new CrossEntropy(), optimizer, x, y);
      return model.parameters().map((p) => p.data.slice());
    };
    const expected = run(typescriptKernels);
    const actual = run(wasmKernels());
    expected.forEach((values, p) => {
      for (let i = 0; i < values.length; i++) {
        assert.ok(Math.abs(values[i] - actual[p][i]) < 1e-4, `parameter ${p}[${i}]: ${values[i]} vs ${actual[p][i]}`);
      }
    });
  });

  it('learns XOR to 100% accuracy', () => {
    const rng = new Random(1);
    const model = new Sequential([new Linear(2, 8, true, rng), new ReLU(), new Linear(8, 2, true, rng), new SoftMax()]);
    const x = tensorFrom(4, 2, new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]));
    const y = tensorFrom(4, 2, new Float32Array([1, 0, 0, 1, 0, 1, 1, 0]));
    const criterion = new CrossEntropy();
    const optimizer = new Adam({ lr: 0.05 });
    let loss = Infinity;
    for (let step = 0; step < 500; step++) loss = trainStep(model, criterion, optimizer, x, y).loss;
    model.eval();
    const output = model.forward(x);
    assert.equal(countCorrect(output, y), 4, `XOR not learned: loss ${loss}, outputs ${Array.from(output.data)}`);
    assert.ok(loss < 0.05, `loss ${loss}`);
  });

  it('keeps WebAssembly memory flat from the second epoch of a real training run', async () => {
    const wasm = wasmKernels();
    const rng = new Random(8);
    const model = new Sequential([new Linear(20, 16, true, rng), new ReLU(), new Linear(16, 3, true, rng), new SoftMax()]);
    const rows = 203; // uneven: a last smaller batch, and a validation split with its own batch shape
    const validationRows = 41;
    const x = tensorFrom(rows - validationRows, 20, seededValues((rows - validationRows) * 20, 6));
    const y = oneHotTargets(rows - validationRows, 3, 7);
    const validation = { x: tensorFrom(validationRows, 20, seededValues(validationRows * 20, 8)), y: oneHotTargets(validationRows, 3, 9) };
    const usedAfterEpoch: number[] = [];
    const bytesAfterEpoch: number[] = [];
    const result = await train({
      model, criterion: new CrossEntropy(), optimizer: new Adam({ lr: 0.01 }), x, y, validation, epochs: 4, batchSize: 32,
      shuffle: true, rng, classification: true,
      onEpoch: () => {
        usedAfterEpoch.push(wasm.arena.usedBytes);
        bytesAfterEpoch.push(wasm.arena.byteLength);
      },
    });
    assert.deepEqual(result.outcome, { status: 'completed' });
    assert.equal(usedAfterEpoch.length, 4);
    assert.deepEqual(usedAfterEpoch.slice(1), [usedAfterEpoch[0], usedAfterEpoch[0], usedAfterEpoch[0]]);
    assert.deepEqual(bytesAfterEpoch.slice(1), [bytesAfterEpoch[0], bytesAfterEpoch[0], bytesAfterEpoch[0]]);
  });

  it('keeps WebAssembly memory flat over many training steps', () => {
    const wasm = wasmKernels();
    const rng = new Random(3);
    const model = new Sequential([new Linear(64, 48, true, rng), new ReLU(), new Linear(48, 10, true, rng), new SoftMax()]);
    const x = tensorFrom(32, 64, seededValues(32 * 64, 4));
    const y = oneHotTargets(32, 10, 5);
    const plainX = new Float32Array(x.data); // a caller-made batch is staged, not allocated
    const criterion = new CrossEntropy();
    const optimizer = new SGD({ lr: 0.1 });
    trainStep(model, criterion, optimizer, x, y);
    trainStep(model, criterion, optimizer, new Tensor(32, 64, plainX), y);
    const bytes = wasm.arena.byteLength;
    const used = wasm.arena.usedBytes;
    for (let step = 0; step < 300; step++) {
      trainStep(model, criterion, optimizer, step % 2 === 0 ? x : new Tensor(32, 64, plainX), y);
    }
    assert.equal(wasm.arena.usedBytes, used, 'the arena handed out memory during steady-state steps');
    assert.equal(wasm.arena.byteLength, bytes, 'the WebAssembly memory grew during steady-state steps');
  });

  it('keeps WebAssembly memory flat over many steps of a conv network (two batch sizes and evaluation)', () => {
    const wasm = wasmKernels();
    const layers = [
      { type: 'Conv2D', id: 'conv1', outChannels: 4, kernelSize: 3, padding: 1 }, { type: 'BatchNorm', id: 'bn1' },
      { type: 'ReLU', id: 'relu1' }, { type: 'MaxPool2D', id: 'maxpool1', kernelSize: 2 },
      { type: 'Conv2D', id: 'conv2', outChannels: 6, kernelSize: 3, stride: 2 }, { type: 'AvgPool2D', id: 'avgpool1', kernelSize: 2 },
      { type: 'Flatten', id: 'flatten1' }, { type: 'Linear', id: 'fc1', out: 10 }, { type: 'SoftMax', id: 'softmax1' },
    ] as unknown as ResolvedLayerSpec[];
    const model = createNetwork(layers, new Random(3), [1, 12, 12]);
    const batches = [16, 5].map((rows, i) => [tensorFrom(rows, 144, seededValues(rows * 144, 6 + i)), oneHotTargets(rows, 10, 8 + i)] as const);
    const criterion = new CrossEntropy();
    const optimizer = new Adam({ lr: 0.01 });
    const epoch = () => {
      model.train();
      for (const [x, y] of batches) trainStep(model, criterion, optimizer, x, y);
      model.eval();
      for (const [x] of batches) model.forward(x);
    };
    epoch();
    const bytes = wasm.arena.byteLength;
    const used = wasm.arena.usedBytes;
    for (let i = 0; i < 50; i++) epoch();
    assert.equal(wasm.arena.usedBytes, used, 'the arena handed out memory during steady-state steps');
    assert.equal(wasm.arena.byteLength, bytes, 'the WebAssembly memory grew during steady-state steps');
  });
});
