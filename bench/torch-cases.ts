/**
 * PyTorch CPU on one thread as a native reference row (bench/reference/torch_bench.py), run from the project's
 * Python environment (.venv, made by scripts/python-env.sh). Without it the row says so and the bench goes on.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { BenchCase } from './bench-case';

const PYTHON = join('.venv', 'bin', 'python');
const SCRIPT = join('bench', 'reference', 'torch_bench.py');

/**
 * What the script is asked to run: its command-line words (by default the bench name, a network it trains), and
 * how its answer in samples/s becomes the row's unit (`perSample` units per sample).
 */
export interface TorchRequest {
  request: string[];
  unit: string;
  perSample: number;
}

export function torchCase(bench: string, { request, unit, perSample }: TorchRequest = { request: [bench], unit: 'samples/s', perSample: 1 }): BenchCase {
  let child: ChildProcessWithoutNullStreams | undefined;
  let lines: Interface | undefined;
  let errors = '';
  const nextLine = (): Promise<Record<string, number | boolean>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`torch_bench.py exited (code ${code}): ${errors.trim().split('\n').pop() ?? ''}`));
      child?.once('exit', onExit);
      lines?.once('line', (line) => {
        child?.off('exit', onExit);
        resolve(JSON.parse(line));
      });
    });
  return {
    bench,
    impl: 'pytorch-cpu-1t',
    unit,
    async setUp() {
      if (!existsSync(PYTHON)) throw new Error(`no ${PYTHON}: run \`bash scripts/python-env.sh\` for the PyTorch rows`);
      child = spawn(PYTHON, [SCRIPT, ...request], { stdio: ['pipe', 'pipe', 'pipe'] });
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      lines = createInterface({ input: child.stdout });
      await nextLine();
    },
    async measure(seconds: number) {
      child?.stdin.write(`${JSON.stringify({ seconds })}\n`);
      return Number((await nextLine()).value) * perSample;
    },
    async tearDown() {
      child?.stdin.end();
      lines?.close();
    },
  };
}
