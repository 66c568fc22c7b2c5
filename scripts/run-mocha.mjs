// Runs one mocha suite in this process and ends with "<suite>: N passed, N failed".
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
  if (pending > 0) console.log(`${name}: ${pending} pending test(s) are not counted as passing`);
  console.log(`${name}: ${passes} passed, ${failures} failed`);
  process.exitCode = failures > 0 ? 1 : 0;
});
