import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../../src/model/reader';
import { runCli, spawnCli, withExamplesCopy } from './cli-helpers';

describe('nnjson train, eval, predict (built command)', function () {
  const examples = withExamplesCopy(this);

  it('trains iris with --json: one parseable object per epoch, and writes the trained model', async () => {
    const result = await runCli(['train', 'iris.nnjson', '--json'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 30);
    const epochs = lines.map((line) => JSON.parse(line) as { epoch: number; loss: number; valAccuracy: number });
    assert.deepEqual(epochs.map((e) => e.epoch), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.ok(epochs[29].valAccuracy > 0.93, `validation accuracy ${epochs[29].valAccuracy}`);
    const { model, diagnostics } = readModel(readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8'));
    assert.deepEqual(diagnostics, []);
    assert.ok(model?.parameters?.fc1?.W);
    assert.deepEqual(model.data?.classes, ['setosa', 'versicolor', 'virginica']);
    assert.equal(model.data?.fitted?.featureOffset?.length, 4);
    assert.equal(model.history?.length, 30);
  });

  it('evaluates the trained model: the Markdown report, and --json with the headline figures first', async () => {
    const plain = await runCli(['eval', 'iris.nnjson', '--data', 'data/iris.csv'], examples.dir);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^# Evaluation of iris\.nnjson$/m);
    assert.match(plain.stdout, /^Data: `.*data\/iris\.csv`, all 150 rows\.$/m);
    const accuracy = /^- Accuracy: \*\*(\d+\.\d\d)%\*\* \((\d+) of 150 rows right\)$/m.exec(plain.stdout);
    assert.ok(accuracy, plain.stdout);
    assert.match(plain.stdout, /^\| setosa +\| +\d\.\d{3} \| +\d\.\d{3} \| +\d\.\d{3} \| +50 \|$/m, 'setosa: precision, recall, F1, support 50');
    assert.match(plain.stdout, /^\| macro average +\|/m);
    assert.match(plain.stdout, /^\| actual \\ predicted \| setosa \| versicolor \| virginica \|$/m);
    const json = await runCli(['eval', 'iris.nnjson', '--data', 'data/iris.csv', '--json'], examples.dir);
    assert.equal(json.code, 0, json.stderr);
    const figures = JSON.parse(json.stdout) as { loss: number; accuracy: number; rowCount: number; classes: { name: string; support: number }[]; confusion: { counts: number[][] }; macro: { f1: number } };
    assert.deepEqual(Object.keys(figures), ['data', 'rows', 'rowCount', 'loss', 'accuracy', 'macro', 'classes', 'confusion']);
    assert.ok(figures.accuracy > 0.93, `accuracy ${figures.accuracy}`);
    assert.equal((100 * figures.accuracy).toFixed(2), accuracy[1], 'the text and the JSON agree');
    assert.equal(figures.confusion.counts.reduce((sum, row, i) => sum + row[i], 0), Number(accuracy[2]));
    assert.deepEqual(figures.classes.map((c) => [c.name, c.support]), [['setosa', 50], ['versicolor', 50], ['virginica', 50]]);
  });

  it('records the seed of train --seed 7, and eval --validation scores exactly the rows training validated on', async () => {
    const trained = await runCli(['train', 'iris.nnjson', '--restart', '--seed', '7', '--epochs', '15', '--out', 'iris-seed7.nnjson', '--json'], examples.dir);
    assert.equal(trained.code, 0, trained.stderr);
    const epochs = trained.stdout.trim().split('\n').map((line) => JSON.parse(line) as { valLoss: number; valAccuracy: number });
    const last = epochs[epochs.length - 1];
    const { model } = readModel(readFileSync(join(examples.dir, 'iris-seed7.nnjson'), 'utf8'));
    assert.deepEqual(model?.data?.fitted?.split, { seed: 7, validationSplit: 0.2, shuffle: true, rows: 150 });
    const result = await runCli(['eval', 'iris-seed7.nnjson', '--validation', '--json'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { rows: string; rowCount: number; loss: number; accuracy: number; split: unknown };
    assert.deepEqual([report.rows, report.rowCount, report.split], ['validation', 30, { seed: 7, validationSplit: 0.2, shuffle: true, rows: 150 }]);
    assert.equal(report.accuracy, last.valAccuracy, 'the validation accuracy of the last epoch');
    assert.ok(Math.abs(report.loss - last.valLoss) < 1e-5, `loss ${report.loss}, validation loss ${last.valLoss}`);
    const text = await runCli(['eval', 'iris-seed7.nnjson', '--validation'], examples.dir);
    assert.match(text.stdout, /the 30 of 150 rows the latest training run held out \(seed 7, validation split 0\.2\)/);
    const both = await runCli(['eval', 'iris-seed7.nnjson', '--validation', '--data', 'data/iris.csv'], examples.dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--validation evaluates the rows the model's own data held out; leave out --data/);
  });

  it('predicts one CSV row per data row: row number, the class and one probability per class, named by class', async () => {
    const result = await runCli(['predict', 'iris.nnjson', '--data', 'data/iris.csv', '--out', 'predictions.csv'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = readFileSync(join(examples.dir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'row,predicted_species,probability_setosa,probability_versicolor,probability_virginica');
    assert.equal(lines.length, 151);
    const truth = readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    let correct = 0;
    lines.slice(1).forEach((line, i) => {
      const [row, label, ...probabilities] = line.split(',');
      assert.equal(row, String(i + 1));
      const sum = probabilities.reduce((s, p) => s + Number(p), 0);
      assert.ok(Math.abs(sum - 1) < 1e-3, `row ${i + 2} probabilities sum to ${sum}`);
      if (label === truth[i]) correct++;
    });
    assert.ok(correct / 150 > 0.93, `${correct} of 150 right`);
  });

  it('predicts with --inputs: the input columns as the file gave them, after the row number', async () => {
    const result = await runCli(['predict', 'iris.nnjson', '--data', 'data/iris.csv', '--inputs'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], 'row,sepal_length,sepal_width,petal_length,petal_width,predicted_species,probability_setosa,probability_versicolor,probability_virginica');
    const data = readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8').trim().split('\n');
    assert.equal(lines.length, data.length);
    // the same numbers (a file's "3.0" is written 3)
    const numbers = (line: string, from: number, to: number) => line.split(',').slice(from, to).map(Number);
    for (const r of [1, 2, 150]) assert.deepEqual(numbers(lines[r], 0, 5), [r, ...numbers(data[r], 0, 4)], `row ${r}`);
  });

  it('never writes the predictions over the model or its data', async () => {
    const modelBefore = readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8');
    const dataBefore = readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8');
    const overModel = await runCli(['predict', 'iris.nnjson', '--out', 'iris.nnjson'], examples.dir);
    assert.equal(overModel.code, 1);
    assert.match(overModel.stderr, /--out iris\.nnjson is the model, and predictions never overwrite it: choose another file/);
    const overData = await runCli(['predict', 'iris.nnjson', '--out', './data/../data/iris.csv'], examples.dir);
    assert.equal(overData.code, 1);
    assert.match(overData.stderr, /is the model's data file, and predictions never overwrite it/);
    assert.equal(readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8'), modelBefore);
    assert.equal(readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8'), dataBefore);
  });

  it('predicts rows of a file without the target column, to stdout', async () => {
    writeFileSync(join(examples.dir, 'new.csv'), 'petal_width,sepal_length,sepal_width,petal_length\n0.2,5.0,3.4,1.5\n2.3,6.9,3.1,5.4\n');
    const result = await runCli(['predict', 'iris.nnjson', '--data', 'new.csv'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const rows = result.stdout.trim().split('\n').map((line) => line.split(',').slice(0, 2).join(','));
    assert.deepEqual(rows, ['row,predicted_species', '1,setosa', '2,virginica']);
  });

  it('reports regression figures (MAE, RMSE, R² per target) as text and with --json', async () => {
    const model = {
      format: 'nnjson', version: 1, input: { size: 1 },
      layers: [{ type: 'Linear', id: 'fc1', in: 1, out: 16 }, { type: 'ReLU', id: 'relu1' }, { type: 'Linear', id: 'fc2', in: 16, out: 1 }],
      loss: { type: 'MSE' }, optimizer: { type: 'Adam', lr: 0.02 },
      training: { epochs: 60, batchSize: 16, seed: 1 },
      data: { source: 'builtin:sine', samples: 200 },
    };
    writeFileSync(join(examples.dir, 'sine.nnjson'), JSON.stringify(model));
    const trained = await runCli(['train', 'sine.nnjson'], examples.dir);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stdout, /^epoch 60\/60 {2}loss /m);
    const result = await runCli(['eval', 'sine.nnjson', '--json'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const figures = JSON.parse(result.stdout) as { loss: number; mse: number; r2: number; mae: number; rmse: number; targets: { name: string; r2: number }[] };
    assert.deepEqual(Object.keys(figures), ['data', 'rows', 'rowCount', 'loss', 'mse', 'r2', 'mae', 'rmse', 'targets']);
    assert.ok(figures.r2 > 0.8, `r2 ${figures.r2}`);
    assert.ok(Math.abs(figures.rmse - Math.sqrt(figures.mse)) < 1e-12, 'RMSE is the root of MSE');
    assert.deepEqual(figures.targets.map((t) => [t.name, t.r2]), [['y', figures.r2]]);
    const text = await runCli(['eval', 'sine.nnjson'], examples.dir);
    assert.match(text.stdout, /^\| y +\| +[\d.]+ \| +[\d.]+ \| 0\.\d{4} \|$/m);
    assert.match(text.stdout, /in each target's own units/);
  });

  it('--out writes elsewhere, leaves MODEL alone and keeps data.source pointing at the same CSV', async () => {
    const before = readFileSync(join(examples.dir, 'digits.nnjson'), 'utf8');
    mkdirSync(join(examples.dir, 'trained'));
    const result = await runCli(['train', 'digits.nnjson', '--epochs', '1', '--out', 'trained/digits.nnjson'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(join(examples.dir, 'digits.nnjson'), 'utf8'), before);
    const { model } = readModel(readFileSync(join(examples.dir, 'trained/digits.nnjson'), 'utf8'));
    assert.equal(model?.data?.source, '../data/digits.csv');
    const evaluation = await runCli(['eval', 'trained/digits.nnjson', '--json'], examples.dir);
    assert.equal(evaluation.code, 0, evaluation.stderr);
  });

  it('Ctrl-C stops after the current batch and writes what was learned, marked stopped', async () => {
    const child = spawnCli(['train', 'digits.nnjson', '--epochs', '500', '--json'], examples.dir);
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!interrupted && stdout.includes('\n')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      });
      child.on('close', (exitCode) => resolve(exitCode));
    });
    assert.ok(interrupted, 'an epoch line arrived before the end');
    assert.equal(code, 130, stderr);
    assert.match(stderr, /stopping after the current batch/);
    assert.match(stderr, /stopped at epoch \d+, batch \d+: wrote what was learned to digits\.nnjson/);
    const { model, diagnostics } = readModel(readFileSync(join(examples.dir, 'digits.nnjson'), 'utf8'));
    assert.deepEqual(diagnostics, []);
    assert.equal(model?.trainingStatus, 'stopped');
    assert.ok(model.parameters?.fc1?.W && model.parameters.fc2?.W);
    const epochs = model.history?.length ?? 0;
    assert.ok(epochs >= 1 && epochs < 500, `${epochs} epochs recorded`);
  });
});
