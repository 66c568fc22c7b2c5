import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import type { Kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { fraction, option, ParameterState, RuleOptimizer, type CommonOptions } from './optimizer';

export interface MomentumOptions extends CommonOptions { momentum?: number }

/** u = momentum * u + lr * g; w -= u */
export class Momentum extends RuleOptimizer {
  readonly momentum: number;
  private readonly velocity = new ParameterState(1);

  constructor(options: MomentumOptions = {}) {
    const defaults = OPTIMIZER_DEFAULTS.Momentum;
    super('Momentum', options, defaults.lr);
    this.momentum = option('Momentum', 'momentum', options.momentum, defaults.momentum, fraction, 'in [0, 1)');
  }

  protected update(k: Kernels, param: Tensor, grad: Tensor): void {
    const [u] = this.velocity.of(param);
    k.momentumUpdate(param.data, grad.data, u, param.size, this.lr, this.momentum);
  }
}
