import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkerJob, type WorkerJobEnd } from '../../../src/extension/worker-job';
import { readModelOrErrors } from '../../../src/model/reader';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import type { TrainingEvent } from '../../../src/shared/training-events';
import { STOP_FLAG_INDEX, STOP_REQUESTED, type TrainJob, type WorkerMessage } from '../../../src/shared/worker-protocol';

const workerScript = join(process.cwd(), 'dist', 'worker.js');
const fixtures = join(process.cwd(), 'test', 'integration', 'workspace-fixture');

function fixture(name: string): NnJsonModel {
  const read = readModelOrErrors(readFileSync(join(fixtures, name), 'utf8'));
  if ('errors' in read) throw new Error(read.errors[0].message);
  return read.model;
}

function trainJob(model: NnJsonModel, extra: Partial<TrainJob> = {}): TrainJob {
  return {
    kind: 'train', model, modelDir: fixtures, kernels: 'typescript', overrides: {}, defaultSeed: 42,
    stopFlag: new SharedArrayBuffer(4), batchIntervalMs: 0, boundaryResolution: 10, ...extra,
  };
}

function final(end: WorkerJobEnd): WorkerMessage {
  assert.equal(end.kind, 'message', JSON.stringify(end));
  if (end.kind !== 'message') throw new Error('crashed');
  return end.message;
}

describe('training worker (dist/worker.js)', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(workerScript)) throw new Error(`${workerScript} is missing: run npm run build first`);
  });

  it('trains in the worker and posts started, batches, epochs, then the trained model with its figures', async () => {
    const messages: WorkerMessage[] = [];
    const end = await startWorkerJob(workerScript, trainJob(fixture('xor.nnjson'), { overrides: { epochs: 5 } }), (message) => messages.push(message)).ended;
    const result = final(end);
    assert.equal(result.type, 'trained');
    if (result.type !== 'trained') return;
    assert.equal(result.outcome.status, 'completed');
    assert.equal(result.model.history?.length, 5);
    assert.ok(result.model.parameters?.fc1?.W);
    assert.equal(result.boundary?.probabilities.length, 10 * 10 * 2);
    const types = messages.map((message) => message.type).filter((type) => type !== 'log');
    assert.equal(types[0], 'started');
    const epochs = messages.filter((message): message is Extract<WorkerMessage, { type: 'epochs' }> => message.type === 'epochs');
    assert.deepEqual(epochs.flatMap((message) => message.summaries.map((summary) => summary.epoch)), [1, 2, 3, 4, 5]);
    assert.equal(epochs[0].boundary?.resolution, 10, 'a decision boundary with the first epoch');
    assert.ok(types.filter((type) => type === 'batch').length >= 5, 'batch progress is posted');
  });

  it('sends a fast run\'s progress a few messages a second, every epoch in order, the last ones with the end', async () => {
    const messages: WorkerMessage[] = [];
    const job = trainJob(fixture('xor.nnjson'), { overrides: { epochs: 400 }, batchIntervalMs: 100, boundaryResolution: 0 });
    const started = Date.now();
    const end = await startWorkerJob(workerScript, job, (message) => messages.push(message)).ended;
    const seconds = (Date.now() - started) / 1000;
    assert.equal(final(end).type, 'trained');
    const epochs = messages.filter((message): message is Extract<WorkerMessage, { type: 'epochs' }> => message.type === 'epochs');
    assert.deepEqual(epochs.flatMap((message) => message.summaries.map((summary) => summary.epoch)), Array.from({ length: 400 }, (_, i) => i + 1));
    const batches = messages.filter((message) => message.type === 'batch').length;
    // one message per epoch and per epoch's last batch made 800 here, which backed the host up until Stop was late
    assert.ok(epochs.length + batches <= 2 * (seconds * 10 + 2), `${epochs.length} epoch and ${batches} batch messages in ${seconds.toFixed(2)} s`);
  });

  it('stops after the current batch when the shared flag is set, keeping what was learned', async () => {
    const job = trainJob(fixture('slow.nnjson'));
    const flag = new Int32Array(job.stopFlag);
    const events: TrainingEvent['type'][] = [];
    const end = await startWorkerJob(workerScript, job, (message) => {
      events.push(message.type as TrainingEvent['type']);
      // mid-epoch: after the first batch of the first epoch
      if (message.type === 'batch') Atomics.store(flag, STOP_FLAG_INDEX, STOP_REQUESTED);
    }).ended;
    const result = final(end);
    assert.equal(result.type, 'trained');
    if (result.type !== 'trained') return;
    assert.equal(result.outcome.status, 'stopped');
    assert.equal(result.model.trainingStatus, 'stopped');
    assert.ok(result.model.parameters?.fc1, 'the weights are kept');
    assert.ok((result.model.history ?? []).length < 3, 'it stopped early');
  });

  it('reports a data problem as a failure message, not a crash', async () => {
    const model = { ...fixture('iris.nnjson'), data: { source: 'missing.csv', target: 'species' } };
    const result = final(await startWorkerJob(workerScript, trainJob(model), () => undefined).ended);
    assert.equal(result.type, 'failed');
    if (result.type === 'failed') assert.match(result.message, /missing\.csv/);
  });

  it('reports an uncaught error and an exit as a crash', async () => {
    const thrown = await startWorkerJob(workerScript, trainJob(fixture('slow.nnjson'), { fault: 'throw' }), () => undefined).ended;
    assert.equal(thrown.kind, 'crashed');
    if (thrown.kind === 'crashed') assert.match(thrown.reason, /crashed: injected fault/);
    const exited = await startWorkerJob(workerScript, trainJob(fixture('slow.nnjson'), { fault: 'exit' }), () => undefined).ended;
    assert.equal(exited.kind, 'crashed');
    if (exited.kind === 'crashed') assert.match(exited.reason, /exit code 3/);
  });

  it('counts the confusion matrix on the very rows the run held out, even when the data file changes during training', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnjson-worker-'));
    try {
      const row = (i: number): string => `${(i % 7) / 7},${(i % 5) / 5},${(i % 3) / 3},${['a', 'b', 'c'][i % 3]}`;
      writeFileSync(join(dir, 'rows.csv'), `p,q,r,label\n${Array.from({ length: 50 }, (_, i) => row(i)).join('\n')}\n`);
      const model: NnJsonModel = {
        format: 'nnjson', version: 1, name: 'three inputs', input: { size: 3 },
        layers: [{ type: 'Linear', id: 'fc', in: 3, out: 3 }, { type: 'SoftMax', id: 'softmax' }],
        loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.01 },
        training: { epochs: 400, batchSize: 5, shuffle: true, validationSplit: 0.2, seed: 3 },
        data: { source: 'rows.csv', target: 'label' },
      };
      const job = trainJob(model, { modelDir: dir, boundaryResolution: 0 });
      const logs: string[] = [];
      const end = await startWorkerJob(workerScript, job, (message) => {
        // the user saves more rows into the data while the run trains on the 50 it read
        if (message.type === 'started') appendFileSync(join(dir, 'rows.csv'), `${Array.from({ length: 10 }, (_, i) => row(i)).join('\n')}\n`);
        if (message.type === 'log') logs.push(message.line);
      }).ended;
      const trained = final(end);
      assert.equal(trained.type, 'trained');
      if (trained.type !== 'trained') return;
      assert.ok(trained.confusion, `a confusion matrix; the log said: ${logs.join(' | ')}`);
      assert.equal(trained.confusion.split, 'validation');
      assert.equal(trained.confusion.counts.flat().reduce((a, b) => a + b, 0), 10, 'the 10 of the 50 rows the run held out');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('predicts in the worker into the chosen file, says where it could not write, and counts the held-out confusion matrix', async () => {
    const trained = final(await startWorkerJob(workerScript, trainJob(fixture('xor.nnjson'), { overrides: { epochs: 3 } }), () => undefined).ended);
    assert.equal(trained.type, 'trained');
    if (trained.type !== 'trained') return;
    const dir = mkdtempSync(join(tmpdir(), 'nnjson-worker-'));
    try {
      const base = { model: trained.model, modelDir: fixtures, kernels: 'typescript' as const };
      const outputPath = join(dir, 'xor-predictions.csv');
      const predicted = final(await startWorkerJob(workerScript, { ...base, kind: 'predict', dataSource: 'builtin:xor', includeInputs: true, outputPath }, () => undefined).ended);
      assert.equal(predicted.type, 'predicted');
      const lines = readFileSync(outputPath, 'utf8').trim().split('\n');
      assert.equal(lines[0], 'row,x1,x2,predicted_class,probability_0,probability_1');
      assert.equal(lines.length, 201, 'the header and the 200 generated rows');
      const nowhere = join(dir, 'missing-folder', 'p.csv');
      const failed = final(await startWorkerJob(workerScript, { ...base, kind: 'predict', dataSource: 'builtin:xor', includeInputs: false, outputPath: nowhere }, () => undefined).ended);
      assert.equal(failed.type, 'failed');
      if (failed.type === 'failed') assert.match(failed.message, /p\.csv: the predictions cannot be written there \(ENOENT\): choose a file in a folder that exists/);
      const heldOut = final(await startWorkerJob(workerScript, { ...base, kind: 'heldOut' }, () => undefined).ended);
      assert.equal(heldOut.type, 'heldOut');
      if (heldOut.type === 'heldOut') {
        assert.equal(heldOut.results.confusion.split, 'validation');
        assert.equal(heldOut.results.confusion.counts.flat().reduce((a, b) => a + b, 0), 40, 'the 40 of 200 rows the run held out');
        assert.equal(heldOut.results.images, undefined, 'points, not images');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
