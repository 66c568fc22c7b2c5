import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { evaluateModel, predictRows } from '../../../src/training/evaluate-model';
import { runTraining } from '../../../src/training/run-training';
import { modelFromTemplate } from '../../../src/model/templates';

function sineModel(): NnJsonModel {
  return {
    format: 'nnjson', version: 1,
    input: { size: 1 },
    layers: [
      { type: 'Linear', id: 'fc1', in: 1, out: 32 }, { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'fc2', in: 32, out: 1 },
    ],
    loss: { type: 'MSE' },
    optimizer: { type: 'Adam', lr: 0.01 },
    training: { epochs: 150, batchSize: 16, validationSplit: 0.2, seed: 3 },
    data: { source: 'builtin:sine', samples: 300, noise: 0.05, normalizeTarget: 'standard' },
  };
}

describe('runTraining', function () {
  // each test spawns node or trains; the machine may be shared
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnjson-train-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('trains XOR from the template to 100% and returns a valid, trained model', async () => {
    const epochs: number[] = [];
    let batches = 0;
    const result = await runTraining({
      model: modelFromTemplate('xor'), modelDir: dir,
      onBatch: () => batches++, onEpoch: (e) => epochs.push(e.epoch),
    });
    assert.equal(result.outcome.status, 'completed');
    assert.equal(epochs.length, 60);
    assert.equal(batches, 60 * result.data.batchesPerEpoch);
    const last = result.history[result.history.length - 1];
    assert.equal(last.accuracy, 1);
    assert.equal(last.valAccuracy, 1);
    const { model } = result;
    assert.ok(model.parameters?.fc1?.W && model.parameters.fc2?.b);
    assert.equal(model.history?.length, 60);
    assert.equal(model.trainingStatus, undefined);
    assert.equal(model.data?.classes, undefined, 'generated sets keep their class count, no label list is written');
    const reread = readModel(writeModel(model));
    assert.deepEqual(reread.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('thins a long history to training.historyLimit and numbers the next run after the last epoch trained', async () => {
    const model = modelFromTemplate('xor');
    model.training = { ...model.training, epochs: 30, historyLimit: 10 };
    const first = await runTraining({ model, modelDir: dir });
    assert.equal(first.model.history?.length, 10);
    assert.deepEqual(first.model.history?.slice(5).map((record) => record.epoch), [26, 27, 28, 29, 30]);
    assert.equal(first.model.history?.[0].epoch, 1);
    const epochs: number[] = [];
    const second = await runTraining({ model: first.model, modelDir: dir, overrides: { epochs: 5 }, onEpoch: (e) => epochs.push(e.epoch) });
    assert.deepEqual(epochs, [31, 32, 33, 34, 35], 'the second run goes on from epoch 30, not from the 10 records');
    assert.equal(second.model.history?.length, 10);
    assert.equal(second.model.history?.[9].epoch, 35);
    assert.equal(readModel(writeModel(second.model)).diagnostics.filter((d) => d.severity !== 'info').length, 0);
  });

  it('is deterministic for one seed', async () => {
    const a = await runTraining({ model: modelFromTemplate('xor'), modelDir: dir, overrides: { epochs: 3 } });
    const b = await runTraining({ model: modelFromTemplate('xor'), modelDir: dir, overrides: { epochs: 3 } });
    assert.deepEqual(a.model.parameters, b.model.parameters);
    const c = await runTraining({ model: modelFromTemplate('xor'), modelDir: dir, overrides: { epochs: 3, seed: 5 } });
    assert.notDeepEqual(a.model.parameters, c.model.parameters);
  });

  it('stops after the current batch when asked, keeps what was learned and marks the model stopped', async () => {
    let epochsSeen = 0;
    const result = await runTraining({
      model: modelFromTemplate('spiral'), modelDir: dir,
      onEpoch: () => epochsSeen++,
      shouldStop: () => epochsSeen >= 1,
    });
    assert.equal(result.outcome.status, 'stopped');
    assert.equal(result.model.trainingStatus, 'stopped');
    assert.equal(result.model.history?.length, 1);
    assert.ok(result.model.parameters?.fc3?.W);
    const reread = readModel(writeModel(result.model));
    assert.equal(reread.model?.trainingStatus, 'stopped', 'the marker survives writing and reading');
    assert.deepEqual(reread.diagnostics, [], 'the marker is not reported as a problem');
    // a later complete run removes the marker and continues the epoch numbers
    const resumed = await runTraining({ model: result.model, modelDir: dir, overrides: { epochs: 2 } });
    assert.equal(resumed.model.trainingStatus, undefined);
    assert.deepEqual(resumed.model.history?.map((h) => h.epoch), [1, 2, 3]);
  });

  it('returns the model unchanged when stopped before the first batch', async () => {
    const model = modelFromTemplate('xor');
    const result = await runTraining({ model, modelDir: dir, shouldStop: () => true });
    assert.equal(result.outcome.status, 'stopped');
    assert.equal(result.trainedBatches, 0);
    assert.equal(result.model, model);
  });

  it('returns the model unchanged when the loss diverges', async () => {
    const model = sineModel();
    model.optimizer = { type: 'SGD', lr: 1e6 };
    model.data = { source: 'builtin:sine', samples: 100 };
    const result = await runTraining({ model, modelDir: dir, overrides: { epochs: 5 } });
    assert.equal(result.outcome.status, 'diverged');
    assert.equal(result.model, model);
    assert.equal(model.parameters, undefined);
  });

  it('writes classes and fitted preprocessing for CSV data, fitted on the training rows', async () => {
    const rows = ['a,b,colour,label'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 10},${(i * 7) % 13},${['red', 'blue'][i % 2]},${i % 10 < 5 ? 'low' : 'high'}`);
    writeFileSync(join(dir, 'small.csv'), rows.join('\n'));
    const model: NnJsonModel = {
      format: 'nnjson', version: 1, input: { size: 4 },
      layers: [{ type: 'Linear', id: 'fc1', in: 4, out: 2 }, { type: 'SoftMax', id: 'softmax' }],
      loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.05 },
      training: { epochs: 40, batchSize: 8, validationSplit: 0.25, seed: 1 },
      data: { source: 'small.csv', target: 'label', normalize: 'minmax' },
    };
    const result = await runTraining({ model, modelDir: dir });
    const data = result.model.data!;
    assert.deepEqual(data.classes, ['high', 'low']);
    assert.deepEqual(data.fitted?.inputColumns, ['a', 'b', 'colour=blue', 'colour=red']);
    assert.deepEqual(data.fitted?.categories, { colour: ['blue', 'red'] });
    assert.equal(result.data.trainRows, 45);
    const evaluation = await evaluateModel({ model: result.model, modelDir: dir });
    assert.equal(evaluation.metrics.task, 'classification');
    if (evaluation.metrics.task === 'classification') assert.ok(evaluation.metrics.accuracy > 0.9, `accuracy ${evaluation.metrics.accuracy}`);
  });

  it('names the setting to change when the data does not fit the network', async () => {
    const model = modelFromTemplate('xor');
    model.input.size = 3;
    await assert.rejects(runTraining({ model, modelDir: dir }), /^DataError: input\.size is 3 but builtin:xor gives 2 input columns \(x1, x2\): set input\.size to 2$/);
    model.layers[0] = { type: 'Linear', id: 'fc1', in: 3, out: 8 };
    await assert.rejects(runTraining({ model, modelDir: dir }), /set input\.size and fc1\.in to 2$/, 'a first Linear that states the old size is named too');
    const spiral = modelFromTemplate('spiral');
    spiral.data = { source: 'builtin:spiral', classes: 4 };
    await assert.rejects(runTraining({ model: spiral, modelDir: dir }), /fc3\.out is 3 but builtin:spiral has 4 classes \(0, 1, 2, 3\): set fc3\.out to 4/);
  });

  it('refuses a data path outside the workspace root when one is given', async () => {
    const model = modelFromTemplate('iris');
    await assert.rejects(
      runTraining({ model, modelDir: join(dir, 'models'), workspaceRoot: join(dir, 'models'), dataOverride: '../../outside.csv' }),
      /points outside the workspace/,
    );
  });

  it('reports regression errors in the target units after normalised training', async () => {
    const result = await runTraining({ model: sineModel(), modelDir: dir });
    assert.equal(result.outcome.status, 'completed');
    assert.ok(result.model.data?.fitted?.targetScale, 'the target scaling is stored');
    const report = await evaluateModel({ model: result.model, modelDir: dir });
    assert.equal(report.metrics.task, 'regression');
    if (report.metrics.task !== 'regression') return;
    const [y] = report.metrics.targets;
    assert.equal(y.name, 'y');
    assert.ok(y.r2 > 0.9, `r2 ${y.r2}`);
    assert.ok(y.rmse < Math.sqrt(0.05), `rmse ${y.rmse}`);
    assert.ok(y.mae <= y.rmse, 'MAE is at most RMSE');
    const predictions = await predictRows({ model: result.model, modelDir: dir });
    assert.deepEqual(predictions.header, ['row', 'predicted_y']);
    assert.equal(predictions.rows.length, 300);
    assert.deepEqual(predictions.rows.slice(0, 3).map((row) => row[0]), [1, 2, 3]);
    const values = predictions.rows.map((row) => Number(row[1]));
    assert.ok(Math.max(...values) > 0.8 && Math.min(...values) < -0.8, 'predictions are in the units of sin(x), not standardised');
  });

  it('refuses to evaluate an untrained model with the fix', async () => {
    await assert.rejects(evaluateModel({ model: modelFromTemplate('xor'), modelDir: dir }), /no trained parameters: train it first/);
  });

  it('records the split the run made, with an overriding seed, and evaluates exactly the rows it validated on', async () => {
    const model = modelFromTemplate('spiral');
    model.training = { ...model.training, epochs: 5, seed: 1, validationSplit: 0.25 };
    const result = await runTraining({ model, modelDir: dir, overrides: { seed: 7 } });
    const split = result.model.data?.fitted?.split;
    assert.deepEqual(split, { seed: 7, validationSplit: 0.25, shuffle: true, rows: result.data.trainRows + result.data.validationRows });
    const last = result.history[result.history.length - 1];
    const report = await evaluateModel({ model: result.model, modelDir: dir, rows: 'validation' });
    assert.equal(report.rowCount, result.data.validationRows);
    assert.deepEqual(report.split, split);
    assert.ok(Math.abs(report.loss - (last.valLoss ?? NaN)) < 1e-5, `loss ${report.loss} on the recorded rows, ${last.valLoss} in training`);
    assert.equal(report.metrics.task === 'classification' ? report.metrics.accuracy : NaN, last.valAccuracy);
    // the rows of the file's own seed are other rows, with another loss
    const otherSeed = { ...result.model, data: { ...result.model.data!, fitted: { ...result.model.data!.fitted, split: { ...split!, seed: 1 } } } };
    const other = await evaluateModel({ model: otherSeed, modelDir: dir, rows: 'validation' });
    assert.notEqual(other.loss, report.loss);
  });

  it('refuses the validation rows of a file that records no split, or of other data, saying what to do', async () => {
    const result = await runTraining({ model: modelFromTemplate('xor'), modelDir: dir, overrides: { epochs: 1 } });
    const { split: _, ...fitted } = result.model.data!.fitted!;
    const unrecorded = { ...result.model, data: { ...result.model.data!, fitted } };
    await assert.rejects(evaluateModel({ model: unrecorded, modelDir: dir, rows: 'validation' }), /does not record which rows training held out \(data\.fitted\.split\): train the model again/);
    await assert.rejects(evaluateModel({ model: result.model, modelDir: dir, rows: 'validation', dataOverride: 'builtin:circles' }), /validation rows are rows of the data the model was trained on/);
    const none = await runTraining({ model: { ...modelFromTemplate('xor'), training: { validationSplit: 0, epochs: 1 } }, modelDir: dir });
    await assert.rejects(evaluateModel({ model: none.model, modelDir: dir, rows: 'validation' }), /held no rows out/);
  });

  it('predicts classes with a row number, the input columns when asked, and one probability per class', async () => {
    const rows = ['size,colour,label'];
    for (let i = 0; i < 40; i++) rows.push(`${(i % 8) + 0.5},${['red', 'blue'][i % 2]},${i % 8 < 4 ? 'small' : 'large'}`);
    writeFileSync(join(dir, 'sizes.csv'), rows.join('\n'));
    const model: NnJsonModel = {
      format: 'nnjson', version: 1, input: { size: 3 },
      layers: [{ type: 'Linear', id: 'fc1', in: 3, out: 2 }, { type: 'SoftMax', id: 'softmax' }],
      loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.1 },
      training: { epochs: 60, batchSize: 8, seed: 2 },
      data: { source: 'sizes.csv', target: 'label' },
    };
    const trained = (await runTraining({ model, modelDir: dir })).model;
    const plain = await predictRows({ model: trained, modelDir: dir });
    assert.deepEqual(plain.header, ['row', 'predicted_label', 'probability_large', 'probability_small']);
    const withInputs = await predictRows({ model: trained, modelDir: dir, includeInputs: true });
    assert.deepEqual(withInputs.header, ['row', 'size', 'colour', 'predicted_label', 'probability_large', 'probability_small']);
    assert.equal(withInputs.rows.length, 40);
    assert.deepEqual(withInputs.rows[0].slice(0, 3), [1, '0.5', 'red'], 'the inputs as the file gave them');
    assert.deepEqual(withInputs.rows[39].slice(0, 3), [40, '7.5', 'blue']);
    const [, , , label, large, small] = withInputs.rows[39];
    assert.equal(label, 'large');
    assert.ok(Math.abs(Number(large) + Number(small) - 1) < 1e-5, 'the probabilities sum to 1');
  });
});
