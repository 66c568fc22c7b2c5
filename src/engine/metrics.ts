import type { Tensor } from './tensor';

/**
 * How many rows of `output` pick the target's class: the arg-max of the row for several columns, or the side
 * of 0.5 for a single column (a sigmoid output against 0/1 targets).
 */
export function countCorrect(output: Tensor, target: Tensor): number {
  const n = output.cols;
  const out = output.data;
  const t = target.data;
  let correct = 0;
  if (n === 1) {
    for (let r = 0; r < output.rows; r++) if (out[r] > 0.5 === t[r] > 0.5) correct++;
    return correct;
  }
  for (let r = 0; r < output.rows; r++) {
    const base = r * n;
    let predicted = 0;
    let actual = 0;
    for (let c = 1; c < n; c++) {
      if (out[base + c] > out[base + predicted]) predicted = c;
      if (t[base + c] > t[base + actual]) actual = c;
    }
    if (predicted === actual) correct++;
  }
  return correct;
}
