/**
 * From the user's own CSV to a trained model without opening the JSON: New Model → From a CSV file, the data-fit
 * diagnostics and their quick fixes in the Problems panel, and Train on a model without data.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { closeAllEditors, diskJson, diskText, freshModel, waitFor, workspaceFolder } from './helpers';

const WINE_FEATURES = ['alcohol', 'malic_acid', 'ash', 'alcalinity', 'magnesium', 'phenols', 'flavanoids', 'nonflavanoid_phenols', 'proanthocyanins', 'colour_intensity', 'hue', 'od280', 'proline'];

function problems(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'NN Builder' && (code === undefined || diagnostic.code === code));
}

async function openAsText(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
  return waitFor(() => vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString()), `${uri.path} to open`);
}

describe('from your own data to a trained model', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('New Model → From a CSV file: a model sized for wine.csv opens pinned in the builder, validates and trains', async () => {
    const target = vscode.Uri.joinPath(workspaceFolder(), `wine-${process.pid}.nnjson`);
    // the answers a user gives the pickers: the file, the column to predict, the features (all), the task
    const created = await vscode.commands.executeCommand<vscode.Uri>('nnBuilder.newModel', undefined, {
      csv: 'wine.csv', targetColumn: 'class', features: WINE_FEATURES, task: 'classification', target,
    });
    assert.equal(created?.toString(), target.toString());
    const tab = await waitFor(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputCustom && active.input.uri.toString() === target.toString() ? active : undefined;
    }, 'the new model in the builder');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'nnBuilder.builder');
    assert.equal(tab.isPreview, false, 'pinned, not a preview tab');

    const model = diskJson(target) as { input: { size: number }; layers: { type: string; out?: number }[]; loss: { type: string }; data: Record<string, unknown> };
    assert.equal(model.input.size, 13);
    assert.deepEqual(model.layers.map((layer) => layer.type), ['Linear', 'ReLU', 'Linear', 'SoftMax']);
    assert.equal(model.layers[2].out, 3, 'one output per class');
    assert.equal(model.loss.type, 'CrossEntropy');
    assert.deepEqual(model.data, { source: 'wine.csv', target: 'class', normalize: 'standard' });

    const counts = await vscode.commands.executeCommand<{ errors: number; warnings: number }>('nnBuilder.validateModel', target, { show: false });
    assert.deepEqual([counts.errors, counts.warnings], [0, 0]);
    const document = await vscode.workspace.openTextDocument(target);
    assert.equal(document.languageId, 'nnjson');
    // the data-fit check has run (the facts are read) and found nothing
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(problems(target).map((d) => d.message), []);

    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', target, { progress: false, overrides: { epochs: 20 } });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const trained = diskJson(target) as { history: { accuracy?: number }[]; data: { classes?: string[] } };
    assert.equal(trained.history.length, 20);
    assert.deepEqual(trained.data.classes, ['1', '2', '3']);
  });

  it('a regression on chosen features writes data.features and an MSE output', async () => {
    const target = vscode.Uri.joinPath(workspaceFolder(), 'new-models', `proline-${process.pid}.nnjson`);
    await vscode.commands.executeCommand('nnBuilder.newModel', undefined, {
      csv: vscode.Uri.joinPath(workspaceFolder(), 'wine.csv'), targetColumn: 'proline', features: ['alcohol', 'hue', 'class'], task: 'regression', target, open: false,
    });
    const model = diskJson(target) as { input: { size: number }; layers: { type: string; out?: number }[]; loss: { type: string }; data: Record<string, unknown> };
    assert.equal(model.input.size, 3);
    assert.deepEqual(model.layers.map((layer) => layer.type), ['Linear', 'ReLU', 'Linear']);
    assert.equal(model.layers[2].out, 1);
    assert.equal(model.loss.type, 'MSE');
    assert.deepEqual(model.data, { source: '../wine.csv', target: 'proline', features: ['alcohol', 'hue', 'class'], normalize: 'standard' }, 'the path is relative to the model file');
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', target, { progress: false, overrides: { epochs: 3 } });
    assert.equal(result.status, 'completed', JSON.stringify(result));
  });

  it('shows the last layer against the classes in the Problems panel, and its quick fix applies', async () => {
    const uri = freshModel('iris.nnjson');
    const document = await openAsText(uri);
    const offset = document.getText().indexOf('"in": 16, "out": 3');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(offset + 17), document.positionAt(offset + 18)), '2');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await waitFor(() => problems(uri, 'data-output-width')[0], 'the data-output-width diagnostic');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.message, 'fc2.out is 2 but iris.csv has 3 classes (setosa, versicolor, virginica): set fc2.out to 3');
    assert.equal(document.getText(diagnostic.range), '2', 'the squiggle sits on fc2.out');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Set fc2.out to 3 (iris.csv has 3 classes)');
    assert.ok(fix?.edit, `the fix among: ${actions.map((action) => action.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"id": "fc2", "in": 16, "out": 3 \}/);
    await waitFor(() => (problems(uri).length === 0 ? true : undefined), 'no problems left');
  });

  it('updates the data diagnostics when the CSV file changes', async () => {
    const folder = workspaceFolder().fsPath;
    const csv = `wine-edit-${process.pid}.csv`;
    copyFileSync(join(folder, 'wine.csv'), join(folder, csv));
    const uri = freshModel('iris.nnjson');
    writeFileSync(uri.fsPath, diskText(uri)
      .replace('"size": 4', '"size": 13').replace('"in": 4, "out": 16', '"in": 13, "out": 16')
      .replace(/"data": \{[^\n]*\}/, `"data": { "source": "${csv}", "target": "class" }`));
    await openAsText(uri);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(problems(uri).map((d) => d.message), [], 'the model fits the file');
    // the user drops the last feature column from the file
    const lines = readFileSync(join(folder, csv), 'utf8').trim().split('\n').map((line) => line.split(',').filter((_, i) => i !== 12).join(','));
    writeFileSync(join(folder, csv), `${lines.join('\n')}\n`);
    const diagnostic = await waitFor(() => problems(uri, 'data-input-width')[0], 'the input-width diagnostic after the CSV changed');
    assert.match(diagnostic.message, /^input\.size is 13 but wine-edit-\d+\.csv gives 12 input columns: set input\.size and fc1\.in to 12, or choose data\.features$/);
  });

  it('Train on a model without data asks for it, and writes the choice with the input width', async () => {
    const uri = freshModel('no-data.nnjson');
    // the quick pick asks (nothing is written or trained while it is open); Escape cancels
    const asked = vscode.commands.executeCommand<TrainingRunResult | undefined>('nnBuilder.trainModel', uri, { progress: false });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await asked, undefined, 'cancelled: no run, no message about command-line flags');
    assert.equal(diskJson(uri).data, undefined);

    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, {
      progress: false, data: { source: 'data/iris.csv', target: 'species' },
    });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const model = diskJson(uri) as { input: { size: number }; layers: { in?: number }[]; data: { source: string; target: string }; history: unknown[] };
    assert.equal(model.input.size, 4, 'input.size from the data');
    assert.equal(model.layers[0].in, 4);
    assert.equal(model.data.source, 'data/iris.csv');
    assert.equal(model.data.target, 'species');
    assert.equal(model.history.length, 5);
  });

  it('Open as JSON reuses the text editor tab that is open for the model, in whichever group it is', async () => {
    const uri = freshModel('xor.nnjson');
    const textTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
    // the JSON beside, the builder in the first group
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.Two, preview: false });
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnBuilder.builder', { viewColumn: vscode.ViewColumn.One });
    await waitFor(() => (vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom ? true : undefined), 'the builder');
    assert.equal(textTabs().length, 1);
    await vscode.commands.executeCommand('nnBuilder.openAsJson', uri);
    await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? true : undefined), 'the text editor');
    assert.equal(textTabs().length, 1, 'one text tab, not a second one with the same title');
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, vscode.ViewColumn.Two, 'the existing tab, in its group, is shown');
  });
});
