import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, closeAllEditors, freshModel, modelDiagnostics, openAsText, waitFor } from './helpers';

describe('diagnostics and quick fixes', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);

  it('shows the reader diagnostics for a broken file, and quick fixes repair the width and the duplicate id', async () => {
    const uri = freshModel('broken.nnjson');
    const document = await openAsText(uri);
    const width = await waitFor(() => modelDiagnostics(uri, 'width-mismatch')[0], 'the width-mismatch diagnostic');
    assert.equal(width.severity, vscode.DiagnosticSeverity.Error);
    assert.match(width.message, /fc2\.in is 4 but fc1 gives 8 features/);
    assert.equal(document.getText(width.range), '4', 'the squiggle sits on the wrong number');
    const duplicate = await waitFor(() => modelDiagnostics(uri, 'duplicate-id')[0], 'the duplicate-id diagnostic');

    await applyQuickFix(uri, width, /Set .*in to 8/);
    await waitFor(() => (modelDiagnostics(uri, 'width-mismatch').length === 0 ? true : undefined), 'the width diagnostic to go away');
    assert.match(document.getText(), /"id": "fc2", "in": 8, "out": 2/);

    await applyQuickFix(uri, modelDiagnostics(uri, 'duplicate-id')[0] ?? duplicate, /Rename the layer/);
    await waitFor(() => (modelDiagnostics(uri, 'duplicate-id').length === 0 ? true : undefined), 'the duplicate-id diagnostic to go away');
    await waitFor(() => (vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'NN Builder').length === 0 ? true : undefined), 'no problems left');
    const counts = await vscode.commands.executeCommand<{ errors: number }>('nnBuilder.validateModel', uri, { show: false });
    assert.equal(counts.errors, 0);
  });

  it('updates the diagnostics as the user types', async () => {
    const uri = freshModel('xor.nnjson');
    const document = await openAsText(uri);
    assert.equal(modelDiagnostics(uri, 'width-mismatch').length, 0);
    const offset = document.getText().indexOf('"in": 8');
    assert.ok(offset > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(offset + 6), document.positionAt(offset + 7)), '5');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const width = await waitFor(() => modelDiagnostics(uri, 'width-mismatch')[0], 'a diagnostic after the edit');
    assert.match(width.message, /is 5 but fc1 gives 8/);
  });

  it('validates against the JSON Schema and shows its descriptions on hover', async function () {
    this.timeout(240_000);
    const uri = freshModel('xor.nnjson');
    const document = await openAsText(uri);
    const key = document.getText().indexOf('"epochs"');
    const value = document.getText().indexOf('30', key);
    assert.ok(key > 0 && value > key);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(value), document.positionAt(value + 2)), '"many"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // VS Code's JSON language server, woken by the extension for nnjson documents, checks the schema.
    const schemaProblem = await waitFor(
      // It sets no diagnostic source in this VS Code version.
      () => vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.source !== 'NN Builder' && /Expected "integer"/.test(diagnostic.message)),
      () => `a JSON Schema diagnostic (have: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [d.source, d.message]))})`,
      120_000,
    );
    assert.equal(document.getText(schemaProblem.range), '"many"');

    let text = '';
    for (let attempt = 0; attempt < 60 && !text.includes('Passes over the training data'); attempt++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(key + 2));
      text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      if (!text.includes('Passes over the training data')) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.match(text, /Passes over the training data/, 'the schema description of training.epochs shows on hover');
  });

  it('fixes an image model\'s shape errors with the quick fixes the builder\'s cards offer: the channels, a kernel that fits, a Flatten', async () => {
    const uri = freshModel('broken-cnn.nnjson');
    const document = await openAsText(uri);
    const original = document.getText();
    // each problem shows once the layer before it is fixed (a layer that cannot take its input leaves the shape unknown)
    const steps: [RegExp, RegExp, (text: string) => string][] = [
      [/conv1: Conv2D's inChannels is 3/, /^Set conv1\.inChannels to 1 \(the 1 channel coming in\)$/, (text) => text.replace('"inChannels": 3', '"inChannels": 1')],
      [/conv2: Conv2D's kernelSize 5×5 is larger than its padded input 3×3/, /^Set conv2\.kernelSize to 3 \(the largest that fits the 3×3 input\)$/,
        (text) => text.replace('"outChannels": 8, "kernelSize": 5', '"outChannels": 8, "kernelSize": 3')],
      [/fc1: Linear takes one dimension of features but the shape coming in is \[8, 1, 1\]/, /^Insert a Flatten layer before fc1 and set fc1\.in to 8 \(8×1×1 flattened\)$/,
        (text) => text.replace('    { "type": "Linear", "id": "fc1", "in": 64', '    { "type": "Flatten", "id": "flatten1" },\n    { "type": "Linear", "id": "fc1", "in": 8')],
    ];
    let expected = original;
    for (const [message, title, change] of steps) {
      const diagnostic = await waitFor(() => modelDiagnostics(uri, 'input-shape').find((candidate) => message.test(candidate.message)), `the diagnostic ${message}`);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      await applyQuickFix(uri, diagnostic, title);
      expected = change(expected);
      assert.equal(document.getText(), expected, `${title}: that change only`);
    }
    await waitFor(() => (vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'NN Builder').length === 0 ? true : undefined), 'no problems left');
  });

  it('offers to add a missing loss', async () => {
    const uri = freshModel('no-loss.nnjson');
    const document = await openAsText(uri);
    const missing = await waitFor(() => modelDiagnostics(uri, 'missing-field')[0], 'the missing loss diagnostic');
    assert.match(missing.message, /loss/);
    await applyQuickFix(uri, missing, /Add the loss CrossEntropy/);
    assert.match(document.getText(), /"loss": \{ "type": "CrossEntropy" \}/);
    await waitFor(() => (modelDiagnostics(uri, 'missing-field').length === 0 ? true : undefined), 'the missing loss diagnostic to go away');
  });
});
