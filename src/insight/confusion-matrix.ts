/** Counts of actual versus predicted class over some rows. Pure. */
import type { ConfusionMatrix } from '../shared/training-events';

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
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[r * classes + c] > probabilities[r * classes + best]) best = c;
    const actual = labels[r];
    if (actual >= 0 && actual < classes) counts[actual][best] += 1;
  }
  return { classNames, counts, split };
}
