import * as assert from 'node:assert/strict';
import { csvTableFromText } from '../../../src/data/csv-table';
import {
  applyFitted, csvOptionsFor, encodeTable, fitScaling, prepareForTraining, sortLabels, splitRows, unscaleTargets,
} from '../../../src/data/preprocess';
import type { DataSpec } from '../../../src/shared/nnjson';

function close(actual: number, expected: number, tolerance = 1e-5): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not close to ${expected}`);
}

describe('preprocessing', () => {
  const text = 'size,colour,label\n1,red,b\n2,green,a\n3,red,b\n4,blue,a\n5,green,c\n6,red,c\n7,blue,a\n8,red,b\n9,green,c\n10,blue,a\n';

  it('one-hot encodes text feature columns and sorts class labels', () => {
    const spec: DataSpec = { source: 'x.csv', target: 'label' };
    const table = csvTableFromText(text, 'x.csv', csvOptionsFor(spec, 'classification', true));
    const encoded = encodeTable(table, spec, 'classification');
    assert.deepEqual(encoded.dataset.featureNames, ['size', 'colour=blue', 'colour=green', 'colour=red']);
    assert.deepEqual(encoded.numericInputs, [true, false, false, false]);
    assert.deepEqual(encoded.dataset.classNames, ['a', 'b', 'c']);
    assert.deepEqual(Array.from(encoded.dataset.x.subarray(0, 8)), [1, 0, 0, 1, 2, 0, 1, 0]);
    assert.deepEqual(Array.from(encoded.dataset.y.subarray(0, 3)), [1, 0, 1]);
  });

  it('keeps the order fixed by data.classes and rejects labels outside it with the row', () => {
    const spec: DataSpec = { source: 'x.csv', target: 'label', classes: ['c', 'b', 'a'] };
    const table = csvTableFromText(text, 'x.csv', csvOptionsFor(spec, 'classification', true));
    assert.deepEqual(Array.from(encodeTable(table, spec, 'classification').dataset.y.subarray(0, 2)), [1, 2]);
    const narrow: DataSpec = { source: 'x.csv', target: 'label', classes: ['a', 'b'] };
    assert.throws(() => encodeTable(table, narrow, 'classification'), /x\.csv: row 6, column "label": class "c" is not in data\.classes/);
  });

  it('sorts numeric labels by value', () => {
    assert.deepEqual(sortLabels(['10', '2', '1']), ['1', '2', '10']);
    assert.deepEqual(sortLabels(['b', 'a', '10']), ['10', 'a', 'b']);
  });

  it('fits standard and minmax scaling', () => {
    const values = new Float32Array([1, 10, 3, 10, 5, 10]);
    const standard = fitScaling(values, 3, 2, 'standard');
    close(standard.offset[0], 3);
    close(standard.scale[0], Math.sqrt(8 / 3));
    assert.equal(standard.scale[1], 1, 'a constant column keeps scale 1');
    const minmax = fitScaling(values, 3, 2, 'minmax');
    assert.deepEqual(minmax, { offset: [1, 10], scale: [4, 1] });
    assert.deepEqual(fitScaling(values, 3, 2, 'none'), { offset: [0, 0], scale: [1, 1] });
  });

  it('splits in the rows\' order without shuffling, holding out the last rows; with shuffling, in a seeded order', () => {
    const inOrder = splitRows(10, { validationSplit: 0.3, seed: 4, shuffle: false });
    assert.deepEqual([Array.from(inOrder.train), Array.from(inOrder.validation)], [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9]]);
    assert.deepEqual(Array.from(splitRows(5, { validationSplit: 0, seed: 4, shuffle: false }).train), [0, 1, 2, 3, 4], 'no split: every row, in order');
    const shuffled = splitRows(10, { validationSplit: 0.3, seed: 4, shuffle: true });
    assert.equal(shuffled.validation.length, 3);
    assert.deepEqual([...shuffled.train, ...shuffled.validation].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.notDeepEqual(Array.from(shuffled.train), Array.from(inOrder.train));
    assert.deepEqual(splitRows(10, { validationSplit: 0.3, seed: 4, shuffle: true }), shuffled, 'the same seed, the same rows');
  });

  it('fits normalisation on the training split only and leaves one-hot columns alone', () => {
    const spec: DataSpec = { source: 'x.csv', target: 'label' };
    const table = csvTableFromText(text, 'x.csv', csvOptionsFor(spec, 'classification', true));
    const encoded = encodeTable(table, spec, 'classification');
    const prepared = prepareForTraining(encoded, { validationSplit: 0.3, seed: 3, shuffle: true, normalize: 'standard', normalizeTarget: 'none' });
    assert.equal(prepared.train.rows, 7);
    assert.equal(prepared.validation?.rows, 3);
    // Recover the raw training sizes: x * scale + offset. Their mean must be the fitted offset.
    const { featureOffset, featureScale } = prepared.fitted;
    assert.ok(featureOffset && featureScale);
    let sum = 0;
    let trainMean = 0;
    for (let r = 0; r < 7; r++) {
      sum += prepared.train.x[r * 4];
      trainMean += prepared.train.x[r * 4] * featureScale[0] + featureOffset[0];
    }
    close(sum / 7, 0, 1e-5);
    trainMean /= 7;
    close(featureOffset[0], trainMean, 1e-4);
    assert.notEqual(featureOffset[0], 5.5, 'the mean of all ten rows would be 5.5');
    assert.deepEqual(featureOffset.slice(1), [0, 0, 0]);
    assert.deepEqual(featureScale.slice(1), [1, 1, 1]);
    assert.deepEqual(prepared.fitted.categories, { colour: ['blue', 'green', 'red'] });
    assert.deepEqual(prepared.fitted.featureColumns, ['size', 'colour']);
  });

  it('round-trips normalised regression targets back to their units', () => {
    const spec: DataSpec = { source: 'r.csv', target: ['y1', 'y2'], normalizeTarget: 'minmax' };
    const csv = 'x,y1,y2\n1,100,-1\n2,200,-2\n3,300,-3\n4,400,-4\n';
    const table = csvTableFromText(csv, 'r.csv', csvOptionsFor(spec, 'regression', true));
    const encoded = encodeTable(table, spec, 'regression');
    const prepared = prepareForTraining(encoded, { validationSplit: 0, seed: 1, shuffle: true, normalize: 'none', normalizeTarget: 'minmax' });
    for (const v of prepared.train.y) assert.ok(v >= 0 && v <= 1);
    const back = prepared.train.y.slice();
    unscaleTargets(back, 2, prepared.fitted);
    const original = new Map<number, number>([[100, -1], [200, -2], [300, -3], [400, -4]]);
    for (let r = 0; r < 4; r++) close(back[r * 2 + 1], original.get(Math.round(back[r * 2]))!, 1e-4);
  });

  it('applies stored fitted values to new rows, without targets, and rejects unseen categories', () => {
    const spec: DataSpec = { source: 'x.csv', target: 'label' };
    const table = csvTableFromText(text, 'x.csv', csvOptionsFor(spec, 'classification', true));
    const prepared = prepareForTraining(encodeTable(table, spec, 'classification'), {
      validationSplit: 0.2, seed: 1, shuffle: true, normalize: 'minmax', normalizeTarget: 'none',
    });
    const trained: DataSpec = { ...spec, classes: ['a', 'b', 'c'], fitted: prepared.fitted };
    const fresh = csvTableFromText('colour,size\nred,5\n', 'new.csv', csvOptionsFor(trained, 'classification', false));
    const encoded = encodeTable(fresh, trained, 'classification');
    assert.equal(encoded.hasTargets, false);
    applyFitted(encoded.dataset, prepared.fitted);
    const { featureOffset, featureScale } = prepared.fitted;
    close(encoded.dataset.x[0], (5 - featureOffset![0]) / featureScale![0]);
    assert.deepEqual(Array.from(encoded.dataset.x.subarray(1)), [0, 0, 1]);
    const unseen = csvTableFromText('colour,size\npurple,5\n', 'new.csv', csvOptionsFor(trained, 'classification', false));
    assert.throws(() => encodeTable(unseen, trained, 'classification'), /new\.csv: row 2, column "colour": "purple" was not seen in training/);
  });

  it('requires a target and one label column for CrossEntropy', () => {
    assert.throws(() => csvOptionsFor({ source: 'x.csv' }, 'classification', true), /data\.target is missing/);
    assert.throws(() => csvOptionsFor({ source: 'x.csv', target: ['a', 'b'] }, 'classification', true), /exactly one column/);
  });
});
