import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainingRunResult } from '../../src/extension/training-service';
import { api, closeAllEditors, diskText, freshModel } from './helpers';

describe('untrusted workspace', function () {
  this.timeout(180_000);
  afterEach(closeAllEditors);

  it('declares limited support for untrusted workspaces', () => {
    const capabilities = vscode.extensions.getExtension('nn-builder.nn-builder')?.packageJSON.capabilities as {
      untrustedWorkspaces: { supported: string; description: string };
    };
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(capabilities.untrustedWorkspaces.description, /outside the workspace/);
  });

  it('refuses to train from a data file outside the workspace, with a message naming it, and leaves the file alone', async () => {
    const { training } = await api();
    const uri = freshModel('outside.nnjson');
    const before = diskText(uri);
    const result = await training.startForTest(uri, {}, { trust: 'untrusted' });
    assert.equal(result.status, 'refused');
    if (result.status === 'refused') {
      assert.match(result.message, /\.\.\/outside-the-workspace\/iris\.csv/);
      assert.match(result.message, /outside the workspace/);
      assert.match(result.message, /trust the workspace/);
    }
    assert.equal(diskText(uri), before);
  });

  it('refuses a data override that leaves the workspace', async () => {
    const { training } = await api();
    const uri = freshModel('iris.nnjson');
    const refused = await training.startForTest(uri, { overrides: { data: '/etc/hosts' } }, { trust: 'untrusted' });
    assert.equal(refused.status, 'refused');
    const trained = await training.startForTest(uri, { overrides: { epochs: 2 } }, { trust: 'untrusted' });
    assert.equal(trained.status, 'completed', 'data inside the workspace is allowed');
  });

  it('takes no test-only option from the command\'s argument: "trust" and "fault" there change nothing', async () => {
    const { training } = await api();
    const uri = freshModel('outside.nnjson');
    // this session's workspace is trusted: the outside file trains, whatever the argument claims
    const args = { progress: false, trust: 'untrusted', fault: 'throw', overrides: { epochs: 2 } };
    const result = await vscode.commands.executeCommand<TrainingRunResult>('nnBuilder.trainModel', uri, args);
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const direct = await training.start(freshModel('outside.nnjson'), args as never);
    assert.equal(direct.status, 'completed', `start() of the extension's API ignores them too: ${JSON.stringify(direct)}`);
  });

  it('trains from the same outside file once the workspace is trusted', async () => {
    const { training } = await api();
    const uri = freshModel('outside.nnjson');
    const result = await training.startForTest(uri, { overrides: { epochs: 2 } }, { trust: 'trusted' });
    assert.equal(result.status, 'completed', JSON.stringify(result));
  });
});
