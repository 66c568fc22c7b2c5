import { Module } from '../module';
import type { Tensor } from '../tensor';

/** Modules applied in order; backward runs them in reverse, feeding each the input it saw in forward. */
export class Sequential extends Module {
  readonly type = 'Sequential';
  readonly modules: Module[];
  /** outputs[i] is the output of modules[i] in the last forward. */
  private readonly outputs: Tensor[] = [];

  constructor(modules: Module[]) {
    super();
    this.modules = modules;
  }

  forward(input: Tensor): Tensor {
    let current = input;
    for (let i = 0; i < this.modules.length; i++) {
      current = this.modules[i].forward(current);
      this.outputs[i] = current;
    }
    return current;
  }

  /** The output of modules[index] in the last forward (a pooled tensor: the next forward overwrites it). */
  outputOf(index: number): Tensor {
    const output = this.outputs[index];
    if (output === undefined) throw new RangeError(`module ${index} has no output: run forward first (the network has ${this.modules.length} modules)`);
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    return this.backwardThrough(this.modules.length, input, gradOutput, true) ?? gradOutput;
  }

  override backwardParameters(input: Tensor, gradOutput: Tensor): void {
    this.backwardThrough(this.modules.length, input, gradOutput, false);
  }

  /**
   * Backward through modules[0 .. end), where `gradOutput` is the gradient of modules[end - 1]'s output
   * (end < length lets the training loop start below a SoftMax whose gradient it computed fused with the loss).
   * Returns the input gradient, or null when `needInputGradient` is false and the first module skipped it.
   */
  backwardThrough(end: number, input: Tensor, gradOutput: Tensor, needInputGradient: boolean): Tensor | null {
    let gradient = gradOutput;
    for (let i = end - 1; i >= 0; i--) {
      const moduleInput = i === 0 ? input : this.outputs[i - 1];
      if (i === 0 && !needInputGradient) {
        this.modules[0].backwardParameters(moduleInput, gradient);
        return null;
      }
      gradient = this.modules[i].backward(moduleInput, gradient);
    }
    return gradient;
  }

  override parameters(): Tensor[] {
    return this.modules.flatMap((module) => module.parameters());
  }

  override gradParameters(): Tensor[] {
    return this.modules.flatMap((module) => module.gradParameters());
  }

  override zeroGradParameters(): void {
    for (const module of this.modules) module.zeroGradParameters();
  }

  override train(): void {
    super.train();
    for (const module of this.modules) module.train();
  }

  override eval(): void {
    super.eval();
    for (const module of this.modules) module.eval();
  }
}
