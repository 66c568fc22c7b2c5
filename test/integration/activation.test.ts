import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/extension/command-ids';

describe('activation', () => {
  it('activates and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension('nn-builder.nn-builder');
    assert.ok(extension, 'the extension nn-builder.nn-builder is loaded');
    await extension.activate();
    assert.equal(extension.isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMAND_IDS)) assert.ok(registered.has(id), `${id} is registered`);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
  });
});
