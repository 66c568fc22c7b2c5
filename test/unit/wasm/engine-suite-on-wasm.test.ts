import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The engine's own suite (gradient checks of every layer and criterion, optimizer golden values, determinism,
 * XOR and digits learning) run again in a child process with the WebAssembly kernels active, once with one thread
 * and once with two, so both kernel sets pass the same checks within float32 tolerance. With two, every product is
 * split (see use-wasm-kernels.ts) and the run must show that the second thread computed part of them.
 */
const ENGINE_TESTS = join('out', 'test', 'unit', 'engine');
const HOOK = join('out', 'test', 'unit', 'wasm', 'use-wasm-kernels.js');

describe('the engine test suite on the WASM kernels', function () {
  this.timeout(600_000);

  for (const threads of [1, 2]) {
    it(`passes with ${threads === 1 ? 'one thread' : 'two threads'}`, () => {
      assert.ok(existsSync(ENGINE_TESTS), `${ENGINE_TESTS} is missing: compile the tests first (npm run compile-tests)`);
      const result = spawnSync(
        process.execPath,
        ['-r', `./${HOOK}`, join('scripts', 'run-mocha.mjs'), 'engine-on-wasm', ENGINE_TESTS],
        { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, NN_BUILDER_TEST_THREADS: String(threads) } },
      );
      const output = `${result.stdout}\n${result.stderr}`;
      const expectedName = threads === 1 ? 'wasm-simd' : 'wasm-simd-2t';
      assert.match(output, new RegExp(`active kernels: ${expectedName}\\n`), 'the WASM kernels were not active');
      const summary = /engine-on-wasm: (\d+) passed, (\d+) failed/.exec(output);
      assert.ok(summary, `no summary from the engine suite:\n${output.slice(-3000)}`);
      assert.equal(Number(summary[2]), 0, `engine tests failed on the WASM kernels:\n${output.slice(-6000)}`);
      assert.ok(Number(summary[1]) >= 100, `only ${summary[1]} engine tests ran`);
      if (threads === 2) {
        const split = /two threads: (\d+) products split, (\d+) chunks computed by the second thread/.exec(output);
        assert.ok(split, `no two-thread figures from the engine suite:\n${output.slice(-3000)}`);
        assert.ok(Number(split[1]) >= 1000, `only ${split[1]} products were split between the threads`);
        assert.ok(Number(split[2]) > 0, 'the second thread computed nothing');
      }
      assert.equal(result.status, 0);
    });
  }
});
