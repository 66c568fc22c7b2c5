import { kernels } from '../kernels';
import { Module } from '../module';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { allocateTensor, TensorPool } from '../tensor-pool';
import { window2D, type PerAxis, type Window2D } from '../window';

export interface Conv2DSettings {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: PerAxis;
  readonly stride: PerAxis;
  readonly padding: PerAxis;
  readonly bias: boolean;
}

/**
 * 2-D convolution (PyTorch's cross-correlation) of [batch, C·H·W] NCHW inputs of height × width, giving
 * [batch, out·outH·outW] NCHW outputs; the kernels (`conv2d`, `conv2dBackward`) compute it. W is stored
 * [out, C·kh·kw] (the file's [out, in, kh, kw]). W and b are initialised uniform(−1/√fan_in, 1/√fan_in) with
 * fan_in = in·kh·kw, as Linear and PyTorch do.
 */
export class Conv2D extends Module {
  readonly type = 'Conv2D';
  readonly window: Window2D;
  readonly outChannels: number;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly gradWeight: Tensor;
  readonly gradBias: Tensor | null;
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();
  /** The input of the last forward, which backward must be given. */
  private lastInput: Tensor | null = null;

  constructor(settings: Conv2DSettings, inputHeight: number, inputWidth: number, rng: Random) {
    super();
    const { inChannels, outChannels } = settings;
    if (!Number.isInteger(outChannels) || outChannels < 1) {
      throw new RangeError(`Conv2D needs a positive whole number of output channels, got ${outChannels}`);
    }
    this.window = window2D('Conv2D', inChannels, inputHeight, inputWidth, settings.kernelSize, settings.stride, settings.padding);
    this.outChannels = outChannels;
    const patch = inChannels * this.window.kernelHeight * this.window.kernelWidth;
    const bound = 1 / Math.sqrt(patch);
    this.weight = allocateTensor(outChannels, patch);
    for (let i = 0; i < this.weight.size; i++) this.weight.data[i] = rng.uniform(-bound, bound);
    this.gradWeight = allocateTensor(outChannels, patch);
    if (settings.bias) {
      this.bias = allocateTensor(1, outChannels);
      for (let i = 0; i < outChannels; i++) this.bias.data[i] = rng.uniform(-bound, bound);
      this.gradBias = allocateTensor(1, outChannels);
    } else {
      this.bias = null;
      this.gradBias = null;
    }
  }

  forward(input: Tensor): Tensor {
    const { channels, height, width, outHeight, outWidth } = this.window;
    this.checkFeatures(input, channels * height * width);
    const output = this.outputs.get(input.rows, this.outChannels * outHeight * outWidth);
    kernels().conv2d(input.data, this.weight.data, this.bias?.data ?? null, output.data, input.rows, this.window, this.outChannels);
    this.lastInput = input;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    this.backwardInto(input, gradOutput, gradInput);
    return gradInput;
  }

  override backwardParameters(input: Tensor, gradOutput: Tensor): void {
    this.backwardInto(input, gradOutput, null);
  }

  /** Stores dW and db, and the input gradient in `gradInput` unless it is null. */
  private backwardInto(input: Tensor, gradOutput: Tensor, gradInput: Tensor | null): void {
    if (this.lastInput !== input) throw new Error('Conv2D.backward must follow a forward of the same input');
    kernels().conv2dBackward(
      input.data, gradOutput.data, this.weight.data, this.gradWeight.data, this.gradBias?.data ?? null,
      gradInput?.data ?? null, input.rows, this.window, this.outChannels,
    );
  }

  override parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  override gradParameters(): Tensor[] {
    return this.gradBias ? [this.gradWeight, this.gradBias] : [this.gradWeight];
  }
}
