/** The project's Python environment (.venv, made by scripts/python-env.sh), for the tests that run Python. */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository, from this file compiled into out/test/shared/ (the integration tests run elsewhere). */
export const REPOSITORY = resolve(__dirname, '../../..');
export const PYTHON = resolve(REPOSITORY, '.venv/bin/python');
export const TORCHRUN = resolve(REPOSITORY, '.venv/bin/torchrun');

/** `program` of the environment, or a failure that says how to make the environment. */
export function pythonProgram(program = PYTHON): string {
  assert.ok(existsSync(program), `${program} is missing: make the project's Python environment with bash scripts/python-env.sh`);
  return program;
}
