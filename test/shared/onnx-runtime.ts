/**
 * Running an exported ONNX model in onnxruntime (onnxruntime-node, CPU) and checking it with the ONNX project's own
 * checker (the `onnx` package of the project's Python environment, scripts/check-onnx.py), for the export tests.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { pythonProgram } from './python-env';

/** onnxruntime's `output` for `rows` samples of `shape` (one sample's dimensions, [features] or [C, H, W]). */
export async function runOnnx(model: Uint8Array, values: Float32Array, rows: number, shape: readonly number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  try {
    const results = await session.run({ input: new ort.Tensor('float32', values, [rows, ...shape]) });
    return results.output.data as Float32Array;
  } finally {
    await session.release();
  }
}

/**
 * The largest difference between onnxruntime's and the engine's outputs, relative to the largest engine output
 * (‖onnx − engine‖∞ / ‖engine‖∞): the measure the export's 1e-5 bound is stated in.
 */
export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assert.equal(actual.length, expected.length, 'onnxruntime gives as many values as the engine');
  let largest = 0;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    largest = Math.max(largest, Math.abs(expected[i]));
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
  }
  assert.ok(Number.isFinite(difference), 'every output is a number');
  return largest === 0 ? difference : difference / largest;
}

export const ONNX_TOLERANCE = 1e-5;

const CHECKER = resolve('scripts/check-onnx.py');

/** onnx.checker.check_model(full_check=True) on each file; fails the test with the checker's words. */
export function checkWithOnnxChecker(files: readonly string[]): void {
  const run = spawnSync(pythonProgram(), [CHECKER, ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, `the ONNX checker refused: ${run.stderr}${run.stdout}`);
}
