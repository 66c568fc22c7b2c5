import { Module } from '../module';
import type { Tensor } from '../tensor';

/**
 * [C, H, W] → C·H·W features, C-major (torch.flatten(x, 1)). The engine's batches already hold each sample
 * flat in NCHW order (see window.ts), so Flatten passes its input and its gradient on unchanged.
 */
export class Flatten extends Module {
  readonly type = 'Flatten';

  forward(input: Tensor): Tensor {
    return input;
  }

  backward(_input: Tensor, gradOutput: Tensor): Tensor {
    return gradOutput;
  }
}
