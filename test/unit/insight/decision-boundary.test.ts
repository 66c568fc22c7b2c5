import * as assert from 'node:assert/strict';
import { decisionBoundary, planeRange, samplePoints, type PlaneData } from '../../../src/insight/decision-boundary';
import { confusionMatrix } from '../../../src/insight/confusion-matrix';

function plane(points: [number, number, number][]): PlaneData {
  return {
    featureNames: ['a', 'b'],
    classNames: ['left', 'right'],
    x: Float32Array.from(points.flatMap(([x, y]) => [x, y])),
    label: Float32Array.from(points.map(([, , label]) => label)),
    rows: points.length,
  };
}

describe('decision boundary', () => {
  it('covers the data with a 10% margin', () => {
    assert.deepEqual(planeRange(plane([[0, 10, 0], [10, 20, 1]])), { xMin: -1, xMax: 11, yMin: 9, yMax: 21 });
    assert.deepEqual(planeRange(plane([[2, 3, 0]])), { xMin: 1, xMax: 3, yMin: 2, yMax: 4 });
  });

  it('evaluates the network on every cell, row by row, in normalised inputs, and lays out probabilities per class', () => {
    const seen: number[][] = [];
    // "right" when the normalised first input is positive
    const boundary = decisionBoundary({ xMin: -2, xMax: 2, yMin: 0, yMax: 10 }, 3, { offset: [0, 5], scale: [2, 5] }, ['a', 'b'], ['left', 'right'], (inputs, rows) => {
      const out = new Float32Array(rows * 2);
      for (let r = 0; r < rows; r++) {
        seen.push([inputs[2 * r], inputs[2 * r + 1]]);
        out[2 * r + 1] = inputs[2 * r] > 0 ? 1 : 0;
        out[2 * r] = 1 - out[2 * r + 1];
      }
      return out;
    });
    assert.equal(boundary.resolution, 3);
    assert.equal(boundary.probabilities.length, 3 * 3 * 2);
    // first row of cells: y = 0, x = -2, 0, 2 → normalised x = -1, 0, 1 and y = -1
    assert.deepEqual(seen.slice(0, 3), [[-1, -1], [0, -1], [1, -1]]);
    assert.deepEqual(seen[8], [1, 1]);
    // cell (i=2, j=0): class "right"
    assert.equal(boundary.probabilities[(0 * 3 + 2) * 2 + 1], 1);
    assert.equal(boundary.probabilities[(0 * 3 + 0) * 2 + 1], 0);
  });

  it('sends at most the given number of points, spread over the data', () => {
    const many = plane(Array.from({ length: 2500 }, (_, i): [number, number, number] => [i, -i, i % 2]));
    const points = samplePoints(many, 1000);
    assert.ok(points.x.length <= 1000 && points.x.length >= 800);
    assert.equal(points.x[1], 3);
    assert.equal(points.y[1], -3);
    assert.deepEqual(points.classNames, ['left', 'right']);
  });
});

describe('confusion matrix', () => {
  it('counts actual (rows) against the most probable class (columns)', () => {
    const probabilities = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7]);
    const matrix = confusionMatrix(probabilities, [0, 1, 1, 1], ['no', 'yes'], 'validation');
    assert.deepEqual(matrix.counts, [[1, 0], [1, 2]]);
    assert.equal(matrix.split, 'validation');
  });
});
