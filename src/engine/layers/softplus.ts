import { softplusKernels, type SoftplusSettings } from '../elementwise/softplus';
import { ElementwiseActivation } from './elementwise-activation';

/** ln(1 + exp(βx)) / β, and x where βx > threshold, element-wise (torch.nn.Softplus). */
export class Softplus extends ElementwiseActivation<SoftplusSettings> {
  /** torch.nn.Softplus's defaults. */
  static readonly defaults = { beta: 1, threshold: 20 } as const;
  readonly type = 'Softplus';

  constructor(
    readonly beta: number = Softplus.defaults.beta,
    readonly threshold: number = Softplus.defaults.threshold,
  ) {
    super(softplusKernels, [beta, threshold]);
    if (!(Number.isFinite(beta) && beta > 0)) {
      throw new RangeError(`Softplus beta must be a positive number, got ${beta}`);
    }
    if (!Number.isFinite(threshold)) throw new RangeError(`Softplus threshold must be a finite number, got ${threshold}`);
  }
}
