import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import { kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { checkPairs, option, positive, type Optimizer } from './optimizer';

export interface SGDOptions { lr?: number }

/** w -= lr * g */
export class SGD implements Optimizer {
  readonly type = 'SGD';
  readonly lr: number;
  private steps = 0;

  constructor(options: SGDOptions = {}) {
    this.lr = option('SGD', 'lr', options.lr, OPTIMIZER_DEFAULTS.SGD.lr, positive, 'a positive number');
  }

  get t(): number {
    return this.steps;
  }

  step(params: Tensor[], grads: Tensor[]): void {
    checkPairs('SGD', params, grads);
    this.steps++;
    const k = kernels();
    for (let i = 0; i < params.length; i++) k.sgdUpdate(params[i].data, grads[i].data, params[i].size, this.lr);
  }
}
