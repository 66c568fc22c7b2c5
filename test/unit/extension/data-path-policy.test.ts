import * as assert from 'node:assert/strict';
import { checkDataPath, isInsideFolder } from '../../../src/extension/data-path-policy';

describe('data path policy for untrusted workspaces', () => {
  const workspace = '/home/user/project';
  const modelDir = '/home/user/project/models';

  it('allows generated sets even when untrusted', () => {
    assert.deepEqual(checkDataPath('builtin:xor', modelDir, [workspace], false), { allowed: true });
  });

  it('allows a relative path that stays inside the workspace', () => {
    assert.deepEqual(checkDataPath('../data/iris.csv', modelDir, [workspace], false), { allowed: true });
    assert.deepEqual(checkDataPath('iris.csv', modelDir, [workspace], false), { allowed: true });
  });

  it('refuses a relative path that climbs out of the workspace and names the place and the fix', () => {
    const verdict = checkDataPath('../../secrets.csv', modelDir, [workspace], false);
    assert.equal(verdict.allowed, false);
    if (verdict.allowed) return;
    assert.equal(verdict.resolvedPath, '/home/user/secrets.csv');
    assert.match(verdict.message, /\.\.\/\.\.\/secrets\.csv/);
    assert.match(verdict.message, /outside the workspace/);
    assert.match(verdict.message, /trust the workspace/);
  });

  it('refuses an absolute path outside every workspace folder', () => {
    assert.equal(checkDataPath('/etc/passwd', modelDir, [workspace, '/srv/other'], false).allowed, false);
    assert.equal(checkDataPath('/srv/other/data.csv', modelDir, [workspace, '/srv/other'], false).allowed, true);
  });

  it('refuses everything but generated sets when no folder is open', () => {
    assert.equal(checkDataPath('iris.csv', modelDir, [], false).allowed, false);
  });

  it('allows any path in a trusted workspace', () => {
    assert.equal(checkDataPath('/etc/passwd', modelDir, [workspace], true).allowed, true);
  });

  it('does not mistake a sibling folder with a common prefix for the workspace', () => {
    assert.equal(isInsideFolder('/home/user/project-old/a.csv', workspace), false);
    assert.equal(isInsideFolder('/home/user/project/a.csv', workspace), true);
    assert.equal(isInsideFolder(workspace, workspace), true);
    assert.equal(isInsideFolder('/home/user/project/..data/a.csv', workspace), true);
  });
});

describe('data path policy with symlinks', () => {
  it('refuses a path inside the workspace that is a link to a file outside it', () => {
    const links: Record<string, string> = { '/ws/data/link.csv': '/home/user/.ssh/id_rsa' };
    const realPath = (path: string): string => links[path] ?? path;
    const verdict = checkDataPath('data/link.csv', '/ws', ['/ws'], false, realPath);
    assert.equal(verdict.allowed, false);
    if (!verdict.allowed) assert.equal(verdict.resolvedPath, '/home/user/.ssh/id_rsa');
  });

  it('allows a workspace opened through a linked folder', () => {
    const realPath = (path: string): string => path.replace(/^\/link-to-ws/, '/real/ws');
    assert.equal(checkDataPath('a.csv', '/link-to-ws/models', ['/link-to-ws'], false, realPath).allowed, true);
  });
});
