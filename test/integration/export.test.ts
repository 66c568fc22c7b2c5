import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import * as vscode from 'vscode';
import { parseCsvText } from '../../src/data/csv-parser';
import { readModelOrErrors } from '../../src/model/reader';
import type { ExportResult } from '../../src/extension/commands/export-commands';
import type { PredictionResult } from '../../src/extension/commands/inference-commands';
import { ModelProtoSchema } from '../../src/export/onnx/proto/onnx_pb';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { runExportedScripts } from '../shared/exported-pytorch';
import { ONNX_TOLERANCE, relativeDifference, runOnnx } from '../shared/onnx-runtime';
import { answerQuickInput, closeAllEditors, diskJson, diskText, freshModel, workspaceFolder } from './helpers';

describe('export model', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('exports a trained iris as ONNX through the format pick and the save dialog; onnxruntime gives what Predict writes', async () => {
    const iris = freshModel('iris.nnjson');
    assert.equal(await vscode.commands.executeCommand('nnBuilder.exportModel', iris, { format: 'onnx', output: 'untrained.onnx', show: false }), undefined, 'an untrained model is not exported');
    assert.equal(existsSync(join(workspaceFolder().fsPath, 'untrained.onnx')), false);
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', iris, { progress: false, overrides: { epochs: 10, seed: 3 } });
    assert.equal(trained.status, 'completed', JSON.stringify(trained));

    const run = vscode.commands.executeCommand<ExportResult | undefined>('nnBuilder.exportModel', iris);
    await answerQuickInput(); // ONNX
    await answerQuickInput(); // the save dialog's own suggestion: the model's name, .onnx
    const result = await run;
    assert.ok(result, 'the model was exported');
    assert.equal(result.path, iris.fsPath.replace(/\.nnjson$/, '.onnx'));
    const bytes = readFileSync(result.path);
    assert.equal(bytes.length, result.bytes);
    const onnx = fromBinary(ModelProtoSchema, bytes);
    assert.deepEqual(onnx.metadataProps.find((entry) => entry.key === 'classes')?.value, JSON.stringify(['setosa', 'versicolor', 'virginica']));
    assert.deepEqual(onnx.graph?.initializer.map((tensor) => tensor.name).slice(2), ['fc1.W', 'fc1.b', 'fc2.W', 'fc2.b']);

    const predictions = await vscode.commands.executeCommand<PredictionResult>('nnBuilder.predict', iris, {
      data: 'data/iris.csv', includeInputs: true, output: `iris-export-${process.pid}.csv`, show: false,
    });
    const [header, ...rows] = parseCsvText(readFileSync(predictions.outputPath, 'utf8')).rows;
    const columns = (prefix: string) => header.flatMap((name, index) => (name.startsWith(prefix) ? [index] : []));
    const features = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'].map((name) => header.indexOf(name));
    const raw = Float32Array.from(rows.flatMap((row) => features.map((column) => Number(row[column]))));
    const actual = await runOnnx(bytes, raw, rows.length, [4]);
    const expected = rows.flatMap((row) => columns('probability_').map((column) => Number(row[column])));
    const difference = relativeDifference(actual, expected);
    assert.ok(difference <= ONNX_TOLERANCE, `onnxruntime against the predictions CSV (6 significant digits): ${difference}`);
  });

  it('exports a trained iris to PyTorch through the format pick; the script predicts what Predict writes, and its training comes back into the model', async () => {
    const iris = freshModel('iris.nnjson');
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', iris, { progress: false, overrides: { epochs: 5, seed: 3 } });
    assert.equal(trained.status, 'completed', JSON.stringify(trained));
    const run = vscode.commands.executeCommand<ExportResult | undefined>('nnBuilder.exportModel', iris);
    await answerQuickInput(1); // PyTorch, the second format
    await answerQuickInput(); // the save dialog's own suggestion: the model's name, .py
    const result = await run;
    assert.ok(result, 'the model was exported');
    const stem = iris.fsPath.replace(/\.nnjson$/, '');
    assert.deepEqual([result.format, result.paths], ['pytorch', [`${stem}.py`, `${stem}.safetensors`]]);

    const predictions = await vscode.commands.executeCommand<PredictionResult>('nnBuilder.predict', iris, { data: 'data/iris.csv', includeInputs: false, output: `iris-torch-${process.pid}.csv`, show: false });
    const torchCsv = join(workspaceFolder().fsPath, `iris-torch-${process.pid}-script.csv`);
    const [prediction] = runExportedScripts([{ script: `${stem}.py`, argv: ['predict', join(workspaceFolder().fsPath, 'data', 'iris.csv'), '--out', torchCsv] }]);
    assert.equal(prediction.status, 0, prediction.printed);
    const probabilities = (path: string) => {
      const [header, ...rows] = parseCsvText(readFileSync(path, 'utf8')).rows;
      const columns = header.flatMap((name, index) => (name.startsWith('probability_') ? [index] : []));
      return rows.flatMap((row) => columns.map((column) => Number(row[column])));
    };
    const difference = relativeDifference(probabilities(torchCsv), probabilities(predictions.outputPath));
    assert.ok(difference <= ONNX_TOLERANCE, `the script against the predictions CSV: ${difference}`);

    const [training] = runExportedScripts([{ script: `${stem}.py`, argv: ['train', '--epochs', '2', '--write-nnjson', iris.fsPath] }]);
    assert.equal(training.status, 0, training.printed);
    const history = (diskJson(iris).history as { epoch: number }[]).map((record) => record.epoch);
    assert.deepEqual(history.slice(-3), [5, 6, 7], 'the script\'s epochs follow the builder\'s');
    const read = readModelOrErrors(diskText(iris));
    assert.ok('model' in read, `the model written back is valid: ${JSON.stringify('errors' in read ? read.errors : [])}`);
  });

  it('refuses to write over the model or in an unknown format, and writes where the options say', async () => {
    const iris = freshModel('iris.nnjson');
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', iris, { progress: false, overrides: { epochs: 2 } });
    assert.equal(trained.status, 'completed');
    const before = diskText(iris);
    assert.equal(await vscode.commands.executeCommand('nnBuilder.exportModel', iris, { format: 'onnx', output: iris.fsPath, show: false }), undefined);
    assert.equal(diskText(iris), before, 'the model is untouched');
    assert.equal(await vscode.commands.executeCommand('nnBuilder.exportModel', iris, { format: 'keras', output: 'x.keras', show: false }), undefined);
    const output = `exported-${process.pid}.onnx`;
    const result = await vscode.commands.executeCommand<ExportResult>('nnBuilder.exportModel', iris, { format: 'onnx', output, show: false });
    assert.deepEqual([result.format, result.path], ['onnx', join(workspaceFolder().fsPath, output)]);
    assert.equal(readFileSync(result.path).length, result.bytes);
  });
});
