/**
 * The Get Started walkthrough in real VS Code: it is contributed with its six steps, every step's button runs a
 * registered command, and the step's context key is set when its action really happened (the extension records the
 * keys it sets, since VS Code offers no way to read one back). The drop of a palette layer happens inside the
 * webview, out of reach here: the builder webview and session tests cover it.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/extension/commands/export-commands';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { WALKTHROUGH_STEPS, type WalkthroughStep } from '../../src/extension/walkthrough';
import { writeModel } from '../../src/model/writer';
import { modelFromTemplate } from '../../src/model/templates';
import type { ToWebview } from '../../src/shared/webview-protocol';
import { api, closeAllEditors, diskText, EXTENSION_ID, waitFor, workspaceFolder } from './helpers';

interface WalkthroughStepJson { id: string; title: string; description: string; media: { markdown: string }; completionEvents: string[] }

function walkthroughSteps(): WalkthroughStepJson[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { id: string; steps: WalkthroughStepJson[] }[] } }).contributes.walkthroughs;
  assert.deepEqual(walkthroughs.map((walkthrough) => walkthrough.id), ['nnBuilder.getStarted']);
  return walkthroughs[0].steps;
}

/** `command:ID` links of a step's description, with their arguments. */
function buttons(step: WalkthroughStepJson): { command: string; args: unknown[] }[] {
  return [...step.description.matchAll(/\]\(command:([\w.]+)(?:\?([^)]+))?\)/g)].map(([, command, args]) => ({ command, args: args ? JSON.parse(decodeURIComponent(args)) as unknown[] : [] }));
}

/** How often the extension has set each step's key so far. */
async function marks(): Promise<Partial<Record<WalkthroughStep, number>>> {
  return (await api()).walkthroughMarks();
}

/** Waits until the extension sets the step's key again after `before` (some keys follow the command: the webview says so). */
async function markedAgain(step: WalkthroughStep, before: Partial<Record<WalkthroughStep, number>>): Promise<void> {
  const nn = await api();
  await waitFor(() => ((nn.walkthroughMarks()[step] ?? 0) > (before[step] ?? 0)) || undefined, () => `the key of step ${step}: ${JSON.stringify(nn.walkthroughMarks())}`);
}

function target(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), `walkthrough-${name}-${process.pid}.nnjson`);
}

describe('Get Started walkthrough', function () {
  this.timeout(300_000);
  afterEach(closeAllEditors);

  it('is contributed with six steps, each a button running a registered command and completed by a key the extension sets', async () => {
    const steps = walkthroughSteps();
    assert.deepEqual(steps.map((step) => step.id), ['openExample', 'train', 'lookInside', 'buildYourOwn', 'trainCnn', 'export']);
    const commands = new Set(await vscode.commands.getCommands(true));
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.fsPath;
    const keys = Object.values(WALKTHROUGH_STEPS).map((key) => `onContext:${key}`);
    for (const step of steps) {
      const links = buttons(step);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const { command } of links) assert.ok(commands.has(command), `${step.id}: ${command} is registered`);
      assert.ok(existsSync(join(root, step.media.markdown)), `${step.id}: ${step.media.markdown} is there`);
      assert.equal(step.completionEvents.length, 1);
      assert.ok(keys.includes(step.completionEvents[0]), `${step.id} completes on ${step.completionEvents[0]}`);
    }
    assert.deepEqual(new Set(steps.map((step) => step.completionEvents[0])), new Set(keys), 'one step per key');
    assert.deepEqual(buttons(steps[4])[0], { command: 'nnBuilder.openExample', args: ['digits-cnn'] }, 'the CNN step opens the digits CNN');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#nnBuilder.getStarted`, false);
  });

  it('open an example, train it, look inside, export: each action sets its step\'s key', async () => {
    const { onDidBuilderReceive } = await api();
    const xor = target('xor');
    let before = await marks();
    const opened = await vscode.commands.executeCommand<vscode.Uri>('nnBuilder.openExample', 'xor', { target: xor });
    assert.equal(opened?.toString(), xor.toString());
    assert.equal(diskText(xor), writeModel(modelFromTemplate('xor')), 'a copy of the XOR example');
    await waitFor(() => (vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputCustom) || undefined, 'the example open in the builder');
    await markedAgain('exampleOpened', before);

    before = await marks();
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', xor, { progress: false, save: true });
    assert.equal(trained.status, 'completed', JSON.stringify(trained));
    await markedAgain('trained', before);
    assert.equal((await marks()).cnnTrained, before.cnnTrained, 'an MLP is not a CNN');

    const revealed: string[] = [];
    const subscription = onDidBuilderReceive(({ uri, message }: { uri: string; message: ToWebview }) => {
      if (uri === xor.toString()) revealed.push(message.type);
    });
    try {
      before = await marks();
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('nnBuilder.lookInside', xor))?.toString(), xor.toString());
      await waitFor(() => revealed.includes('revealInsight') || undefined, 'the builder asked to show "Inside the model"');
      // the webview scrolled it into view with trained weights, and said so
      await markedAgain('insightSeen', before);
    } finally {
      subscription.dispose();
    }

    before = await marks();
    const output = `walkthrough-${process.pid}.onnx`;
    const exported = await vscode.commands.executeCommand<ExportResult>('nnBuilder.exportModel', xor, { format: 'onnx', output, show: false });
    assert.ok(exported && readFileSync(exported.path).length === exported.bytes);
    await markedAgain('exported', before);

    // a second time the copy there is opened as it is: the trained model is not written over
    const trainedText = diskText(xor);
    assert.match(trainedText, /"parameters"/);
    await vscode.commands.executeCommand('nnBuilder.openExample', 'xor', { target: xor });
    assert.equal(diskText(xor), trainedText);
  });

  it('trains the digits CNN the step opens, which completes "train a CNN on images"', async () => {
    const cnn = target('digits-cnn');
    await vscode.commands.executeCommand('nnBuilder.openExample', 'digits-cnn', { target: cnn });
    assert.ok(existsSync(join(workspaceFolder().fsPath, 'data', 'digits.csv')), 'the digits it reads come with it');
    const before = await marks();
    const trained = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', cnn, { progress: false, save: true, overrides: { epochs: 1 } });
    assert.equal(trained.status, 'completed', JSON.stringify(trained));
    await markedAgain('cnnTrained', before);
  });
});
