import { kernels, type ActivationSettings, type ElementwiseKernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';

/**
 * A layer that applies one element-wise function f with fixed settings: forward gives f(x), backward
 * gradOut * f'(x). Subclasses name the function; its maths lives in its kernels (src/engine/elementwise/ and,
 * for WebAssembly, assembly/elementwise/).
 */
export abstract class ElementwiseActivation<Settings extends ActivationSettings> extends Module {
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();

  protected constructor(private readonly f: ElementwiseKernels<Settings>, private readonly settings: Settings) {
    super();
  }

  forward(input: Tensor): Tensor {
    const output = this.outputs.get(input.rows, input.cols);
    kernels().elementwise(this.f, input.data, output.data, input.size, this.settings);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    kernels().elementwiseBackward(this.f, input.data, gradOutput.data, gradInput.data, input.size, this.settings);
    return gradInput;
  }
}
