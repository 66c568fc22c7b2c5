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
 * 2-D convolution (PyTorch's cross-correlation) of [batch, C·H·W] NCHW inputs of height × width, through im2col
 * onto the GEMM: the patches form cols [batch·outH·outW, C·kh·kw], so
 *   Y (NHWC) = cols · Wᵀ + b,  dW = dYᵀ · cols,  db = column sums of dY,  dcols = dY · W,  dX = col2im(dcols),
 * with W [out, C·kh·kw] (the file's [out, in, kh, kw]) and a transpose between NHWC and NCHW around them.
 * W and b are initialised uniform(−1/√fan_in, 1/√fan_in) with fan_in = in·kh·kw, as Linear and PyTorch do.
 */
export class Conv2D extends Module {
  readonly type = 'Conv2D';
  readonly window: Window2D;
  readonly outChannels: number;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly gradWeight: Tensor;
  readonly gradBias: Tensor | null;
  /** in·kh·kw: the length of one patch. */
  private readonly patch: number;
  /** outH·outW: the output positions of one sample. */
  private readonly positions: number;
  private readonly columnPool = new TensorPool();
  private readonly nhwcPool = new TensorPool();
  private readonly outputs = new TensorPool();
  private readonly gradNhwcPool = new TensorPool();
  private readonly gradColumnPool = new TensorPool();
  private readonly gradInputs = new TensorPool();
  /** The patches of the last forward's input, which backward reads. */
  private lastInput: Tensor | null = null;
  private lastColumns: Tensor | null = null;

  constructor(settings: Conv2DSettings, inputHeight: number, inputWidth: number, rng: Random) {
    super();
    const { inChannels, outChannels } = settings;
    if (!Number.isInteger(outChannels) || outChannels < 1) {
      throw new RangeError(`Conv2D needs a positive whole number of output channels, got ${outChannels}`);
    }
    this.window = window2D('Conv2D', inChannels, inputHeight, inputWidth, settings.kernelSize, settings.stride, settings.padding);
    this.outChannels = outChannels;
    this.patch = inChannels * this.window.kernelHeight * this.window.kernelWidth;
    this.positions = this.window.outHeight * this.window.outWidth;
    const bound = 1 / Math.sqrt(this.patch);
    this.weight = allocateTensor(outChannels, this.patch);
    for (let i = 0; i < this.weight.size; i++) this.weight.data[i] = rng.uniform(-bound, bound);
    this.gradWeight = allocateTensor(outChannels, this.patch);
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
    const { channels, height, width } = this.window;
    this.checkFeatures(input, channels * height * width);
    const k = kernels();
    const batch = input.rows;
    const rows = batch * this.positions;
    const cols = this.columnPool.get(rows, this.patch);
    k.im2col(input.data, cols.data, batch, this.window);
    const nhwc = this.nhwcPool.get(rows, this.outChannels);
    k.matmulTransB(cols.data, this.weight.data, nhwc.data, rows, this.outChannels, this.patch);
    if (this.bias) k.addRowVector(nhwc.data, this.bias.data, rows, this.outChannels);
    const output = this.outputs.get(batch, this.outChannels * this.positions);
    k.transposeBatch(nhwc.data, output.data, batch, this.positions, this.outChannels);
    this.lastInput = input;
    this.lastColumns = cols;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const gradNhwc = this.backwardToNhwc(input, gradOutput);
    const k = kernels();
    const rows = input.rows * this.positions;
    const gradCols = this.gradColumnPool.get(rows, this.patch);
    k.matmul(gradNhwc.data, this.weight.data, gradCols.data, rows, this.outChannels, this.patch);
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    k.col2im(gradCols.data, gradInput.data, input.rows, this.window);
    return gradInput;
  }

  override backwardParameters(input: Tensor, gradOutput: Tensor): void {
    this.backwardToNhwc(input, gradOutput);
  }

  /** Stores dW and db, and returns dY as NHWC [batch·outH·outW, out]. */
  private backwardToNhwc(input: Tensor, gradOutput: Tensor): Tensor {
    const cols = this.lastColumns;
    if (cols === null || this.lastInput !== input || cols.rows !== input.rows * this.positions) {
      throw new Error('Conv2D.backward must follow a forward of the same input');
    }
    const k = kernels();
    const rows = input.rows * this.positions;
    const gradNhwc = this.gradNhwcPool.get(rows, this.outChannels);
    k.transposeBatch(gradOutput.data, gradNhwc.data, input.rows, this.outChannels, this.positions);
    k.matmulTransA(gradNhwc.data, cols.data, this.gradWeight.data, rows, this.outChannels, this.patch);
    if (this.gradBias) k.sumRows(gradNhwc.data, this.gradBias.data, rows, this.outChannels);
    return gradNhwc;
  }

  override parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  override gradParameters(): Tensor[] {
    return this.gradBias ? [this.gradWeight, this.gradBias] : [this.gradWeight];
  }
}
