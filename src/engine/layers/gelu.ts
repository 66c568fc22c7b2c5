import { geluKernels } from '../elementwise/gelu';
import { ElementwiseActivation } from './elementwise-activation';

/**
 * 0.5 x (1 + tanh(sqrt(2/π) (x + 0.044715 x³))), element-wise: GELU with the tanh approximation,
 * torch.nn.GELU(approximate='tanh'). The exact (erf) GELU, PyTorch's default, is not offered.
 */
export class GELU extends ElementwiseActivation<readonly []> {
  readonly type = 'GELU';

  constructor() {
    super(geluKernels, []);
  }
}
