import { tanhKernels } from '../elementwise/tanh';
import { ElementwiseActivation } from './elementwise-activation';

/** tanh x, element-wise (torch.nn.Tanh). */
export class Tanh extends ElementwiseActivation<readonly []> {
  readonly type = 'Tanh';

  constructor() {
    super(tanhKernels, []);
  }
}
