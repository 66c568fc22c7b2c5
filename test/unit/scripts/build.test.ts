import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * scripts/build.mjs on a copy of the project (links to its folders) in which one entry point has been renamed:
 * the build must fail, name the missing file, and write nothing, rather than ship a dist/ without that bundle.
 */
describe('the build script', function () {
  this.timeout(120_000);
  let project: string;
  before(() => {
    const root = resolve('.');
    project = mkdtempSync(join(tmpdir(), 'nn-build-'));
    for (const name of ['assembly', 'bench', 'node_modules', 'webview']) symlinkSync(join(root, name), join(project, name));
    // a copy, not a link: the script finds the project from its own path
    mkdirSync(join(project, 'scripts'));
    copyFileSync(join(root, 'scripts', 'build.mjs'), join(project, 'scripts', 'build.mjs'));
    mkdirSync(join(project, 'src'));
    for (const name of readdirSync(join(root, 'src'))) {
      if (name !== 'extension.ts') symlinkSync(join(root, 'src', name), join(project, 'src', name));
    }
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('fails when an entry point is missing, names it, and writes nothing', () => {
    const result = spawnSync(process.execPath, [join(project, 'scripts', 'build.mjs')], { cwd: project, encoding: 'utf8' });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.notEqual(result.status, 0, output);
    assert.match(result.stderr, /src\/extension\.ts/, output);
    assert.equal(existsSync(join(project, 'dist')), false, 'no dist/ written');
  });
});
