import * as assert from 'node:assert/strict';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingRunResult } from '../../src/extension/training-service';
import type { TrainingEvent } from '../../src/shared/training-events';
import { api, closeAllEditors, diskJson, diskText, freshModel, nextEvent } from './helpers';

describe('training from commands', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('trains the XOR model from the Train Model command and writes parameters and history into the file', async () => {
    const { training } = await api();
    const uri = freshModel('xor.nnjson');
    const events: TrainingEvent[] = [];
    const subscription = training.onEvent((event) => {
      if (event.uri === uri.toString()) events.push(event.event);
    });
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri);
    subscription.dispose();

    assert.equal(result.status, 'completed', JSON.stringify(result));
    const model = diskJson(uri) as { parameters: Record<string, Record<string, { shape: number[]; data: string }>>; history: { loss: number; valAccuracy?: number }[]; data: { fitted?: unknown } };
    assert.deepEqual(Object.keys(model.parameters).sort(), ['fc1', 'fc2']);
    assert.deepEqual(model.parameters.fc1.W.shape, [2, 8]);
    assert.equal(typeof model.parameters.fc1.W.data, 'string');
    assert.equal(model.history.length, 30);
    assert.ok(model.history[29].loss < model.history[0].loss, 'the loss went down');
    assert.ok((model.history[29].valAccuracy ?? 0) > 0.8, `XOR is learned (validation accuracy ${model.history[29].valAccuracy})`);
    assert.ok(model.data.fitted, 'the fitted preprocessing is written');

    const types = events.map((event) => event.type);
    assert.equal(types[0], 'started');
    assert.equal(types[types.length - 1], 'finished');
    const epochs = events.filter((event): event is Extract<TrainingEvent, { type: 'epochs' }> => event.type === 'epochs');
    assert.deepEqual(epochs.flatMap((event) => event.summaries.map((summary) => summary.epoch)), Array.from({ length: 30 }, (_, i) => i + 1), 'every epoch, in order');
    assert.equal(epochs[0].boundary?.probabilities.length, 40 * 40 * 2, 'the first epoch carries the decision boundary (later ones a few times a second)');
    const started = events[0] as Extract<TrainingEvent, { type: 'started' }>;
    assert.equal(started.info.points?.x.length, 200, 'the data points are sent for the plot');
    const finished = events[events.length - 1] as Extract<TrainingEvent, { type: 'finished' }>;
    assert.equal(finished.written, 'model');
    assert.ok(finished.confusion, 'a confusion matrix for the classifier');
    const counted = finished.confusion.counts.flat().reduce((a, b) => a + b, 0);
    assert.equal(counted, started.info.validationRows, 'the confusion matrix covers the validation split');
    assert.ok(finished.boundary, 'a decision boundary for the two-input classifier');
    assert.equal(finished.boundary.probabilities.length, 40 * 40 * 2);
    assert.notDeepEqual(finished.boundary.probabilities, epochs[0].boundary?.probabilities, 'the boundary changed as the network learned');
  });

  it('writes the result into a model file that is not open atomically, keeping its permissions', async () => {
    const { training } = await api();
    const uri = freshModel('xor.nnjson');
    chmodSync(uri.fsPath, 0o640);
    // the command opens the document (to check its data) and saves through it; the service writes the file itself
    assert.equal(vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), false);
    const result = await training.start(uri, { overrides: { epochs: 2 } });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    assert.equal((diskJson(uri).history as unknown[]).length, 2, 'the result is in the file');
    assert.equal(statSync(uri.fsPath).mode & 0o777, 0o640, 'the file keeps its mode (rw-r-----)');
    assert.deepEqual(readdirSync(dirname(uri.fsPath)).filter((name) => name.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('refuses a second run of the same model while the first is going, and allows another model meanwhile', async () => {
    const { training } = await api();
    const slow = freshModel('slow.nnjson');
    const other = freshModel('xor.nnjson');
    const started = nextEvent(training, slow, 'started');
    const first = training.start(slow, { overrides: { epochs: 200 } });
    await started;
    const second = await training.start(slow);
    assert.equal(second.status, 'refused');
    assert.match(second.status === 'refused' ? second.message : '', /already training/);
    const parallel = await training.start(other, { overrides: { epochs: 2 } });
    assert.equal(parallel.status, 'completed', 'a different model trains at the same time');
    assert.ok(training.isTraining(slow));
    training.stop(slow);
    const end = await first;
    assert.equal(end.status, 'stopped');
  });

  it('writes into an open document as one undoable edit, dirty when saving after training is off', async () => {
    const { training } = await api();
    const uri = freshModel('xor.nnjson');
    const before = diskText(uri);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    assert.ok(document, 'the model is open as text');
    const result = await training.start(uri, { overrides: { epochs: 3 }, save: false });
    assert.equal(result.status, 'completed');
    assert.ok(document.isDirty, 'the document is dirty, not saved');
    assert.match(document.getText(), /"parameters"/);
    assert.equal(diskText(uri), before, 'the file on disk is unchanged until saved');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one undo restores the text');
    await vscode.commands.executeCommand('redo');
    assert.ok(await document.save());
    assert.ok((diskJson(uri).history as unknown[]).length === 3, 'saved with the history');
  });

  it('asks before overwriting a file that was edited while training ran: save as copy keeps both', async () => {
    const { training } = await api();
    const uri = freshModel('slow.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    assert.ok(document);
    const started = nextEvent(training, uri, 'epochs');
    const run = training.start(uri, { onConflict: 'copy' });
    await started;
    const edit = new vscode.WorkspaceEdit();
    const nameLine = document.getText().split('\n').findIndex((line) => line.includes('"name"'));
    edit.replace(uri, document.lineAt(nameLine).range, '  "name": "Edited during training",');
    assert.ok(await vscode.workspace.applyEdit(edit));
    training.stop(uri);
    const result = await run;
    assert.equal(result.status, 'stopped');
    if (result.status !== 'stopped') return;
    assert.equal(result.write.written, 'copy');
    assert.match(document.getText(), /Edited during training/, 'the user edit is kept');
    assert.doesNotMatch(document.getText(), /"parameters"/, 'the results did not go into the edited document');
    const copy = diskJson(result.write.written === 'copy' ? result.write.target : uri);
    assert.ok(copy.parameters, 'the copy holds the trained parameters');
    assert.equal(copy.trainingStatus, 'stopped');
  });

  it('discards the results when asked to after a conflict, leaving the file as the user left it', async () => {
    const { training } = await api();
    const uri = freshModel('slow.nnjson');
    const started = nextEvent(training, uri, 'epochs');
    const run = training.start(uri, { onConflict: 'discard' });
    await started;
    const edited = diskText(uri).replace('"Slow spiral"', '"Changed on disk"');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(edited));
    training.stop(uri);
    const result = await run;
    assert.equal(result.status, 'stopped');
    if (result.status === 'stopped') assert.equal(result.write.written, 'nothing');
    assert.equal(diskText(uri), edited);
  });

  it('stops a run mid-way from the Stop Training command: the weights are kept and marked stopped', async () => {
    const { training } = await api();
    const uri = freshModel('slow.nnjson');
    const firstEpoch = nextEvent(training, uri, 'epochs');
    const run = vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, { progress: false });
    await firstEpoch;
    assert.equal(await vscode.commands.executeCommand('nnBuilder.stopTraining', uri), true);
    const result = await run;
    assert.equal(result.status, 'stopped');
    const model = diskJson(uri) as { parameters?: object; history: unknown[]; trainingStatus?: string };
    assert.ok(model.parameters, 'the weights learned so far are written');
    assert.equal(model.trainingStatus, 'stopped');
    assert.ok(model.history.length >= 1 && model.history.length < 2000, `stopped early (${model.history.length} epochs)`);
    assert.equal(await vscode.commands.executeCommand('nnBuilder.stopTraining', uri), false, 'nothing left to stop');
  });

  it('reports a diverging run with what to try and leaves the file as it was', async () => {
    const { training } = await api();
    const uri = freshModel('diverge.nnjson');
    const before = diskText(uri);
    const result = await training.start(uri);
    assert.equal(result.status, 'diverged', JSON.stringify(result));
    if (result.status === 'diverged') assert.match(result.message, /learning rate/);
    assert.equal(diskText(uri), before);
  });

  it('reports a crashing worker and leaves the file as it was', async () => {
    const { training } = await api();
    for (const fault of ['throw', 'exit'] as const) {
      const uri = freshModel('slow.nnjson');
      const before = diskText(uri);
      const failed = nextEvent(training, uri, 'failed');
      const result = await training.startForTest(uri, {}, { fault });
      assert.equal(result.status, 'failed', `${fault}: ${JSON.stringify(result)}`);
      if (result.status === 'failed') {
        assert.match(result.message, fault === 'throw' ? /crashed: injected fault/ : /exited unexpectedly \(exit code 3\)/);
        assert.match(result.message, /left as it was/);
      }
      assert.match((await failed).message, /slow-/);
      assert.equal(diskText(uri), before, `${fault}: the file is unchanged`);
      assert.equal(training.isTraining(uri), false);
    }
  });
});
