import { eluKernels, type EluSettings } from '../elementwise/elu';
import { ElementwiseActivation } from './elementwise-activation';

/** x > 0 ? x : alpha (exp(x) - 1), element-wise (torch.nn.ELU). */
export class ELU extends ElementwiseActivation<EluSettings> {
  /** torch.nn.ELU's default. */
  static readonly defaults = { alpha: 1 } as const;
  readonly type = 'ELU';

  constructor(readonly alpha: number = ELU.defaults.alpha) {
    super(eluKernels, [alpha]);
    if (!Number.isFinite(alpha)) throw new RangeError(`ELU alpha must be a finite number, got ${alpha}`);
  }
}
