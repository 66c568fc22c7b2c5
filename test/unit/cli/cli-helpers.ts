/** Runs the BUILT command (dist/cli.js) on temporary copies of files. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Build dist/cli.js when a test run starts without it (`npm test` builds first). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export function spawnCli(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temporary folder holding a copy of examples/ (models and data). */
export function copyOfExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnjson-cli-'));
  cpSync('examples', dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Sets up a suite that runs the built command: a longer timeout (each test spawns node or trains, and the machine
 * may be shared), dist/cli.js built, and a fresh copy of examples/ in `dir`, removed after the suite.
 */
export function withExamplesCopy(suite: Mocha.Suite): { readonly dir: string } {
  suite.timeout(120_000);
  const copy = { dir: '' };
  before(() => {
    ensureBuilt();
    copy.dir = copyOfExamples();
  });
  after(() => removeDir(copy.dir));
  return copy;
}
