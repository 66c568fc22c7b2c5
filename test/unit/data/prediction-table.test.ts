import * as assert from 'node:assert/strict';
import type { Dataset } from '../../../src/data/dataset';
import { float32Text, predictionCsvLines, predictionTable } from '../../../src/data/prediction-table';

/** Two rows of (size, colour one-hot red/blue), classes small/large. */
const CLASSES: Dataset = {
  task: 'classification', rows: 2, cols: 3,
  x: Float32Array.from([1.1, 1, 0, 250000.5, 0, 1]),
  y: Float32Array.from([0, 1]), targetCols: 1,
  featureNames: ['size', 'colour=red', 'colour=blue'], targetNames: ['kind'], classNames: ['small', 'large, or more'],
};

describe('predictions table', () => {
  it('has a 1-based row number, the class and one probability column per class, named by class', () => {
    const table = predictionTable({ raw: CLASSES, outputs: Float32Array.from([0.9, 0.1, 0.25, 0.75]), outputCols: 2 });
    assert.deepEqual(table.header, ['row', 'predicted_kind', 'probability_small', 'probability_large, or more']);
    assert.deepEqual(table.rows.map((row) => row.slice(0, 2)), [[1, 'small'], [2, 'large, or more']]);
    assert.deepEqual(predictionCsvLines(table), [
      'row,predicted_kind,probability_small,"probability_large, or more"',
      '1,small,0.9,0.1',
      '2,"large, or more",0.25,0.75',
    ]);
  });

  it('copies the input columns as the file gave them when asked: numbers as read, text from its one-hot columns', () => {
    const table = predictionTable({
      raw: CLASSES, outputs: Float32Array.from([0.9, 0.1, 0.25, 0.75]), outputCols: 2,
      inputs: { featureColumns: ['size', 'colour'], categories: { colour: ['red', 'blue'] } },
    });
    assert.deepEqual(table.header.slice(0, 3), ['row', 'size', 'colour']);
    assert.deepEqual(table.rows.map((row) => row.slice(0, 3)), [[1, '1.1', 'red'], [2, '250000.5', 'blue']]);
  });

  it('writes one predicted column per target for regression, and no probabilities', () => {
    const raw: Dataset = {
      task: 'regression', rows: 3, cols: 1, x: Float32Array.from([1, 2, 3]), y: new Float32Array(0), targetCols: 0,
      featureNames: ['x'], targetNames: ['price', 'rent'],
    };
    const table = predictionTable({ raw, outputs: Float32Array.from([10, 1, 20, 2, 30, 3]), outputCols: 2, inputs: { featureColumns: ['x'], categories: {} } });
    assert.deepEqual(table.header, ['row', 'x', 'predicted_price', 'predicted_rent']);
    assert.deepEqual(table.rows, [[1, '1', 10, 1], [2, '2', 20, 2], [3, '3', 30, 3]]);
  });

  it('prints a float32 as the shortest decimal that reads back as it', () => {
    assert.equal(float32Text(Math.fround(5.1)), '5.1');
    assert.equal(float32Text(Math.fround(0.1 + 0.2)), '0.3');
    assert.equal(float32Text(Math.fround(123456.78)), '123456.78');
    assert.equal(float32Text(Math.fround(1e-7)), '1e-7');
    assert.equal(float32Text(-3), '-3');
  });
});
