import { kernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';
import { requireForward } from './require-forward';

/** Row-wise softmax, with each row's maximum subtracted before exp so large logits do not overflow. */
export class SoftMax extends Module {
  readonly type = 'SoftMax';
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();
  private output: Tensor | null = null;

  forward(input: Tensor): Tensor {
    const output = this.outputs.get(input.rows, input.cols);
    kernels().softmax(input.data, output.data, input.rows, input.cols);
    this.output = output;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const output = requireForward(this.output, input, 'SoftMax');
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    kernels().softmaxBackward(output.data, gradOutput.data, gradInput.data, input.rows, input.cols);
    return gradInput;
  }
}
