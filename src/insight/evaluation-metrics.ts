/**
 * The figures of an evaluation, computed once for the extension and the CLI: accuracy, per-class precision,
 * recall, F1 and support with their macro averages (from the confusion matrix), and MAE, RMSE and R² per target
 * column. Pure and browser-safe.
 */
import type { ClassificationMetrics, ClassScores, RegressionMetrics, TargetScores } from '../shared/evaluation';
import type { ConfusionMatrix } from '../shared/training-events';

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/**
 * From counts[actual][predicted]. Precision of a class that is never predicted, and recall of a class no row
 * belongs to, are defined as 0 (as scikit-learn does with zero_division=0); so is F1 when both are 0.
 */
export function classificationMetrics(confusion: ConfusionMatrix): ClassificationMetrics {
  const { counts } = confusion;
  const size = counts.length;
  let total = 0;
  let correct = 0;
  const classes: ClassScores[] = [];
  for (let k = 0; k < size; k++) {
    const truePositives = counts[k][k] ?? 0;
    let support = 0;
    let predicted = 0;
    for (let j = 0; j < size; j++) {
      support += counts[k][j] ?? 0;
      predicted += counts[j][k] ?? 0;
    }
    total += support;
    correct += truePositives;
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    classes.push({ name: confusion.classNames[k] ?? String(k), precision, recall, f1, support, predicted });
  }
  return {
    task: 'classification',
    accuracy: ratio(correct, total),
    classes,
    macro: {
      precision: mean(classes.map((c) => c.precision)),
      recall: mean(classes.map((c) => c.recall)),
      f1: mean(classes.map((c) => c.f1)),
    },
    confusion,
  };
}

/**
 * `predicted` and `actual` are row-major [rows, targetNames.length], in the target's own units. R² of a column
 * whose actual values are all equal is 1 when they are predicted exactly, else 0.
 */
export function regressionMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>, rows: number, targetNames: readonly string[]): RegressionMetrics {
  const cols = targetNames.length;
  const targets: TargetScores[] = [];
  let absoluteSum = 0;
  let squaredSum = 0;
  for (let c = 0; c < cols; c++) {
    let columnMean = 0;
    for (let r = 0; r < rows; r++) columnMean += actual[r * cols + c];
    columnMean = ratio(columnMean, rows);
    let absolute = 0;
    let residual = 0;
    let spread = 0;
    for (let r = 0; r < rows; r++) {
      const a = actual[r * cols + c];
      const error = a - predicted[r * cols + c];
      absolute += Math.abs(error);
      residual += error * error;
      spread += (a - columnMean) ** 2;
    }
    absoluteSum += absolute;
    squaredSum += residual;
    const r2 = spread > 0 ? 1 - residual / spread : residual === 0 ? 1 : 0;
    targets.push({ name: targetNames[c], mae: ratio(absolute, rows), rmse: Math.sqrt(ratio(residual, rows)), r2 });
  }
  const mse = ratio(squaredSum, rows * cols);
  return {
    task: 'regression',
    targets,
    overall: { mae: ratio(absoluteSum, rows * cols), rmse: Math.sqrt(mse), mse, r2: mean(targets.map((t) => t.r2)) },
  };
}
