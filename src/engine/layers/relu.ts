import { kernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';

/** max(x, 0), element-wise. */
export class ReLU extends Module {
  readonly type = 'ReLU';
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();

  forward(input: Tensor): Tensor {
    const output = this.outputs.get(input.rows, input.cols);
    kernels().relu(input.data, output.data, input.size);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    kernels().reluBackward(input.data, gradOutput.data, gradInput.data, input.size);
    return gradInput;
  }
}
