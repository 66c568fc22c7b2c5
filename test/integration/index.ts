/**
 * Entry point of the integration suite, loaded by VS Code's extension host (`extensionTestsPath`).
 * The same `run()` serves scripts/run-integration.mjs (code-server + Chromium) and @vscode/test-electron.
 * Results go to the console and, when NN_BUILDER_TEST_RESULTS names a file, to that file as JSON,
 * so the runner can count passes and failures without parsing the log.
 */
import Mocha from 'mocha';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IntegrationResults {
  passes: number;
  failures: number;
  pending: number;
  failedTitles: string[];
}

function testFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...testFiles(path));
    else if (entry.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

/**
 * Tests whose title contains @untrusted run only in the runner's untrusted session (VS Code in restricted mode),
 * all others only in the trusted one. NN_BUILDER_TEST_GREP narrows either further.
 */
function sessionGrep(): RegExp {
  const untrusted = process.env.NN_BUILDER_TEST_SESSION === 'untrusted';
  const user = process.env.NN_BUILDER_TEST_GREP ? `(?=.*(?:${process.env.NN_BUILDER_TEST_GREP}))` : '';
  return new RegExp(`^${untrusted ? '(?=.*@untrusted)' : '(?!.*@untrusted)'}${user}`);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 180_000, grep: sessionGrep() });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  const results = await new Promise<IntegrationResults>((resolve) => {
    const failedTitles: string[] = [];
    const runner = mocha.run(() => {
      const stats = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
      resolve({ passes: stats.passes, failures: stats.failures, pending: stats.pending, failedTitles });
    });
    runner.on('fail', (test) => failedTitles.push(test.fullTitle()));
  });

  console.log(`integration (in extension host): ${results.passes} passed, ${results.failures} failed, ${results.pending} pending`);
  const resultsFile = process.env.NN_BUILDER_TEST_RESULTS;
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results));
  if (results.failures > 0) throw new Error(`${results.failures} integration test(s) failed: ${results.failedTitles.join('; ')}`);
}
