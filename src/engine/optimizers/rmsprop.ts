import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import { kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { checkPairs, fraction, option, ParameterState, positive, type Optimizer } from './optimizer';

export interface RMSPropOptions { lr?: number; beta?: number; eps?: number }

/** s = beta * s + (1 - beta) * g²; w -= lr * g / sqrt(s + eps) */
export class RMSProp implements Optimizer {
  readonly type = 'RMSProp';
  readonly lr: number;
  readonly beta: number;
  readonly eps: number;
  private steps = 0;
  private readonly meanSquare = new ParameterState(1);

  constructor(options: RMSPropOptions = {}) {
    const defaults = OPTIMIZER_DEFAULTS.RMSProp;
    this.lr = option('RMSProp', 'lr', options.lr, defaults.lr, positive, 'a positive number');
    this.beta = option('RMSProp', 'beta', options.beta, defaults.beta, fraction, 'in [0, 1)');
    this.eps = option('RMSProp', 'eps', options.eps, defaults.eps, positive, 'a positive number');
  }

  get t(): number {
    return this.steps;
  }

  step(params: Tensor[], grads: Tensor[]): void {
    checkPairs('RMSProp', params, grads);
    this.steps++;
    const k = kernels();
    for (let i = 0; i < params.length; i++) {
      const [s] = this.meanSquare.of(params[i]);
      k.rmspropUpdate(params[i].data, grads[i].data, s, params[i].size, this.lr, this.beta, this.eps);
    }
  }
}
