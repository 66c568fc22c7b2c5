import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EvaluationResult, PredictionResult } from '../../src/extension/commands/inference-commands';
import type { TrainingRunResult } from '../../src/extension/training-service';
import type { HeldOutState, ToWebview } from '../../src/shared/webview-protocol';
import { answerQuickInput, api, closeAllEditors, diskJson, diskText, freshModel, waitFor, workspaceFolder } from './helpers';

/** The numbers of a Markdown table row that starts with `| label |`. */
function tableRow(markdown: string, label: string): number[] {
  const line = markdown.split('\n').find((text) => new RegExp(`^\\| ${label} +\\|`).test(text));
  assert.ok(line, `a table row for ${label} in:\n${markdown}`);
  return line.split('|').slice(2, -1).map((cell) => Number(cell.trim()));
}

async function trainedIris(seed: number): Promise<vscode.Uri> {
  const uri = freshModel('iris.nnjson');
  const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, { progress: false, overrides: { epochs: 40, seed } });
  assert.equal(trained.status, 'completed', JSON.stringify(trained));
  return uri;
}

describe('evaluate and predict', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('evaluates a trained iris copy on a second CSV and on its validation rows, in a report whose figures add up', async () => {
    const uri = freshModel('iris.nnjson');
    assert.equal(await vscode.commands.executeCommand('nnBuilder.evaluateModel', uri, { show: false }), undefined, 'an untrained model is not evaluated');
    const iris = await trainedIris(7);

    // a held-out test file the model never saw as such: every fifth row of iris.csv, 10 of each species
    const lines = readFileSync(join(workspaceFolder().fsPath, 'data', 'iris.csv'), 'utf8').trim().split('\n');
    const testName = `iris-test-${process.pid}.csv`;
    writeFileSync(join(workspaceFolder().fsPath, testName), `${[lines[0], ...lines.slice(1).filter((_, i) => i % 5 === 0)].join('\n')}\n`);
    const onTest = await vscode.commands.executeCommand<EvaluationResult>('nnBuilder.evaluateModel', iris, { data: testName });
    assert.ok(onTest, 'a report');
    const text = onTest.markdown;
    assert.match(text, new RegExp(`^Data: \`${testName.replace(/\./g, '\\.')}\`, all 30 rows\\.$`, 'm'));
    const classes = ['setosa', 'versicolor', 'virginica'];
    // the per-class table and the confusion matrix both have a row per class
    const matrixAt = text.indexOf('## Confusion matrix');
    const perClass = classes.map((name) => tableRow(text.slice(0, matrixAt), name));
    const confusion = classes.map((name) => tableRow(text.slice(matrixAt), name));
    assert.deepEqual(perClass.map((row) => row[3]), [10, 10, 10], 'support: 10 rows of each class');
    assert.deepEqual(confusion.map((row) => row.reduce((a, b) => a + b, 0)), [10, 10, 10], 'each actual class sums to its support');
    const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
    assert.match(text, new RegExp(`^- Accuracy: \\*\\*${((100 * correct) / 30).toFixed(2)}%\\*\\* \\(${correct} of 30 rows right\\)$`, 'm'));
    classes.forEach((_, k) => {
      const predicted = confusion.reduce((sum, row) => sum + row[k], 0);
      const precision = predicted > 0 ? confusion[k][k] / predicted : 0;
      assert.equal(perClass[k][0], Number(precision.toFixed(3)), `precision of ${classes[k]}`);
      assert.equal(perClass[k][1], Number((confusion[k][k] / 10).toFixed(3)), `recall of ${classes[k]}`);
    });
    assert.ok(correct >= 25, `iris is learned (${correct} of 30)`);

    const onValidation = await vscode.commands.executeCommand<EvaluationResult>('nnBuilder.evaluateModel', iris, { rows: 'validation', show: false });
    assert.ok(onValidation);
    assert.match(onValidation.markdown, /^Data: the validation rows of `\.\/data\/iris\.csv`: the 30 of 150 rows the latest training run held out \(seed 7, validation split 0\.2\)\.$/m);
    const history = diskJson(iris).history as { valAccuracy: number }[];
    const lastValidation = history[history.length - 1].valAccuracy;
    assert.match(onValidation.markdown, new RegExp(`^- Accuracy: \\*\\*${(100 * lastValidation).toFixed(2)}%\\*\\*`, 'm'), 'the accuracy training reported on the same rows');
  });

  it('predicts to a chosen file, opened as CSV, and never over the model or its data', async () => {
    const iris = await trainedIris(3);
    const modelText = diskText(iris);
    const output = `iris-predictions-${process.pid}.csv`;
    const result = await vscode.commands.executeCommand<PredictionResult>('nnBuilder.predict', iris, { data: 'data/iris.csv', includeInputs: true, output });
    assert.ok(result, 'predictions were written');
    const header = 'row,sepal_length,sepal_width,petal_length,petal_width,predicted_species,probability_setosa,probability_versicolor,probability_virginica';
    assert.equal(result.header.join(','), header);
    const written = readFileSync(join(workspaceFolder().fsPath, output), 'utf8').trim().split('\n');
    assert.equal(written.length, 151, 'the header and one line per row');
    assert.equal(written[0], header);
    assert.match(written[1], /^1,5\.1,3\.5,1\.4,0\.2,setosa,/);
    assert.match(written[150], /^150,/);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === result.document);
    assert.ok(document, 'the predictions opened in an editor');
    assert.equal(document.languageId, 'csv');
    assert.ok((await vscode.languages.getLanguages()).includes('csv'));

    const dataText = readFileSync(join(workspaceFolder().fsPath, 'data', 'iris.csv'), 'utf8');
    assert.equal(await vscode.commands.executeCommand('nnBuilder.predict', iris, { data: 'data/iris.csv', includeInputs: false, output: iris.fsPath, show: false }), undefined, 'not over the model');
    assert.equal(await vscode.commands.executeCommand('nnBuilder.predict', iris, { data: 'data/iris.csv', includeInputs: false, output: './data/iris.csv', show: false }), undefined, 'not over the data');
    assert.equal(diskText(iris), modelText);
    assert.equal(readFileSync(join(workspaceFolder().fsPath, 'data', 'iris.csv'), 'utf8'), dataText);
  });

  it('asks which data to evaluate, offering the validation rows of a model trained with a split', async () => {
    const iris = await trainedIris(11);
    const run = vscode.commands.executeCommand<EvaluationResult | undefined>('nnBuilder.evaluateModel', iris, { show: false });
    await answerQuickInput(1); // the training data, then the validation rows
    const result = await run;
    assert.ok(result, 'a report');
    assert.equal(result.report.rows, 'validation');
    assert.equal(result.report.rowCount, 30);
    assert.match(result.markdown, /held out \(seed 11, validation split 0\.2\)/);
  });

  it('asks for the data, whether to copy the input columns and where to save, starting beside the model', async () => {
    const iris = await trainedIris(13);
    const run = vscode.commands.executeCommand<PredictionResult | undefined>('nnBuilder.predict', iris);
    await answerQuickInput(); // the training data
    await answerQuickInput(1); // "Yes": include the input columns
    await answerQuickInput(); // the save dialog's own suggestion
    const result = await run;
    assert.ok(result, 'predictions were written');
    assert.equal(result.outputPath, iris.fsPath.replace(/\.nnjson$/, '-predictions.csv'));
    assert.deepEqual(result.header.slice(0, 2), ['row', 'sepal_length']);
    assert.equal(readFileSync(result.outputPath, 'utf8').trim().split('\n').length, 151);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, result.outputPath, 'the predictions are open in front');
  });

  it('sends a reopened builder of a trained CSV classifier its confusion matrix on the validation rows', async () => {
    const { onDidBuilderReceive } = await api();
    const iris = await trainedIris(5);
    const received: HeldOutState[] = [];
    const subscription = onDidBuilderReceive(({ uri, message }: { uri: string; message: ToWebview }) => {
      if (uri === iris.toString() && message.type === 'heldOut') received.push(message.state);
    });
    const readyCount = () => received.filter((state) => state.status === 'ready').length;
    const matrixArrives = async (count: number, what: string) => {
      await waitFor(() => (readyCount() >= count ? true : undefined), what, 120_000);
      const last = [...received].reverse().find((state) => state.status === 'ready');
      assert.ok(last?.status === 'ready');
      const { confusion } = last.results;
      assert.equal(confusion.split, 'validation');
      assert.equal(confusion.counts.flat().reduce((a, b) => a + b, 0), 30, 'the 30 validation rows');
      assert.deepEqual(confusion.classNames, ['setosa', 'versicolor', 'virginica']);
    };
    try {
      await vscode.commands.executeCommand('vscode.openWith', iris, 'nnBuilder.builder');
      await matrixArrives(1, 'the confusion matrix in the opened builder');
      assert.equal(received[0].status, 'computing', 'a placeholder first');
      // another tab in front (the builder's webview is discarded), then the builder again
      await vscode.commands.executeCommand('vscode.openWith', freshModel('xor.nnjson'), 'default');
      await vscode.commands.executeCommand('vscode.openWith', iris, 'nnBuilder.builder');
      await matrixArrives(2, 'the confusion matrix after a tab switch');
      await closeAllEditors();
      await vscode.commands.executeCommand('vscode.openWith', iris, 'nnBuilder.builder');
      await matrixArrives(3, 'the confusion matrix after a reopen');
    } finally {
      subscription.dispose();
    }
  });
});
