import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { MSE } from '../../../src/engine/criteria/mse';
import { createNetwork } from '../../../src/engine/factory';
import { typescriptKernels } from '../../../src/engine/kernels-ts';
import { kernels, useKernels, type Kernels } from '../../../src/engine/kernels';
import type { Sequential } from '../../../src/engine/layers/sequential';
import { Adam } from '../../../src/engine/optimizers/adam';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { evaluate, predict, train, type TrainOptions } from '../../../src/engine/train';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';
import type { BatchProgress, EpochSummary } from '../../../src/shared/training-events';

const XOR_X = Tensor.fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
const XOR_Y = Tensor.fromRows([[1, 0], [0, 1], [0, 1], [1, 0]]);

function xorNetwork(seed: number): Sequential {
  const layers: ResolvedLayerSpec[] = [
    { type: 'Linear', id: 'fc1', in: 2, out: 8 },
    { type: 'ReLU', id: 'relu1' },
    { type: 'Linear', id: 'fc2', in: 8, out: 2 },
    { type: 'SoftMax', id: 'softmax' },
  ];
  return createNetwork(layers, new Random(seed));
}

function xorOptions(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    model: xorNetwork(1),
    criterion: new CrossEntropy(),
    optimizer: new Adam({ lr: 0.05 }),
    x: XOR_X,
    y: XOR_Y,
    epochs: 300,
    batchSize: 4,
    shuffle: true,
    rng: new Random(1),
    classification: true,
    ...overrides,
  };
}

/** Reads examples/data/digits.csv (64 pixel columns 0..16, then the digit): pixels scaled to [0, 1], one-hot labels. */
function readDigits(): { x: Tensor; y: Tensor } {
  const lines = readFileSync('examples/data/digits.csv', 'utf8').trim().split(/\r?\n/).slice(1);
  const x = new Tensor(lines.length, 64);
  const y = new Tensor(lines.length, 10);
  lines.forEach((line, r) => {
    const values = line.split(',').map(Number);
    for (let c = 0; c < 64; c++) x.set(r, c, values[c] / 16);
    y.set(r, values[64], 1);
  });
  return { x, y };
}

/** The last `fraction` of the rows held out for validation, as src/data/preprocess.ts splits them for training. */
function holdOutLast(data: { x: Tensor; y: Tensor }, fraction: number): Pick<TrainOptions, 'x' | 'y' | 'validation'> {
  const keep = data.x.rows - Math.round(data.x.rows * fraction);
  const rows = (t: Tensor, start: number, end: number): Tensor => new Tensor(end - start, t.cols, t.data.slice(start * t.cols, end * t.cols));
  return {
    x: rows(data.x, 0, keep), y: rows(data.y, 0, keep),
    validation: { x: rows(data.x, keep, data.x.rows), y: rows(data.y, keep, data.y.rows) },
  };
}

/** Rows in a seeded random order, so the validation split (the last rows) holds every digit. */
function shuffledRows(data: { x: Tensor; y: Tensor }, seed: number): { x: Tensor; y: Tensor } {
  const order = new Random(seed).shuffle(Array.from({ length: data.x.rows }, (_, i) => i));
  const x = new Tensor(data.x.rows, data.x.cols);
  const y = new Tensor(data.y.rows, data.y.cols);
  order.forEach((from, to) => {
    x.data.set(data.x.data.subarray(from * x.cols, (from + 1) * x.cols), to * x.cols);
    y.data.set(data.y.data.subarray(from * y.cols, (from + 1) * y.cols), to * y.cols);
  });
  return { x, y };
}

describe('engine training loop', () => {
  it('learns XOR to 100% accuracy', async () => {
    const options = xorOptions();
    const result = await train(options);
    assert.deepEqual(result.outcome, { status: 'completed' });
    assert.equal(result.history.length, 300);
    assert.equal(result.history[299].accuracy, 1);
    assert.equal(evaluate(options.model, options.criterion, XOR_X, XOR_Y, true).accuracy, 1);
  });

  it('learns the digits data set to at least 95% validation accuracy with a small MLP', async function () {
    this.timeout(60000);
    const data = shuffledRows(readDigits(), 7);
    const model = createNetwork(
      [
        { type: 'Linear', id: 'fc1', in: 64, out: 64 },
        { type: 'ReLU', id: 'relu1' },
        { type: 'Linear', id: 'fc2', in: 64, out: 10 },
        { type: 'SoftMax', id: 'softmax' },
      ],
      new Random(42),
    );
    const result = await train({
      model,
      criterion: new CrossEntropy(),
      optimizer: new Adam({ lr: 0.01 }),
      ...holdOutLast(data, 0.2),
      epochs: 25,
      batchSize: 32,
      shuffle: true,
      rng: new Random(42),
      classification: true,
    });
    assert.equal(result.outcome.status, 'completed');
    const last = result.history[result.history.length - 1];
    assert.ok((last.valAccuracy ?? 0) >= 0.95, `validation accuracy ${last.valAccuracy}`);
    assert.ok(last.valLoss !== undefined && last.valLoss < 0.3, `validation loss ${last.valLoss}`);
  });

  it('fits a linear regression with MSE (no accuracy reported)', async () => {
    const rng = new Random(12);
    const x = new Tensor(64, 2);
    const y = new Tensor(64, 1);
    for (let r = 0; r < 64; r++) {
      x.set(r, 0, rng.uniform(-1, 1));
      x.set(r, 1, rng.uniform(-1, 1));
      y.set(r, 0, 2 * x.get(r, 0) - 3 * x.get(r, 1) + 0.5);
    }
    const model = createNetwork([{ type: 'Linear', id: 'fc', in: 2, out: 1 }], rng);
    const result = await train({
      model, criterion: new MSE(), optimizer: new SGD({ lr: 0.1 }), ...holdOutLast({ x, y }, 0.25), epochs: 100, batchSize: 16,
      shuffle: true, rng, classification: false,
    });
    const last = result.history[result.history.length - 1];
    assert.equal(last.accuracy, undefined);
    assert.ok(last.loss < 1e-4 && (last.valLoss ?? 1) < 1e-4, `loss ${last.loss}, validation loss ${last.valLoss}`);
    const w = model.parameters()[0].data;
    assert.ok(Math.abs(w[0] - 2) < 0.01 && Math.abs(w[1] + 3) < 0.01, `weights ${Array.from(w)}`);
  });

  it('evaluate averages the loss over all rows across its batches', () => {
    const model = xorNetwork(4);
    const rng = new Random(2);
    const x = new Tensor(600, 2);
    const y = new Tensor(600, 2);
    for (let r = 0; r < 600; r++) {
      x.set(r, 0, rng.uniform(-1, 1));
      x.set(r, 1, rng.uniform(-1, 1));
      y.set(r, rng.int(2), 1);
    }
    const criterion = new CrossEntropy();
    const { loss, accuracy } = evaluate(model, criterion, x, y, true);
    model.eval();
    const whole = criterion.forward(model.forward(x), y);
    assert.ok(Math.abs(loss - whole) < 1e-6, `${loss} vs ${whole}`);
    assert.ok(accuracy !== undefined && accuracy >= 0 && accuracy <= 1);
  });

  it('two runs with one seed give identical weights (shuffling and dropout included)', async () => {
    const layers: ResolvedLayerSpec[] = [
      { type: 'Linear', id: 'fc1', in: 2, out: 16 },
      { type: 'BatchNorm', id: 'bn1', features: 16 },
      { type: 'ReLU', id: 'relu1' },
      { type: 'Dropout', id: 'drop1', p: 0.3 },
      { type: 'Linear', id: 'fc2', in: 16, out: 2 },
      { type: 'SoftMax', id: 'softmax' },
    ];
    const run = async (): Promise<number[][]> => {
      const rng = new Random(123);
      const model = createNetwork(layers, rng);
      await train({ ...xorOptions(), model, rng, epochs: 20, batchSize: 2 });
      return model.parameters().map((p) => Array.from(p.data));
    };
    const first = await run();
    assert.deepEqual(await run(), first);
  });

  it('without shuffling, trains on the rows in their order: the random generator plays no part', async () => {
    const run = async (shuffle: boolean, seed: number): Promise<number[][]> => {
      const model = xorNetwork(5);
      await train({ ...xorOptions({ model, shuffle, rng: new Random(seed), epochs: 3, batchSize: 1 }) });
      return model.parameters().map((p) => Array.from(p.data));
    };
    assert.deepEqual(await run(false, 1), await run(false, 2));
    assert.notDeepEqual(await run(true, 1), await run(true, 2), 'with shuffling, the generator orders the batches');
  });

  it('reports every batch and every epoch with 1-based numbers, loss and accuracy', async () => {
    const batches: BatchProgress[] = [];
    const epochs: EpochSummary[] = [];
    const x = new Tensor(10, 2);
    const y = new Tensor(10, 2);
    for (let r = 0; r < 10; r++) {
      x.set(r, 0, r % 2);
      y.set(r, r % 2, 1);
    }
    const result = await train({
      ...xorOptions({ ...holdOutLast({ x, y }, 0.2), epochs: 2, batchSize: 3, startEpoch: 5 }),
      onBatch: (p) => batches.push(p),
      onEpoch: (s) => epochs.push(s),
    });
    // 8 training rows in batches of 3: 3, 3, 2
    assert.deepEqual(batches.map((b) => [b.epoch, b.batch, b.batchesPerEpoch]), [
      [6, 1, 3], [6, 2, 3], [6, 3, 3], [7, 1, 3], [7, 2, 3], [7, 3, 3],
    ]);
    assert.deepEqual(epochs.map((e) => e.epoch), [6, 7]);
    assert.deepEqual(result.history, epochs);
    for (const summary of epochs) {
      assert.ok(Number.isFinite(summary.loss) && summary.loss > 0);
      assert.ok(summary.accuracy !== undefined && summary.valAccuracy !== undefined && summary.valLoss !== undefined);
      assert.ok(summary.seconds >= 0);
    }
  });

  it('merges a trailing batch of one row into the previous batch (BatchNorm cannot train on one row)', async () => {
    const batches: BatchProgress[] = [];
    const model = createNetwork(
      [
        { type: 'Linear', id: 'fc1', in: 2, out: 3 },
        { type: 'BatchNorm', id: 'bn1', features: 3 },
        { type: 'Linear', id: 'fc2', in: 3, out: 2 },
        { type: 'SoftMax', id: 'softmax' },
      ],
      new Random(2),
    );
    const x = new Tensor(5, 2);
    const y = new Tensor(5, 2);
    for (let r = 0; r < 5; r++) y.set(r, r % 2, 1);
    const result = await train({ ...xorOptions({ model, x, y, epochs: 1, batchSize: 2 }), onBatch: (b) => batches.push(b) });
    assert.equal(result.outcome.status, 'completed');
    assert.equal(batches.length, 2);
  });

  it('stops with outcome "diverged" naming the epoch and batch when the loss becomes infinite', async () => {
    const x = new Tensor(40, 3);
    const y = new Tensor(40, 1);
    const rng = new Random(8);
    for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-10, 10);
    for (let r = 0; r < 40; r++) y.data[r] = x.get(r, 0) * 100;
    const model = createNetwork(
      [
        { type: 'Linear', id: 'fc1', in: 3, out: 16 },
        { type: 'ReLU', id: 'relu1' },
        { type: 'Linear', id: 'fc2', in: 16, out: 1 },
      ],
      rng,
    );
    const result = await train({
      model, criterion: new MSE(), optimizer: new SGD({ lr: 10 }), x, y, epochs: 50, batchSize: 8,
      shuffle: false, rng, classification: false,
    });
    assert.equal(result.outcome.status, 'diverged');
    if (result.outcome.status !== 'diverged') return;
    const { epoch, batch, message } = result.outcome;
    assert.ok(epoch >= 1 && batch >= 1 && batch <= 5);
    assert.match(message, new RegExp(`epoch ${epoch}, batch ${batch}`));
    assert.match(message, /lower the learning rate/i);
    assert.equal(result.history.length, epoch - 1, 'only finished epochs are in the history');
  });

  it('stops between batches when asked', async () => {
    let batches = 0;
    const result = await train({
      ...xorOptions({ batchSize: 1, epochs: 10 }),
      onBatch: () => batches++,
      shouldStop: () => batches === 6,
    });
    assert.deepEqual(result.outcome, { status: 'stopped', epoch: 2, batch: 2 });
    assert.equal(result.history.length, 1);
  });

  it('yields to the event loop, so a timer (a stop request, a SIGINT handler) can run during training', async () => {
    let stop = false;
    setTimeout(() => (stop = true), 0);
    const result = await train({ ...xorOptions({ epochs: 10_000_000 }), shouldStop: () => stop });
    assert.equal(result.outcome.status, 'stopped');
  });

  it('does not allocate kernel memory after the first epoch (memory per step stays flat)', async () => {
    let allocations = 0;
    const previous = kernels();
    const counting: Kernels = { ...typescriptKernels, allocate: (n) => (allocations++, typescriptKernels.allocate(n)) };
    useKernels(counting);
    try {
      const options = xorOptions({ epochs: 1, batchSize: 3 });
      const x = new Tensor(20, 2);
      const y = new Tensor(20, 2);
      for (let r = 0; r < 20; r++) y.set(r, r % 2, 1);
      const model = xorNetwork(3);
      const run = { ...options, model, ...holdOutLast({ x, y }, 0.25), optimizer: new Adam({ lr: 0.01 }) };
      await train(run);
      const afterFirst = allocations;
      assert.ok(afterFirst > 0);
      await train({ ...run, epochs: 5 });
      assert.equal(allocations, afterFirst, 'a second train() call on the same model allocates nothing');
      evaluate(model, run.criterion, x, y, true);
      predict(model, x);
      const afterFirstPrediction = allocations;
      evaluate(model, run.criterion, x, y, true);
      predict(model, x);
      assert.equal(allocations, afterFirstPrediction, 'repeated evaluate and predict calls reuse their buffers');
    } finally {
      useKernels(previous);
    }
  });

  it('predict runs in eval mode and in batches, matching forward row by row', () => {
    const model = createNetwork(
      [
        { type: 'Linear', id: 'fc1', in: 3, out: 4 },
        { type: 'Dropout', id: 'drop1', p: 0.5 },
        { type: 'Linear', id: 'fc2', in: 4, out: 2 },
      ],
      new Random(6),
    );
    const x = new Tensor(600, 3);
    const rng = new Random(7);
    for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-1, 1);
    const all = predict(model, x);
    assert.equal(all.rows, 600);
    assert.ok(model.training, 'the previous mode is restored');
    model.eval();
    const single = model.forward(new Tensor(1, 3, x.data.slice(599 * 3)));
    assert.deepEqual(Array.from(single.data), Array.from(all.data.subarray(599 * 2)));
  });

  it('rejects mismatched rows and bad settings with messages that say what to fix', async () => {
    await assert.rejects(train(xorOptions({ y: new Tensor(3, 2) })), /4 rows but the targets have 3/);
    await assert.rejects(train(xorOptions({ batchSize: 0 })), /batchSize must be a positive integer/);
    await assert.rejects(train(xorOptions({ validation: { x: new Tensor(2, 2), y: new Tensor(3, 2) } })), /2 rows but the targets have 3/);
    await assert.rejects(train(xorOptions({ x: new Tensor(0, 2), y: new Tensor(0, 2) })), /no rows to train on/);
  });
});
