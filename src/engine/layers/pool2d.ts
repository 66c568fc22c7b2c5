import { kernels } from '../kernels';
import { Module } from '../module';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';
import { window2D, type PerAxis, type Window2D } from '../window';

export interface Pool2DSettings {
  readonly kernelSize: PerAxis;
  readonly stride: PerAxis;
  readonly padding: PerAxis;
}

/** Pooling of each channel of [batch, C·H·W] NCHW inputs of channels × height × width, window by window. */
abstract class Pool2D extends Module {
  readonly window: Window2D;
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();

  constructor(type: string, settings: Pool2DSettings, channels: number, height: number, width: number) {
    super();
    this.window = window2D(type, channels, height, width, settings.kernelSize, settings.stride, settings.padding);
    const [padHeight, padWidth] = [this.window.padHeight, this.window.padWidth];
    if (2 * padHeight > this.window.kernelHeight || 2 * padWidth > this.window.kernelWidth) {
      throw new RangeError(
        `${type}'s padding [${padHeight}, ${padWidth}] is more than half its kernel ` +
          `[${this.window.kernelHeight}, ${this.window.kernelWidth}]: make padding at most half of kernelSize`,
      );
    }
  }

  protected abstract pool(x: Float32Array, out: Float32Array, batch: number): void;
  protected abstract poolBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, batch: number): void;

  forward(input: Tensor): Tensor {
    const { channels, height, width, outHeight, outWidth } = this.window;
    this.checkFeatures(input, channels * height * width);
    const output = this.outputs.get(input.rows, channels * outHeight * outWidth);
    this.pool(input.data, output.data, input.rows);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    this.poolBackward(input.data, gradOutput.data, gradInput.data, input.rows);
    return gradInput;
  }
}

/** The maximum of each window; the gradient goes to the first maximum in each window, as in PyTorch. */
export class MaxPool2D extends Pool2D {
  readonly type = 'MaxPool2D';

  constructor(settings: Pool2DSettings, channels: number, height: number, width: number) {
    super('MaxPool2D', settings, channels, height, width);
  }

  protected pool(x: Float32Array, out: Float32Array, batch: number): void {
    kernels().maxPool(x, out, batch, this.window);
  }

  protected poolBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, batch: number): void {
    kernels().maxPoolBackward(x, gradOut, gradIn, batch, this.window);
  }
}

/** The mean of each window, padding counted as zeros (PyTorch's count_include_pad=True). */
export class AvgPool2D extends Pool2D {
  readonly type = 'AvgPool2D';

  constructor(settings: Pool2DSettings, channels: number, height: number, width: number) {
    super('AvgPool2D', settings, channels, height, width);
  }

  protected pool(x: Float32Array, out: Float32Array, batch: number): void {
    kernels().avgPool(x, out, batch, this.window);
  }

  protected poolBackward(_x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, batch: number): void {
    kernels().avgPoolBackward(gradOut, gradIn, batch, this.window);
  }
}
