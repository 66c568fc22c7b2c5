/** Reset Weights and the quick fixes for trained tensors that do not fit and a missing SoftMax, inside VS Code. */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { buildNetwork, withTrainedParameters } from '../../src/model/bridge';
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { applyQuickFix, closeAllEditors, diskText, freshModel, modelDiagnostics, openAsText, waitFor, workspaceFolder } from './helpers';

let written = 0;

/** A model file in the workspace with `text`, for one test. */
function modelFile(stem: string, text: string): vscode.Uri {
  written += 1;
  const uri = vscode.Uri.joinPath(workspaceFolder(), `${stem}-${process.pid}-${written}.nnjson`);
  writeFileSync(uri.fsPath, text);
  return uri;
}

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

/** The xor fixture as if trained: its initial weights written as parameters, and a history. */
function trainedXor(): string {
  const model = read(readFileSync(freshModel('xor.nnjson').fsPath, 'utf8'));
  return writeModel({ ...withTrainedParameters(model, buildNetwork(model)), history: [{ epoch: 1, loss: 0.69, seconds: 0.1 }] });
}

describe('trained weights: Reset Weights and quick fixes', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);

  it('resets one layer, and then all, as undoable edits of the open document that are not saved behind its back', async () => {
    const text = trainedXor();
    const uri = modelFile('trained', text);
    const document = await openAsText(uri);
    const notes = await vscode.commands.executeCommand<string[]>('nnBuilder.resetWeights', uri, { layerId: 'fc1' });
    assert.deepEqual(notes, ['fc1 starts from fresh weights']);
    const one = read(document.getText());
    assert.deepEqual(Object.keys(one.parameters ?? {}), ['fc2']);
    assert.deepEqual(one.parameters?.fc2, read(text).parameters?.fc2);
    assert.deepEqual(one.history, read(text).history);
    assert.equal(document.isDirty, true);
    assert.equal(diskText(uri), text, 'the file on disk is untouched until the user saves');

    // all layers, chosen in the quick pick as a user would ("All layers" is the first entry)
    const running = vscode.commands.executeCommand<string[] | undefined>('nnBuilder.resetWeights', uri);
    let answered = false;
    void running.then(() => { answered = true; });
    for (let attempt = 0; attempt < 100 && !answered; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (!answered) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.deepEqual(await running, ['Every layer starts from fresh weights; its training history was removed']);
    const all = read(document.getText());
    assert.equal(all.parameters, undefined);
    assert.equal(all.history, undefined);
    assert.equal(diskText(uri), text);

    // undo brings the weights back, one step per reset
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (read(document.getText()).parameters?.fc2 ? true : undefined), 'the first undo');
    assert.equal(read(document.getText()).parameters?.fc1, undefined);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (document.getText() === text ? true : undefined), 'the second undo to restore the text');
  });

  it('offers to re-initialise a layer whose trained tensor does not fit it', async () => {
    const text = trainedXor().replace('"shape": [8, 2]', '"shape": [4, 4]');
    const uri = modelFile('misfit', text);
    const document = await openAsText(uri);
    const shape = await waitFor(() => modelDiagnostics(uri, 'tensor-shape')[0], 'the tensor-shape diagnostic');
    assert.equal(shape.severity, vscode.DiagnosticSeverity.Error);
    await applyQuickFix(uri, shape, /^Re-initialise fc2 \(drop its trained weights\)$/);
    const fixed = read(document.getText());
    assert.deepEqual(Object.keys(fixed.parameters ?? {}), ['fc1']);
    assert.deepEqual(fixed.parameters?.fc1, read(text).parameters?.fc1, 'the other layer keeps its weights');
    await waitFor(() => (modelDiagnostics(uri, 'tensor-shape').length === 0 ? true : undefined), 'the tensor-shape diagnostic to go away');
  });

  it('offers to insert a SoftMax layer at the end of a CrossEntropy network without one', async () => {
    const text = readFileSync(freshModel('xor.nnjson').fsPath, 'utf8').replace(',\n    { "type": "SoftMax", "id": "softmax" }', '');
    assert.ok(!text.includes('SoftMax'));
    const uri = modelFile('no-softmax', text);
    const document = await openAsText(uri);
    const warning = await waitFor(() => modelDiagnostics(uri, 'loss-output')[0], 'the loss-output warning');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    await applyQuickFix(uri, warning, /^Insert a SoftMax layer at the end$/);
    assert.equal(document.getText(), text.replace('"in": 8, "out": 2 }', '"in": 8, "out": 2 },\n    { "type": "SoftMax", "id": "softmax1" }'));
    await waitFor(() => (modelDiagnostics(uri, 'loss-output').length === 0 ? true : undefined), 'the warning to go away');
  });
});
