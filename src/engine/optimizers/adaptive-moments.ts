import type { Kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { fraction, option, ParameterState, positive, RuleOptimizer, type CommonOptions } from './optimizer';

export interface AdamOptions extends CommonOptions { beta1?: number; beta2?: number; eps?: number }

/**
 * The shared machinery of Adam and Nadam (the seed's rules, t counting updates from 1):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; mhat = m / (1-b1^t); vhat = v / (1-b2^t); then
 * Adam:  w -= lr * mhat / (sqrt(vhat) + eps)
 * Nadam: w -= lr * (b1 * mhat + (1-b1) * g / (1-b1^t)) / (sqrt(vhat) + eps)
 * With decoupled weight decay, Adam is AdamW.
 */
export abstract class AdaptiveMoments extends RuleOptimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly moments = new ParameterState(2);

  protected constructor(
    type: 'Adam' | 'Nadam',
    defaults: Required<Omit<AdamOptions, keyof CommonOptions>> & { lr: number },
    options: AdamOptions,
    private readonly nesterov: boolean,
  ) {
    super(type, options, defaults.lr);
    this.beta1 = option(type, 'beta1', options.beta1, defaults.beta1, fraction, 'in [0, 1)');
    this.beta2 = option(type, 'beta2', options.beta2, defaults.beta2, fraction, 'in [0, 1)');
    this.eps = option(type, 'eps', options.eps, defaults.eps, positive, 'a positive number');
  }

  protected update(k: Kernels, param: Tensor, grad: Tensor, t: number): void {
    const [m, v] = this.moments.of(param);
    k.adamUpdate(param.data, grad.data, m, v, param.size, this.lr, this.beta1, this.beta2, this.eps, t, this.nesterov);
  }
}
