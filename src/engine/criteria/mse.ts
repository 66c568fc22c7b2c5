import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';
import { checkSameShape, type Criterion } from './criterion';

/** Sum over features of the squared error, averaged over the batch. */
export class MSE implements Criterion {
  readonly type = 'MSE';
  private readonly gradients = new TensorPool();

  forward(input: Tensor, target: Tensor): number {
    checkSameShape(input, target, 'MSE');
    const x = input.data;
    const t = target.data;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      const d = x[i] - t[i];
      sum += d * d;
    }
    return sum / input.rows;
  }

  backward(input: Tensor, target: Tensor): Tensor {
    checkSameShape(input, target, 'MSE');
    const gradient = this.gradients.get(input.rows, input.cols);
    const scale = 2 / input.rows;
    const x = input.data;
    const t = target.data;
    const g = gradient.data;
    for (let i = 0; i < x.length; i++) g[i] = scale * (x[i] - t[i]);
    return gradient;
  }
}
