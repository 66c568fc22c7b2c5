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

  it('evaluates the trained model: plain text and --json with loss and accuracy only', async () => {
    const plain = await runCli(['eval', 'iris.nnjson', '--data', 'data/iris.csv'], examples.dir);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^rows 150 {2}loss \d+\.\d{4} {2}accuracy \d+\.\d\d%$/m);
    const json = await runCli(['eval', 'iris.nnjson', '--data', 'data/iris.csv', '--json'], examples.dir);
    assert.equal(json.code, 0, json.stderr);
    const figures = JSON.parse(json.stdout) as Record<string, number>;
    assert.deepEqual(Object.keys(figures).sort(), ['accuracy', 'loss']);
    assert.ok(figures.accuracy > 0.93, `accuracy ${figures.accuracy}`);
  });

  it('predicts one CSV row per input row with the label and class probabilities', async () => {
    const result = await runCli(['predict', 'iris.nnjson', '--data', 'data/iris.csv', '--out', 'predictions.csv'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const lines = readFileSync(join(examples.dir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'species,p_setosa,p_versicolor,p_virginica');
    assert.equal(lines.length, 151);
    const truth = readFileSync(join(examples.dir, 'data/iris.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    let correct = 0;
    lines.slice(1).forEach((line, i) => {
      const [label, ...probabilities] = line.split(',');
      const sum = probabilities.reduce((s, p) => s + Number(p), 0);
      assert.ok(Math.abs(sum - 1) < 1e-3, `row ${i + 2} probabilities sum to ${sum}`);
      if (label === truth[i]) correct++;
    });
    assert.ok(correct / 150 > 0.93, `${correct} of 150 right`);
  });

  it('predicts rows of a file without the target column, to stdout', async () => {
    writeFileSync(join(examples.dir, 'new.csv'), 'petal_width,sepal_length,sepal_width,petal_length\n0.2,5.0,3.4,1.5\n2.3,6.9,3.1,5.4\n');
    const result = await runCli(['predict', 'iris.nnjson', '--data', 'new.csv'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const rows = result.stdout.trim().split('\n').map((line) => line.split(',')[0]);
    assert.deepEqual(rows, ['species', 'setosa', 'virginica']);
  });

  it('reports regression figures (loss, mse, r2) with --json', async () => {
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
    const figures = JSON.parse(result.stdout) as Record<string, number>;
    assert.deepEqual(Object.keys(figures).sort(), ['loss', 'mse', 'r2']);
    assert.ok(figures.r2 > 0.8, `r2 ${figures.r2}`);
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
