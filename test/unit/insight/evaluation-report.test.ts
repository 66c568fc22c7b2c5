import * as assert from 'node:assert/strict';
import { classificationMetrics, regressionMetrics } from '../../../src/insight/evaluation-metrics';
import { evaluationHeadline, evaluationMarkdown } from '../../../src/insight/evaluation-report';
import type { EvaluationReport } from '../../../src/shared/evaluation';

const CLASSIFIER: EvaluationReport = {
  dataSource: './data/x.csv',
  rows: 'validation',
  rowCount: 8,
  split: { seed: 7, validationSplit: 0.2, shuffle: true, rows: 40 },
  loss: 0.123456,
  // the hand-worked matrix of evaluation-metrics.test.ts: class c is never predicted
  metrics: classificationMetrics({ classNames: ['a', 'b', 'c'], counts: [[3, 1, 0], [0, 2, 0], [1, 1, 0]], split: 'validation' }),
};

describe('evaluation report', () => {
  it('formats a classifier: which rows, accuracy, the per-class table with macro averages, and the confusion matrix', () => {
    assert.equal(evaluationMarkdown(CLASSIFIER, 'm.nnjson'), `# Evaluation of m.nnjson

Data: the validation rows of \`./data/x.csv\`: the 8 of 40 rows the latest training run held out (seed 7, validation split 0.2).

- Accuracy: **62.50%** (5 of 8 rows right)

## Per class

| Class         | Precision | Recall |    F1 | Support |
|---------------|----------:|-------:|------:|--------:|
| a             |     0.750 |  0.750 | 0.750 |       4 |
| b             |     0.500 |  1.000 | 0.667 |       2 |
| c             |     0.000 |  0.000 | 0.000 |       2 |
| macro average |     0.417 |  0.583 | 0.472 |       8 |

Precision is defined as 0 for a class that is never predicted, recall as 0 for a class with no rows, and F1 as 0 when both are 0. The macro average is the plain mean over the classes; support counts the rows of each class. Never predicted here: c.

## Confusion matrix

Rows: actual class; columns: predicted class.

| actual \\ predicted |   a |   b |   c |
|--------------------|----:|----:|----:|
| a                  |   3 |   1 |   0 |
| b                  |   0 |   2 |   0 |
| c                  |   1 |   1 |   0 |

Loss (CrossEntropy, as training computes it): 0.1235
`);
    assert.equal(evaluationHeadline(CLASSIFIER, 'm.nnjson'), 'm.nnjson on the validation rows of ./data/x.csv (8 rows): accuracy 62.50%, macro F1 0.472');
  });

  it('formats regression per target and overall, in the targets\' units, and escapes table cells', () => {
    const report: EvaluationReport = {
      dataSource: 'test.csv',
      rows: 'all',
      rowCount: 4,
      loss: 0.0312,
      metrics: regressionMetrics([1, 10, 2, 10, 3, 10, 5, 10], [1, 10, 2, 10, 3, 10, 4, 10], 4, ['y', 'a|b']),
    };
    const text = evaluationMarkdown(report, 's.nnjson');
    assert.match(text, /^Data: `test\.csv`, all 4 rows\.$/m);
    assert.match(text, /^\| y +\| +0\.25 \| +0\.5 \| 0\.8000 \|$/m);
    assert.match(text, /^\| a\\\|b +\| +0 \| +0 \| 1\.0000 \|$/m, 'a | in a name does not break the table');
    assert.match(text, /^\| overall +\| 0\.125 \| 0\.3536 \| 0\.9000 \|$/m);
    assert.match(text, /in each target's own units/);
    assert.equal(evaluationHeadline(report, 's.nnjson'), 's.nnjson on test.csv (4 rows): MAE 0.125, RMSE 0.3536, R² 0.9000');
    const single = evaluationMarkdown({ ...report, metrics: regressionMetrics([1, 2, 3, 5], [1, 2, 3, 4], 4, ['y']) }, 's.nnjson');
    assert.match(single, /^- MAE \*\*0\.25\*\*, RMSE \*\*0\.5\*\*, R² \*\*0\.8000\*\*$/m);
    assert.doesNotMatch(single, /overall/, 'no overall row for one target');
  });
});
