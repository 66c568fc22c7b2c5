// Runs every test suite, each in its own process, and ends with one line "N passed, N failed".
// A suite that crashes or prints no count is reported as one failure, never as a pass.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = [
  { name: 'unit', command: ['node', 'scripts/run-mocha.mjs', 'unit', 'out/test/unit'], needs: 'out/test/unit' },
  { name: 'webview', command: ['node', 'scripts/run-mocha.mjs', 'webview', 'out/test/webview', '120000'], needs: 'out/test/webview' },
  { name: 'integration', command: ['node', 'scripts/run-integration.mjs'], needs: 'scripts/run-integration.mjs' },
];

function run(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.command[0], suite.command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const match = [...tail.matchAll(new RegExp(`^${suite.name}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
      if (!match) {
        console.log(`${suite.name}: suite did not report a count (exit ${code}); counted as 1 failure`);
        resolve({ passed: 0, failed: 1 });
        return;
      }
      const passed = Number(match[1]);
      const failed = Number(match[2]) + (code !== 0 && Number(match[2]) === 0 ? 1 : 0);
      resolve({ passed, failed });
    });
  });
}

let passed = 0;
let failed = 0;
for (const suite of suites) {
  if (!existsSync(suite.needs)) {
    console.log(`${suite.name}: missing ${suite.needs}; counted as 1 failure`);
    failed += 1;
    continue;
  }
  console.log(`\n=== ${suite.name} tests ===`);
  const result = await run(suite);
  passed += result.passed;
  failed += result.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
