/**
 * What Evaluate reports, from the worker or the CLI to whoever shows it (src/insight/evaluation-report.ts formats
 * it). Shared by the training code, the worker, the extension and the CLI: no Node or DOM imports.
 */
import type { RecordedSplit } from './nnjson';
import type { ConfusionMatrix } from './training-events';

/** Scores of one class, treating it as "positive" and every other class as "negative". */
export interface ClassScores {
  name: string;
  /** Of the rows predicted as this class, the share that are; 0 when the class is never predicted. */
  precision: number;
  /** Of the rows of this class, the share predicted as it; 0 when no row is of this class. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  /** Rows whose actual class this is. */
  support: number;
  /** Rows predicted as this class. */
  predicted: number;
}

export interface ClassificationMetrics {
  task: 'classification';
  /** Share of rows whose most probable class is the actual one. */
  accuracy: number;
  classes: ClassScores[];
  /** Unweighted means over every class, including classes absent from the rows. */
  macro: { precision: number; recall: number; f1: number };
  /** counts[actual][predicted]. */
  confusion: ConfusionMatrix;
}

/** Errors of one target column, in that column's own units. */
export interface TargetScores {
  name: string;
  /** Mean absolute error. */
  mae: number;
  /** Root mean squared error. */
  rmse: number;
  /** Coefficient of determination: 1 - residual sum of squares / total sum of squares. */
  r2: number;
}

export interface RegressionMetrics {
  task: 'regression';
  targets: TargetScores[];
  /** Over every target value of every row; `r2` is the mean of the columns' R². */
  overall: { mae: number; rmse: number; mse: number; r2: number };
}

export type EvaluationMetrics = ClassificationMetrics | RegressionMetrics;

/** Which rows of the data were evaluated: every row, or the rows the latest training run held out. */
export type EvaluationRows = 'all' | 'validation';

export interface EvaluationReport {
  /** The data's source as the model names it (`data.source`, `builtin:NAME`) or the path of another file. */
  dataSource: string;
  rows: EvaluationRows;
  /** Rows evaluated. */
  rowCount: number;
  /** The split the rows came from, for `rows: 'validation'`. */
  split?: RecordedSplit;
  /** The training criterion on these rows (for MSE on normalised targets, in the normalised scale). */
  loss: number;
  metrics: EvaluationMetrics;
}
