import { Module } from '../module';
import type { Random } from '../random';
import type { Tensor } from '../tensor';
import { TensorPool } from '../tensor-pool';

/**
 * Inverted dropout: in training each value is dropped with probability p and the survivors are scaled by
 * 1/(1-p), so evaluation is the identity. The mask comes from the seeded generator, so runs are repeatable.
 */
export class Dropout extends Module {
  readonly type = 'Dropout';
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();
  private readonly masks = new TensorPool();
  private mask: Tensor | null = null;

  constructor(
    readonly p: number = 0.5,
    private readonly rng: Random,
  ) {
    super();
    if (!(p >= 0 && p < 1)) {
      throw new RangeError(`Dropout p is the probability of dropping a value and must be in [0, 1), got ${p}`);
    }
  }

  forward(input: Tensor): Tensor {
    if (!this.training) return input;
    const output = this.outputs.get(input.rows, input.cols);
    const mask = this.masks.get(input.rows, input.cols);
    const keep = 1 / (1 - this.p);
    const x = input.data;
    const m = mask.data;
    const y = output.data;
    for (let i = 0; i < x.length; i++) {
      const scale = this.rng.next() < this.p ? 0 : keep;
      m[i] = scale;
      y[i] = x[i] * scale;
    }
    this.mask = mask;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.training) return gradOutput;
    const mask = this.mask;
    if (mask === null || mask.rows !== input.rows || mask.cols !== input.cols) {
      throw new Error('Dropout.backward must follow a training-mode forward of the same input');
    }
    const gradInput = this.gradInputs.get(input.rows, input.cols);
    const g = gradOutput.data;
    const m = mask.data;
    const out = gradInput.data;
    for (let i = 0; i < g.length; i++) out[i] = g[i] * m[i];
    return gradInput;
  }
}
