import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { closeAllEditors, diskJson, freshModel, waitFor, workspaceFolder } from './helpers';

describe('commands', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('contributes the nnjson language, the builder editor and settings with descriptions', () => {
    const extension = vscode.extensions.getExtension('nn-builder.nn-builder');
    const contributes = extension?.packageJSON.contributes as {
      languages: { id: string; extensions: string[] }[];
      customEditors: { viewType: string; priority: string }[];
      configuration: { properties: Record<string, { description?: string }> };
    };
    assert.ok(contributes.languages.some((language) => language.id === 'nnjson' && language.extensions.includes('.nnjson')));
    assert.deepEqual(contributes.customEditors.map((editor) => [editor.viewType, editor.priority]), [['nnBuilder.builder', 'default'], ['nnBuilder.onnxViewer', 'default']]);
    for (const [key, setting] of Object.entries(contributes.configuration.properties)) assert.ok(setting.description, `${key} has a description`);
  });

  it('creates a model from a template with New Model, with the example data next to it', async () => {
    const target = vscode.Uri.joinPath(workspaceFolder(), 'new-models', 'my-iris.nnjson');
    const created = await vscode.commands.executeCommand<vscode.Uri>('nnBuilder.newModel', undefined, { template: 'iris', target, open: false });
    assert.equal(created?.toString(), target.toString());
    const model = diskJson(target) as { name: string; data: { source: string } };
    assert.equal(model.name, 'Iris');
    assert.ok(existsSync(vscode.Uri.joinPath(workspaceFolder(), 'new-models', 'data', 'iris.csv').fsPath), 'iris.csv copied next to the model');
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', target, { progress: false, overrides: { epochs: 2 } });
    assert.equal(result.status, 'completed', 'the new model trains out of the box');
  });

  it('opens a model in the builder by default, and switches to JSON and back', async () => {
    const uri = freshModel('xor.nnjson');
    await vscode.commands.executeCommand('vscode.open', uri);
    const builderTab = (): vscode.TabInputCustom | undefined => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === 'nnBuilder.builder' ? input : undefined;
    };
    assert.equal((await waitFor(builderTab, 'the builder to open')).uri.toString(), uri.toString());
    await vscode.commands.executeCommand('nnBuilder.openAsJson');
    await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? true : undefined), 'the JSON text editor');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'nnjson');
    await vscode.commands.executeCommand('nnBuilder.openInBuilder');
    await waitFor(builderTab, 'the builder again');
  });

  it('shows a summary with the layer table and parameter counts', async () => {
    const uri = freshModel('xor.nnjson');
    const markdown = await vscode.commands.executeCommand<string>('nnBuilder.showSummary', uri, { show: false });
    assert.match(markdown, /\| 1 \| fc1 \| Linear \| 2 → 8 \| \[N, 8\] \| 24 \|/);
    assert.match(markdown, /Total params: \*\*42\*\*/);
    assert.match(markdown, /Trained: not yet/);
    // and the preview opens without an error
    await vscode.commands.executeCommand('nnBuilder.showSummary', uri);
  });

  it('validates a model and counts its problems', async () => {
    const counts = await vscode.commands.executeCommand<{ errors: number; warnings: number }>('nnBuilder.validateModel', freshModel('broken.nnjson'), { show: false });
    assert.equal(counts.errors, 2);
    const clean = await vscode.commands.executeCommand<{ errors: number; warnings: number }>('nnBuilder.validateModel', freshModel('xor.nnjson'));
    assert.deepEqual([clean.errors, clean.warnings], [0, 0]);
  });

  it('asks which model to train when none is active, and uses the one picked', async () => {
    await closeAllEditors();
    const run = vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel');
    // The workspace holds several models, so a quick pick asks; sorted by path, the first is a broken one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await run;
    assert.equal(result?.status, 'refused');
    if (result?.status === 'refused') assert.match(result.message, /Cannot train broken[^ ]*\.nnjson: .*width|Cannot train broken[^ ]*\.nnjson: .*id/);
  });
});
