import { WEIGHT_DECAY_DEFAULTS, type OptimizerType, type WeightDecayValues } from '../../registry/optimizers';
import { kernels, type Kernels } from '../kernels';
import type { Tensor } from '../tensor';
import { allocateTensor } from '../tensor-pool';

/**
 * Applies one update to parameters given their gradients. `t` counts the updates made, from 1 after the first
 * `step`. Per-parameter state (velocities, moment estimates) is keyed by the parameter tensor object.
 */
export interface Optimizer {
  readonly type: OptimizerType;
  /** The learning rate of the next steps; a learning-rate schedule sets it before every epoch. */
  lr: number;
  readonly weightDecay: number;
  readonly decoupledWeightDecay: boolean;
  readonly t: number;
  step(params: Tensor[], grads: Tensor[]): void;
}

/** The settings every optimizer takes: its learning rate and the weight decay (see WEIGHT_DECAY_SETTINGS). */
export type CommonOptions = { lr?: number } & Partial<WeightDecayValues>;

/**
 * The machinery every optimizer shares: its learning rate and weight decay, the checks of `step` and its count.
 * Each step first applies the weight decay λ to every parameter, as torch.optim does, then the rule of the
 * subclass: coupled, g += λ·w (the gradient buffer itself: it is zeroed before the next backward pass);
 * decoupled (AdamW), w −= lr·λ·w.
 */
export abstract class RuleOptimizer implements Optimizer {
  lr: number;
  readonly weightDecay: number;
  readonly decoupledWeightDecay: boolean;
  private steps = 0;

  protected constructor(readonly type: OptimizerType, options: CommonOptions, defaultLr: number) {
    this.lr = option(type, 'lr', options.lr, defaultLr, positive, 'a positive number');
    this.weightDecay = option(type, 'weightDecay', options.weightDecay, WEIGHT_DECAY_DEFAULTS.weightDecay, (x) => x >= 0, 'at least 0');
    const decoupled = options.decoupledWeightDecay ?? WEIGHT_DECAY_DEFAULTS.decoupledWeightDecay;
    if (typeof decoupled !== 'boolean') throw new RangeError(`${type} option "decoupledWeightDecay" must be true or false, got ${String(decoupled)}`);
    this.decoupledWeightDecay = decoupled;
  }

  get t(): number {
    return this.steps;
  }

  step(params: Tensor[], grads: Tensor[]): void {
    checkPairs(this.type, params, grads);
    this.steps++;
    const k = kernels();
    for (let i = 0; i < params.length; i++) {
      const w = params[i].data;
      const size = params[i].size;
      if (this.weightDecay !== 0) {
        if (this.decoupledWeightDecay) k.addScaled(w, w, size, -this.lr * this.weightDecay);
        else k.addScaled(grads[i].data, w, size, this.weightDecay);
      }
      this.update(k, params[i], grads[i], this.steps);
    }
  }

  /** The rule's update of one parameter from its gradient (weight decay applied); `t` counts steps from 1. */
  protected abstract update(k: Kernels, param: Tensor, grad: Tensor, t: number): void;
}

export function checkPairs(type: string, params: Tensor[], grads: Tensor[]): void {
  if (params.length !== grads.length) {
    throw new RangeError(`${type}.step got ${params.length} parameters but ${grads.length} gradients`);
  }
  for (let i = 0; i < params.length; i++) {
    if (params[i].size !== grads[i].size) {
      throw new RangeError(`${type}.step: parameter ${i} has ${params[i].size} values, its gradient ${grads[i].size}`);
    }
  }
}

/** Zero-filled state buffers for one parameter, created on its first update and reused after. */
export class ParameterState {
  private readonly states = new Map<Tensor, Float32Array[]>();

  constructor(private readonly buffersPerParameter: number) {}

  of(param: Tensor): Float32Array[] {
    let buffers = this.states.get(param);
    if (buffers === undefined) {
      buffers = [];
      for (let i = 0; i < this.buffersPerParameter; i++) buffers.push(allocateTensor(param.rows, param.cols).data);
      this.states.set(param, buffers);
    }
    return buffers;
  }
}

/** Reads one numeric option, falling back to its default, and checks its range. */
export function option(
  type: string, name: string, value: number | undefined, fallback: number, valid: (x: number) => boolean, rule: string,
): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || !valid(result)) {
    throw new RangeError(`${type} option "${name}" must be ${rule}, got ${result}`);
  }
  return result;
}

export const positive = (x: number): boolean => x > 0;
export const fraction = (x: number): boolean => x >= 0 && x < 1;
