/** Counts of actual versus predicted class over some rows. Pure. */
import type { ConfusionMatrix } from '../shared/training-events';

/** The class a row's outputs predict: the highest of its `classes` probabilities (the first of equal ones). */
export function predictedClass(probabilities: Float32Array, row: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (probabilities[row * classes + c] > probabilities[row * classes + best]) best = c;
  return best;
}

/**
 * @param probabilities [rows, classes] row-major network outputs
 * @param labels actual class index per row
 */
export function confusionMatrix(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classNames: string[],
  split: ConfusionMatrix['split'],
): ConfusionMatrix {
  const classes = classNames.length;
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let r = 0; r < labels.length; r++) {
    const actual = labels[r];
    if (actual >= 0 && actual < classes) counts[actual][predictedClass(probabilities, r, classes)] += 1;
  }
  return { classNames, counts, split };
}
