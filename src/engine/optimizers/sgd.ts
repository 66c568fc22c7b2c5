import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import type { Kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { RuleOptimizer, type CommonOptions } from './optimizer';

export type SGDOptions = CommonOptions;

/** w -= lr * g */
export class SGD extends RuleOptimizer {
  constructor(options: SGDOptions = {}) {
    super('SGD', options, OPTIMIZER_DEFAULTS.SGD.lr);
  }

  protected update(k: Kernels, param: Tensor, grad: Tensor): void {
    k.sgdUpdate(param.data, grad.data, param.size, this.lr);
  }
}
