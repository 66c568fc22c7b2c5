/**
 * Running the scripts `nnjson export --to pytorch` writes, with the project's PyTorch (CPU): several jobs in one
 * Python process (scripts/run-exported-pytorch.py, so torch is imported once), and a script under torchrun; and
 * comparing the models their training writes back with NN Builder's.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeFloat32 } from '../../src/model/tensor-codec';
import { readModelOrErrors } from '../../src/model/reader';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { pythonProgram, REPOSITORY, TORCHRUN } from './python-env';

export type ExportedScriptJob =
  | { readonly script: string; readonly argv: readonly string[]; readonly cwd?: string }
  | { readonly script: string; readonly forward: string; readonly output: string }
  | { readonly script: string; readonly rows: string; readonly output: string };

export interface JobResult {
  readonly status: number;
  readonly printed: string;
}

const RUNNER = resolve(REPOSITORY, 'scripts/run-exported-pytorch.py');

export function runExportedScripts(jobs: readonly ExportedScriptJob[]): JobResult[] {
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-pytorch-jobs-'));
  try {
    const list = join(folder, 'jobs.json');
    writeFileSync(list, JSON.stringify(jobs));
    const run = spawnSync(pythonProgram(), [RUNNER, list], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, `the exported scripts could not be run: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as JobResult[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `torchrun --standalone --nproc_per_node=N script argv…` in `cwd`, on CPU (gloo). */
export function torchrun(processes: number, script: string, argv: readonly string[], cwd: string): { status: number | null; output: string } {
  const run = spawnSync(pythonProgram(TORCHRUN), ['--standalone', `--nproc_per_node=${processes}`, script, ...argv], {
    cwd, encoding: 'utf8', env: { ...process.env, CUDA_VISIBLE_DEVICES: '', OMP_NUM_THREADS: '1' }, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** float32 values of a file the runner wrote. */
export function float32File(path: string): Float32Array {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function readModelFile(path: string): NnJsonModel {
  const read = readModelOrErrors(readFileSync(path, 'utf8'));
  assert.ok('model' in read, `${path}: ${JSON.stringify('errors' in read ? read.errors : [])}`);
  return read.model;
}

/** The largest difference between two models' tensors, each by layer and name (`where` names the tensor). */
export function largestDifference(actual: NnJsonModel, expected: NnJsonModel): { largest: number; where: string } {
  let largest = 0;
  let where = '';
  for (const [layer, tensors] of Object.entries(expected.parameters ?? {})) {
    for (const [name, tensor] of Object.entries(tensors)) {
      const other = actual.parameters?.[layer]?.[name];
      assert.ok(other, `${layer}.${name} is written back`);
      assert.deepEqual(other.shape, tensor.shape, `${layer}.${name} keeps the file's shape`);
      const a = decodeFloat32(other.data!);
      const b = decodeFloat32(tensor.data!);
      assert.ok('values' in a && 'values' in b);
      b.values.forEach((value, i) => {
        if (Math.abs(a.values[i] - value) > largest) [largest, where] = [Math.abs(a.values[i] - value), `${layer}.${name}[${i}]`];
      });
    }
  }
  return { largest, where };
}
