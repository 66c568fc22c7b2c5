import { kernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';

/** x > 0 ? x : slope * x, element-wise. */
export class LeakyReLU extends Module {
  readonly type = 'LeakyReLU';
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();

  /** `slope`'s default is the descriptor's (src/registry/layers/leaky-relu.ts). */
  constructor(readonly slope: number) {
    super();
    if (!Number.isFinite(slope)) throw new RangeError(`LeakyReLU slope must be a finite number, got ${slope}`);
  }

  forward(input: Tensor): Tensor {
    const output = this.outputs.get(input.rows, input.cols);
    kernels().leakyRelu(input.data, output.data, input.size, this.slope);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    kernels().leakyReluBackward(input.data, gradOutput.data, gradInput.data, input.size, this.slope);
    return gradInput;
  }
}
