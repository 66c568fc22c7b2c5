// Runs one mocha suite in this process and ends with "<suite>: N passed, N failed". A pending (skipped) test
// counts as a failure, as in the integration runner: a test that does not run proves nothing.
// Usage: node scripts/run-mocha.mjs NAME GLOB_DIR [timeoutMs]
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [name, directory, timeout = '60000'] = process.argv.slice(2);

function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...testFiles(path));
    else if (entry.endsWith('.test.js')) files.push(path);
  }
  return files.sort();
}

const mocha = new Mocha({ timeout: Number(timeout), reporter: 'spec' });
for (const file of testFiles(directory)) mocha.addFile(file);
const runner = mocha.run(() => {
  const { passes, failures, pending } = runner.stats;
  if (pending > 0) console.log(`${name}: ${pending} pending test(s) counted as failures`);
  console.log(`${name}: ${passes} passed, ${failures + pending} failed`);
  process.exitCode = failures + pending > 0 ? 1 : 0;
});
