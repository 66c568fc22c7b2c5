import type { Tensor } from './tensor';

/**
 * A layer or a chain of layers, with the seed's API: `forward` computes and remembers what `backward` needs;
 * `backward(input, gradOutput)` must follow the `forward` of the same input and returns the gradient for the
 * input, storing the gradients of the parameters in `gradParameters()`.
 *
 * Gradient convention: `backward` OVERWRITES the parameter gradients with those of this batch; it does not add
 * to them (the seed assigns them too, `gradW = ...`). The training step still calls `zeroGradParameters()` before
 * each backward (see train-step.ts), at the cost of one pass over the gradients, so a module written to
 * accumulate, as in PyTorch, trains the same.
 *
 * The tensors returned by `forward` and `backward` are buffers owned by the module and reused by the next call
 * with the same batch size: copy them to keep them.
 */
export abstract class Module {
  /** The layer type as written in a model file, e.g. "Linear" (class names do not survive minification). */
  abstract readonly type: string;
  /** The layer id from the model file, used in error messages; empty when built by hand. */
  name = '';
  private trainingMode = true;

  abstract forward(input: Tensor): Tensor;
  abstract backward(input: Tensor, gradOutput: Tensor): Tensor;

  /**
   * Computes the parameter gradients only, for the first layer of a network, whose input gradient nobody reads
   * (for a 784-wide input that product is a third of the whole step). Modules without parameters do nothing.
   */
  backwardParameters(input: Tensor, gradOutput: Tensor): void {
    if (this.parameters().length > 0) this.backward(input, gradOutput);
  }

  parameters(): Tensor[] {
    return [];
  }

  gradParameters(): Tensor[] {
    return [];
  }

  zeroGradParameters(): void {
    for (const gradient of this.gradParameters()) gradient.data.fill(0);
  }

  get training(): boolean {
    return this.trainingMode;
  }

  train(): void {
    this.trainingMode = true;
  }

  eval(): void {
    this.trainingMode = false;
  }

  /** "layer fc1 (Linear)" or "Linear", for error messages. */
  protected describe(): string {
    return this.name ? `layer ${this.name} (${this.type})` : this.type;
  }

  protected checkFeatures(input: Tensor, expected: number): void {
    if (input.cols !== expected) {
      throw new RangeError(
        `${this.describe()} expects ${expected} input features, got ${input.cols}: ` +
          'make the width coming into it match (the previous layer\'s output size or the input size).',
      );
    }
  }
}
