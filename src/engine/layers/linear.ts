import { kernels } from '../kernels';
import { Module } from '../module';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { allocateTensor, TensorPool } from '../tensor-pool';

/** Y = X W + b, with W [in, out] and b [1, out], both initialised uniform(-1/sqrt(in), 1/sqrt(in)). */
export class Linear extends Module {
  readonly type = 'Linear';
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly gradWeight: Tensor;
  readonly gradBias: Tensor | null;
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    bias: boolean = true,
    rng: Random,
  ) {
    super();
    if (!Number.isInteger(inFeatures) || inFeatures < 1 || !Number.isInteger(outFeatures) || outFeatures < 1) {
      throw new RangeError(`Linear needs positive integer sizes, got in=${inFeatures}, out=${outFeatures}`);
    }
    const bound = 1 / Math.sqrt(inFeatures);
    this.weight = allocateTensor(inFeatures, outFeatures);
    for (let i = 0; i < this.weight.size; i++) this.weight.data[i] = rng.uniform(-bound, bound);
    this.gradWeight = allocateTensor(inFeatures, outFeatures);
    if (bias) {
      this.bias = allocateTensor(1, outFeatures);
      for (let i = 0; i < outFeatures; i++) this.bias.data[i] = rng.uniform(-bound, bound);
      this.gradBias = allocateTensor(1, outFeatures);
    } else {
      this.bias = null;
      this.gradBias = null;
    }
  }

  forward(input: Tensor): Tensor {
    this.checkFeatures(input, this.inFeatures);
    const k = kernels();
    const output = this.outputs.get(input.rows, this.outFeatures);
    k.matmul(input.data, this.weight.data, output.data, input.rows, this.inFeatures, this.outFeatures);
    if (this.bias) k.addRowVector(output.data, this.bias.data, input.rows, this.outFeatures);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    this.backwardParameters(input, gradOutput);
    const gradInput = this.gradInputs.get(input.rows, this.inFeatures);
    // dX = dY Wᵀ
    kernels().matmulTransB(gradOutput.data, this.weight.data, gradInput.data, input.rows, this.inFeatures, this.outFeatures);
    return gradInput;
  }

  override backwardParameters(input: Tensor, gradOutput: Tensor): void {
    const k = kernels();
    // dW = Xᵀ dY: a sum over the batch.
    k.matmulTransA(input.data, gradOutput.data, this.gradWeight.data, input.rows, this.inFeatures, this.outFeatures);
    // Seed defect (1) fixed: the seed took the batch MEAN of dY for the bias while dW is a batch SUM, so the
    // bias learned batch-size times slower. Both are sums here (the criterion already divides by the batch).
    if (this.gradBias) k.sumRows(gradOutput.data, this.gradBias.data, input.rows, this.outFeatures);
  }

  override parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  override gradParameters(): Tensor[] {
    return this.gradBias ? [this.gradWeight, this.gradBias] : [this.gradWeight];
  }
}
