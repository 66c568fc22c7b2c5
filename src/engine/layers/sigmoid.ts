import { kernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';
import { requireForward } from './require-forward';

/** 1 / (1 + exp(-x)), element-wise. */
export class Sigmoid extends Module {
  readonly type = 'Sigmoid';
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();
  private output: Tensor | null = null;

  forward(input: Tensor): Tensor {
    const output = this.outputs.get(input.rows, input.cols);
    kernels().sigmoid(input.data, output.data, input.size);
    this.output = output;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const output = requireForward(this.output, input, 'Sigmoid');
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    kernels().sigmoidBackward(output.data, gradOutput.data, gradInput.data, input.size);
    return gradInput;
  }
}
