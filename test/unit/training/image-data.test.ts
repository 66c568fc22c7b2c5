import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateBuiltin } from '../../../src/data/builtin';
import { classCounts } from '../../../src/data/dataset';
import { DataError } from '../../../src/data/errors';
import { dataChanges, dataFactsOf, dataFitProblems } from '../../../src/model/data-fit';
import { applyTextEdits, editsForChanges } from '../../../src/model/edit';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { DataFactsState } from '../../../src/shared/data-facts';
import type { InputSpec, NnJsonModel } from '../../../src/shared/nnjson';
import { DataFactsReader } from '../../../src/training/data-facts';
import { loadEncodedData } from '../../../src/training/load-data';
import { checkWidths, inputTensor } from '../../../src/training/model-data';

const examples = resolve('examples');
const DIGITS = { source: './data/digits.csv', target: 'digit' };

/** An image model of `input` on `data` (its layers keep the shape: the conv layers come from another branch). */
function imageModel(input: InputSpec, data: NnJsonModel['data'] = DIGITS): { model: NnJsonModel; text: string } {
  const model: NnJsonModel = {
    format: 'nnjson', version: 1, input,
    layers: [{ type: 'ReLU', id: 'relu1' }],
    loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam' }, data,
  };
  const text = writeModel(model);
  return { model: readModel(text).model!, text };
}

/** The model's text after the fix of its first data problem, and that it leaves no input problem. */
function afterFix(text: string, model: NnJsonModel, state: DataFactsState): NnJsonModel {
  const [problem] = dataFitProblems(model, state);
  const after = readModel(applyTextEdits(text, editsForChanges(text, problem.data!.fixes![0].changes!)));
  assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(after.model);
  assert.equal(dataFitProblems(after.model, state).filter((p) => p.code === 'data-input-width').length, 0);
  return after.model;
}

describe('a CSV of pixel columns as images', () => {
  it('fills input.shape [1, 8, 8] with the digits CSV\'s 64 columns, rows unchanged and in order', async () => {
    const { model } = imageModel({ shape: [1, 8, 8] });
    const encoded = await loadEncodedData(model.data!, 'classification', { modelDir: examples });
    const { dataset } = encoded;
    checkWidths(model, dataset, DIGITS.source);
    const lines = readFileSync(resolve(examples, DIGITS.source), 'utf8').trim().split('\n').slice(1);
    assert.equal(dataset.rows, lines.length);
    assert.equal(dataset.cols, 64);
    const x = inputTensor(dataset);
    assert.deepEqual([x.rows, x.cols], [lines.length, 64]);
    for (const row of [0, 1, 500, lines.length - 1]) {
      const pixels = lines[row].split(',').slice(0, 64).map(Number);
      assert.deepEqual([...x.data.subarray(row * 64, (row + 1) * 64)], pixels, `row ${row}`);
    }
  });

  it('refuses a shape that does not hold the columns, naming the file and the shape that does', async () => {
    const { model, text } = imageModel({ shape: [1, 7, 7] });
    const encoded = await loadEncodedData(model.data!, 'classification', { modelDir: examples });
    assert.throws(() => checkWidths(model, encoded.dataset, DIGITS.source), (error: unknown) => error instanceof DataError &&
      error.message === 'input.shape is [1, 7, 7] (49 values) but digits.csv gives 64 input columns: set input.shape to [1, 8, 8], or choose data.features');
    const state = await new DataFactsReader().read(model.data, 'classification', { modelDir: examples });
    const [problem] = dataFitProblems(model, state);
    assert.equal(problem.code, 'data-input-width');
    assert.deepEqual(problem.segments, ['input', 'shape']);
    assert.deepEqual(afterFix(text, model, state).input, { shape: [1, 8, 8] });
  });

  it('asks for flat features when no square of the channels holds the columns', async () => {
    const { model, text } = imageModel({ shape: [1, 8, 8] }, { ...DIGITS, features: ['p0', 'p1', 'p2'] });
    const state = await new DataFactsReader().read(model.data, 'classification', { modelDir: examples });
    assert.match(dataFitProblems(model, state)[0].message, /^input\.shape is \[1, 8, 8\] \(64 values\) but digits\.csv gives 3 input columns \(p0, p1, p2\): set input\.size to 3/);
    assert.deepEqual(afterFix(text, model, state).input, { size: 3 });
  });

  it('keeps a flat input.size of 64 fitting the same CSV, as before', async () => {
    const { model } = imageModel({ size: 64 });
    const state = await new DataFactsReader().read(model.data, 'classification', { modelDir: examples });
    assert.equal(dataFitProblems(model, state).filter((p) => p.code === 'data-input-width').length, 0);
  });
});

describe('builtin:shapes', () => {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  it('is the same for the same seed and differs for another', () => {
    const a = generateBuiltin('shapes', { samples: 40, seed: 3 });
    const b = generateBuiltin('shapes', { samples: 40, seed: 3 });
    const c = generateBuiltin('shapes', { samples: 40, seed: 4 });
    assert.deepEqual(a.x, b.x);
    assert.deepEqual(a.y, b.y);
    assert.notDeepEqual(a.x, c.x);
  });

  it('gives 1×16×16 pictures in [0, 1], as many of each of the four classes', () => {
    const set = generateBuiltin('shapes');
    assert.deepEqual(set.imageShape, [1, 16, 16]);
    assert.equal(set.cols, 256);
    assert.equal(set.rows, 800);
    assert.deepEqual(set.classNames, ['circle', 'square', 'triangle', 'cross']);
    assert.deepEqual(classCounts(set), [200, 200, 200, 200]);
    assert.ok(set.x.every((value) => value >= 0 && value <= 1));
    assert.ok(mean([...set.x]) > 0.1 && mean([...set.x]) < 0.6, 'figures on a dark ground');
  });

  it('draws pictures that differ by class: the class means lie apart and the nearest one finds the class of a new picture far more often than chance', () => {
    const train = generateBuiltin('shapes', { samples: 800, seed: 1, noise: 0 });
    const means = Array.from({ length: 4 }, () => new Float64Array(256));
    const counts = classCounts(train);
    for (let r = 0; r < train.rows; r++) for (let i = 0; i < 256; i++) means[train.y[r]][i] += train.x[r * 256 + i] / counts[train.y[r]];
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        const distance = Math.sqrt(means[a].reduce((sum, value, i) => sum + (value - means[b][i]) ** 2, 0));
        assert.ok(distance > 1, `class means ${a} and ${b} differ (distance ${distance.toFixed(2)})`);
      }
    }
    // positions and sizes vary, so the means are blurred; chance is a quarter
    const test = generateBuiltin('shapes', { samples: 400, seed: 2 });
    let right = 0;
    for (let r = 0; r < test.rows; r++) {
      const distances = means.map((m) => m.reduce((sum, value, i) => sum + (value - test.x[r * 256 + i]) ** 2, 0));
      if (distances.indexOf(Math.min(...distances)) === test.y[r]) right++;
    }
    assert.ok(right / test.rows > 0.4, `nearest class mean: ${right} of ${test.rows} right`);
  });

  it('refuses another number of classes, naming the fix', () => {
    assert.throws(() => generateBuiltin('shapes', { classes: 3 }), /data\.classes is 3 but builtin:shapes always has 4 classes: remove data\.classes/);
  });

  it('gives its shape to the data facts, so choosing it sets input.shape (and drops input.size)', async () => {
    const { model, text } = imageModel({ size: 2 }, undefined);
    const data = { source: 'builtin:shapes' };
    const state = await new DataFactsReader().read(data, 'classification', { modelDir: examples });
    assert.equal(state.status, 'ready');
    if (state.status !== 'ready') return;
    assert.deepEqual(state.facts.imageShape, [1, 16, 16]);
    assert.deepEqual(state.facts.classNames, ['circle', 'square', 'triangle', 'cross']);
    const after = readModel(applyTextEdits(text, editsForChanges(text, dataChanges(model, data, state)))).model!;
    assert.deepEqual(after.input, { shape: [1, 16, 16] });
    assert.deepEqual(after.data, data);
    // a flat MLP of 256 inputs on the same pictures also fits; a wrong image shape does not
    assert.equal(dataFitProblems(imageModel({ size: 256 }, data).model, state).filter((p) => p.code === 'data-input-width').length, 0);
    const wrong = imageModel({ shape: [1, 8, 32] }, data);
    const [problem] = dataFitProblems(wrong.model, state);
    assert.equal(problem.message, 'input.shape is [1, 8, 32] (256 values) but builtin:shapes gives 1×16×16 images (256 values each): set input.shape to [1, 16, 16]');
    assert.deepEqual(afterFix(wrong.text, wrong.model, state).input, { shape: [1, 16, 16] });
    assert.deepEqual(dataFactsOf(await loadEncodedData(data, 'classification', { modelDir: examples }), data.source).imageShape, [1, 16, 16]);
  });
});
