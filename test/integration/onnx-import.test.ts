import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ConvertResult } from '../../src/extension/onnx-viewer-provider';
import { readModelOrErrors } from '../../src/model/reader';
import { closeAllEditors, waitFor, workspaceFolder } from './helpers';

/** The view type of the active editor tab's custom editor, if it is one. */
function activeViewType(): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input.viewType : undefined;
}

/** PyTorch's LeNet (test/fixtures/onnx/, scripts/reference/onnx-import.py), copied into the workspace as `name`. */
function torchLenet(name: string): vscode.Uri {
  const target = join(workspaceFolder().fsPath, name);
  copyFileSync(resolve(__dirname, '../../../test/fixtures/onnx/torch-lenet.onnx'), target);
  return vscode.Uri.file(target);
}

describe('ONNX import', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);

  it('opens a PyTorch .onnx in the ONNX viewer, converts it, and the new .nnjson opens in the builder', async () => {
    const onnx = torchLenet(`lenet-${process.pid}.onnx`);
    await vscode.commands.executeCommand('vscode.open', onnx);
    await waitFor(() => activeViewType() === 'nnBuilder.onnxViewer' || undefined, 'the ONNX viewer, the default editor of .onnx');
    const result = await vscode.commands.executeCommand<ConvertResult>('nnBuilder.convertOnnx');
    assert.ok(result, 'converted');
    assert.equal(result.path, onnx.fsPath.replace(/\.onnx$/, '.nnjson'));
    const read = readModelOrErrors(readFileSync(result.path, 'utf8'));
    assert.ok('model' in read, 'the converted model validates');
    assert.deepEqual(read.model.layers.map((layer) => layer.type), ['Conv2D', 'ReLU', 'MaxPool2D', 'Conv2D', 'Tanh', 'AvgPool2D', 'Flatten', 'Linear', 'ReLU', 'Linear']);
    await waitFor(() => activeViewType() === 'nnBuilder.builder' || undefined, 'the builder on the new model');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input as vscode.TabInputCustom;
    assert.equal(tab.uri.fsPath, result.path);
  });

  it('replaces an existing .nnjson only when told to, and refuses a truncated file without writing', async () => {
    const onnx = torchLenet(`kept-${process.pid}.onnx`);
    const target = onnx.fsPath.replace(/\.onnx$/, '.nnjson');
    writeFileSync(target, 'mine');
    const replaced = await vscode.commands.executeCommand<ConvertResult>('nnBuilder.convertOnnx', onnx, { replace: true });
    assert.equal(replaced?.path, target);
    assert.notEqual(readFileSync(target, 'utf8'), 'mine');
    const cut = join(workspaceFolder().fsPath, `cut-${process.pid}.onnx`);
    writeFileSync(cut, readFileSync(onnx.fsPath).subarray(0, 500));
    assert.equal(await vscode.commands.executeCommand('nnBuilder.convertOnnx', vscode.Uri.file(cut)), undefined);
    assert.equal(existsSync(cut.replace(/\.onnx$/, '.nnjson')), false, 'nothing written');
  });
});
