import type { Tensor } from '../tensor';

/**
 * A loss: `forward` returns the scalar loss of a batch (averaged over its rows), `backward` its gradient with
 * respect to `input` (a buffer reused by the next call with the same shape).
 */
export interface Criterion {
  readonly type: 'MSE' | 'CrossEntropy';
  forward(input: Tensor, target: Tensor): number;
  backward(input: Tensor, target: Tensor): Tensor;
}

export function checkSameShape(input: Tensor, target: Tensor, type: string): void {
  if (input.rows !== target.rows || input.cols !== target.cols) {
    throw new RangeError(
      `${type}: the network output has shape [${input.rows}, ${input.cols}] but the target has ` +
        `[${target.rows}, ${target.cols}]: make the last layer's width equal the number of target columns ` +
        '(for CrossEntropy, the number of classes).',
    );
  }
}
