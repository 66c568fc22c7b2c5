import { siluKernels } from '../elementwise/silu';
import { ElementwiseActivation } from './elementwise-activation';

/** x σ(x) = x / (1 + exp(-x)), element-wise (torch.nn.SiLU, also called Swish). */
export class SiLU extends ElementwiseActivation<readonly []> {
  readonly type = 'SiLU';

  constructor() {
    super(siluKernels, []);
  }
}
