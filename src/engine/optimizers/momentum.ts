import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import { kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { checkPairs, fraction, option, ParameterState, positive, type Optimizer } from './optimizer';

export interface MomentumOptions { lr?: number; momentum?: number }

/** u = momentum * u + lr * g; w -= u */
export class Momentum implements Optimizer {
  readonly type = 'Momentum';
  readonly lr: number;
  readonly momentum: number;
  private steps = 0;
  private readonly velocity = new ParameterState(1);

  constructor(options: MomentumOptions = {}) {
    const defaults = OPTIMIZER_DEFAULTS.Momentum;
    this.lr = option('Momentum', 'lr', options.lr, defaults.lr, positive, 'a positive number');
    this.momentum = option('Momentum', 'momentum', options.momentum, defaults.momentum, fraction, 'in [0, 1)');
  }

  get t(): number {
    return this.steps;
  }

  step(params: Tensor[], grads: Tensor[]): void {
    checkPairs('Momentum', params, grads);
    this.steps++;
    const k = kernels();
    for (let i = 0; i < params.length; i++) {
      const [u] = this.velocity.of(params[i]);
      k.momentumUpdate(params[i].data, grads[i].data, u, params[i].size, this.lr, this.momentum);
    }
  }
}
