import type { OptimizerType } from '../../registry/optimizers';
import type { Tensor } from '../tensor';
import { allocateTensor } from '../tensor-pool';

/**
 * Applies one update to parameters given their gradients. `t` counts the updates made, from 1 after the first
 * `step`. Per-parameter state (velocities, moment estimates) is keyed by the parameter tensor object.
 */
export interface Optimizer {
  readonly type: OptimizerType;
  readonly lr: number;
  readonly t: number;
  step(params: Tensor[], grads: Tensor[]): void;
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
