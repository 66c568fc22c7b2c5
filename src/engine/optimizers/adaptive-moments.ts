import { kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { checkPairs, fraction, option, ParameterState, positive, type Optimizer } from './optimizer';

export interface AdamOptions { lr?: number; beta1?: number; beta2?: number; eps?: number }

/**
 * The shared machinery of Adam and Nadam (the seed's rules, t counting updates from 1):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; mhat = m / (1-b1^t); vhat = v / (1-b2^t); then
 * Adam:  w -= lr * mhat / (sqrt(vhat) + eps)
 * Nadam: w -= lr * (b1 * mhat + (1-b1) * g / (1-b1^t)) / (sqrt(vhat) + eps)
 */
export abstract class AdaptiveMoments implements Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private steps = 0;
  private readonly moments = new ParameterState(2);

  protected constructor(
    readonly type: 'Adam' | 'Nadam',
    defaults: Required<AdamOptions>,
    options: AdamOptions,
    private readonly nesterov: boolean,
  ) {
    this.lr = option(type, 'lr', options.lr, defaults.lr, positive, 'a positive number');
    this.beta1 = option(type, 'beta1', options.beta1, defaults.beta1, fraction, 'in [0, 1)');
    this.beta2 = option(type, 'beta2', options.beta2, defaults.beta2, fraction, 'in [0, 1)');
    this.eps = option(type, 'eps', options.eps, defaults.eps, positive, 'a positive number');
  }

  get t(): number {
    return this.steps;
  }

  step(params: Tensor[], grads: Tensor[]): void {
    checkPairs(this.type, params, grads);
    this.steps++;
    const k = kernels();
    for (let i = 0; i < params.length; i++) {
      const [m, v] = this.moments.of(params[i]);
      k.adamUpdate(
        params[i].data, grads[i].data, m, v, params[i].size,
        this.lr, this.beta1, this.beta2, this.eps, this.steps, this.nesterov,
      );
    }
  }
}
