import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** scripts/run-mocha.mjs, which runs the unit and webview suites: a skipped test must count as a failure. */
describe('the mocha suite runner', function () {
  this.timeout(60_000);
  let folder: string;
  beforeEach(() => { folder = mkdtempSync(join(tmpdir(), 'nn-run-mocha-')); });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function runSuite(source: string): { status: number | null; output: string } {
    writeFileSync(join(folder, 'fixture.test.js'), source);
    const result = spawnSync(process.execPath, [join('scripts', 'run-mocha.mjs'), 'fixture', folder], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  it('counts a skipped test as a failure and exits non-zero', () => {
    const { status, output } = runSuite(
      "describe('fixture', () => {\n  it('runs', () => {});\n  it.skip('is skipped', () => {});\n  it('has no body yet');\n});\n",
    );
    assert.match(output, /^fixture: 1 passed, 2 failed$/m, output);
    assert.match(output, /2 pending test\(s\) counted as failures/, output);
    assert.equal(status, 1);
  });

  it('passes a suite whose tests all ran and passed', () => {
    const { status, output } = runSuite("describe('fixture', () => {\n  it('runs', () => {});\n});\n");
    assert.match(output, /^fixture: 1 passed, 0 failed$/m, output);
    assert.equal(status, 0);
  });
});
