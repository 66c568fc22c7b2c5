import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { closeAllEditors, diskJson, diskText, freshModel, waitFor } from './helpers';

// Runs only in the runner's second session, where VS Code opens the workspace in restricted mode.
describe('@untrusted a workspace VS Code does not trust', function () {
  this.timeout(180_000);
  afterEach(closeAllEditors);

  it('is in restricted mode, and the extension is active with all its commands', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened this workspace untrusted');
    const extension = vscode.extensions.getExtension('nn-builder.nn-builder');
    await extension?.activate();
    assert.equal(extension?.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('nnBuilder.trainModel'));
  });

  it('still shows diagnostics and opens models in the builder', async () => {
    const uri = freshModel('broken.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    await waitFor(() => vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.code === 'width-mismatch'), 'the width diagnostic');
    await vscode.commands.executeCommand('vscode.open', freshModel('xor.nnjson'));
    await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === 'nnBuilder.builder' ? true : undefined;
    }, 'the builder');
  });

  it('trains on generated data and on data inside the workspace', async () => {
    const xor = freshModel('xor.nnjson');
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', xor, { progress: false, overrides: { epochs: 3 } });
    assert.equal(result.status, 'completed');
    assert.equal((diskJson(xor).history as unknown[]).length, 3);
    const iris = freshModel('iris.nnjson');
    const csv = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', iris, { progress: false, overrides: { epochs: 2 } });
    assert.equal(csv.status, 'completed');
  });

  it('refuses a data path that leaves the workspace, says why, and leaves the file alone', async () => {
    const uri = freshModel('outside.nnjson');
    const before = diskText(uri);
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, { progress: false });
    assert.equal(result.status, 'refused');
    if (result.status === 'refused') assert.match(result.message, /outside the workspace, and this workspace is not trusted/);
    assert.equal(diskText(uri), before);
  });

  it('refuses the data outside the workspace even when the command\'s argument says {"trust": "trusted"}', async () => {
    const uri = freshModel('outside.nnjson');
    const before = diskText(uri);
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, { progress: false, trust: 'trusted' });
    assert.equal(result.status, 'refused', JSON.stringify(result));
    if (result.status === 'refused') assert.match(result.message, /outside the workspace, and this workspace is not trusted/);
    assert.equal(diskText(uri), before);
  });

  it('evaluates and predicts on data inside the workspace, and refuses data outside it', async () => {
    const iris = freshModel('iris.nnjson');
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', iris, { progress: false, overrides: { epochs: 2 } });
    assert.equal(trained.status, 'completed');
    const inside = await vscode.commands.executeCommand<{ report: { rowCount: number } } | undefined>('nnBuilder.evaluateModel', iris, { data: 'data/iris.csv', show: false });
    assert.equal(inside?.report.rowCount, 150);
    const outside = '../outside-the-workspace/iris.csv';
    assert.equal(await vscode.commands.executeCommand('nnBuilder.evaluateModel', iris, { data: outside, show: false }), undefined);
    const output = vscode.Uri.joinPath(iris, '..', `outside-${process.pid}.csv`).fsPath;
    assert.equal(await vscode.commands.executeCommand('nnBuilder.predict', iris, { data: outside, includeInputs: false, output, show: false }), undefined);
    assert.equal(existsSync(output), false, 'nothing was written');
  });

  it('does not read a data file outside the workspace for the diagnostics either, and says why', async () => {
    const uri = freshModel('outside.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    const problem = await waitFor(() => vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.code === 'data-unreadable'), 'the data diagnostic');
    assert.match(problem.message, /outside the workspace, and this workspace is not trusted/);
  });
});
