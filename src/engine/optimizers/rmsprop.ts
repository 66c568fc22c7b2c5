import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import type { Kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { fraction, option, ParameterState, positive, RuleOptimizer, type CommonOptions } from './optimizer';

export interface RMSPropOptions extends CommonOptions { beta?: number; eps?: number }

/** s = beta * s + (1 - beta) * g²; w -= lr * g / sqrt(s + eps) */
export class RMSProp extends RuleOptimizer {
  readonly beta: number;
  readonly eps: number;
  private readonly meanSquare = new ParameterState(1);

  constructor(options: RMSPropOptions = {}) {
    const defaults = OPTIMIZER_DEFAULTS.RMSProp;
    super('RMSProp', options, defaults.lr);
    this.beta = option('RMSProp', 'beta', options.beta, defaults.beta, fraction, 'in [0, 1)');
    this.eps = option('RMSProp', 'eps', options.eps, defaults.eps, positive, 'a positive number');
  }

  protected update(k: Kernels, param: Tensor, grad: Tensor): void {
    const [s] = this.meanSquare.of(param);
    k.rmspropUpdate(param.data, grad.data, s, param.size, this.lr, this.beta, this.eps);
  }
}
