import * as assert from 'node:assert/strict';
import { classificationMetrics, regressionMetrics } from '../../../src/insight/evaluation-metrics';
import type { ConfusionMatrix } from '../../../src/shared/training-events';

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);
}

/**
 * Worked out by hand. Rows actual, columns predicted:
 *        a  b  c
 *   a    3  1  0   support 4
 *   b    0  2  0   support 2
 *   c    1  1  0   support 2   (c is never predicted)
 * predicted: a 4, b 4, c 0; right: 3 + 2 + 0 = 5 of 8.
 */
const THREE: ConfusionMatrix = { classNames: ['a', 'b', 'c'], counts: [[3, 1, 0], [0, 2, 0], [1, 1, 0]], split: 'evaluation' };

describe('evaluation metrics', () => {
  it('computes accuracy and per-class precision, recall, F1 and support from the confusion matrix', () => {
    const metrics = classificationMetrics(THREE);
    close(metrics.accuracy, 5 / 8, 'accuracy');
    const [a, b, c] = metrics.classes;
    assert.deepEqual([a.name, a.support, a.predicted], ['a', 4, 4]);
    close(a.precision, 3 / 4, 'precision a');
    close(a.recall, 3 / 4, 'recall a');
    close(a.f1, 3 / 4, 'F1 a');
    close(b.precision, 2 / 4, 'precision b');
    close(b.recall, 1, 'recall b');
    close(b.f1, (2 * 0.5 * 1) / 1.5, 'F1 b');
    assert.deepEqual([c.support, c.predicted], [2, 0]);
    assert.equal(c.precision, 0, 'a class never predicted has precision 0 (not NaN)');
    assert.equal(c.recall, 0);
    assert.equal(c.f1, 0, 'F1 is 0 when precision and recall are');
    close(metrics.macro.precision, (0.75 + 0.5 + 0) / 3, 'macro precision');
    close(metrics.macro.recall, (0.75 + 1 + 0) / 3, 'macro recall');
    close(metrics.macro.f1, (0.75 + 2 / 3 + 0) / 3, 'macro F1');
    assert.equal(metrics.confusion, THREE);
  });

  it('gives recall 0 to a class with no rows, and counts it in the macro average', () => {
    const metrics = classificationMetrics({ classNames: ['yes', 'no'], counts: [[2, 0], [0, 0]], split: 'validation' });
    assert.equal(metrics.accuracy, 1);
    assert.deepEqual(metrics.classes.map((c) => [c.precision, c.recall, c.f1, c.support]), [[1, 1, 1, 2], [0, 0, 0, 0]]);
    assert.equal(metrics.macro.f1, 0.5);
  });

  it('is 0, not NaN, on no rows at all', () => {
    const metrics = classificationMetrics({ classNames: ['a', 'b'], counts: [[0, 0], [0, 0]], split: 'evaluation' });
    assert.equal(metrics.accuracy, 0);
    assert.deepEqual(metrics.macro, { precision: 0, recall: 0, f1: 0 });
  });

  it('computes MAE, RMSE and R² per target and overall, in the units given', () => {
    // y: errors 0, 0, 0, 1 -> MAE 1/4, MSE 1/4, RMSE 1/2; mean 2.5, total sum of squares 5 -> R² 1 - 1/5
    // z: constant 10, predicted exactly -> errors 0, R² 1
    const predicted = [1, 10, 2, 10, 3, 10, 5, 10];
    const actual = [1, 10, 2, 10, 3, 10, 4, 10];
    const metrics = regressionMetrics(predicted, actual, 4, ['y', 'z']);
    const [y, z] = metrics.targets;
    assert.equal(y.name, 'y');
    close(y.mae, 0.25, 'MAE y');
    close(y.rmse, 0.5, 'RMSE y');
    close(y.r2, 0.8, 'R² y');
    assert.deepEqual([z.mae, z.rmse, z.r2], [0, 0, 1]);
    close(metrics.overall.mae, 1 / 8, 'overall MAE');
    close(metrics.overall.mse, 1 / 8, 'overall MSE');
    close(metrics.overall.rmse, Math.sqrt(1 / 8), 'overall RMSE');
    close(metrics.overall.r2, 0.9, 'overall R² is the mean of the columns');
  });

  it('gives R² 0 to a constant column that is predicted wrong, and negative R² to worse than the mean', () => {
    assert.equal(regressionMetrics([1, 2], [3, 3], 2, ['t']).targets[0].r2, 0);
    // actual 0, 2 (mean 1, total 2); predicted 2, 0: residual 8 -> R² 1 - 8/2
    assert.equal(regressionMetrics([2, 0], [0, 2], 2, ['t']).targets[0].r2, -3);
  });
});
