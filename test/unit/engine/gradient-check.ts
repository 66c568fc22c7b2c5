/** Finite-difference gradient checking for engine modules and criteria (test helper, not a test file). */
import * as assert from 'node:assert/strict';
import type { Criterion } from '../../../src/engine/criteria/criterion';
import type { Module } from '../../../src/engine/module';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';

/** Central-difference step. Values are float32, so the step cannot be tiny. */
const STEP = 1e-2;

/** `module` switched to `mode`, for checks that run in both (Dropout and BatchNorm differ between them). */
export function inMode<M extends { train(): void; eval(): void }>(module: M, mode: 'train' | 'eval'): M {
  if (mode === 'train') module.train();
  else module.eval();
  return module;
}

export function randomTensor(rows: number, cols: number, rng: Random, low = -1, high = 1): Tensor {
  const tensor = new Tensor(rows, cols);
  for (let i = 0; i < tensor.size; i++) tensor.data[i] = rng.uniform(low, high);
  return tensor;
}

/** Values a step of STEP cannot push across 0 (the kink of ReLU and LeakyReLU). */
export function awayFromZero(rows: number, cols: number, rng: Random): Tensor {
  const tensor = randomTensor(rows, cols, rng, 0.1, 1);
  for (let i = 0; i < tensor.size; i++) if (rng.next() < 0.5) tensor.data[i] = -tensor.data[i];
  return tensor;
}

export function oneHot(rows: number, classes: number, rng: Random): Tensor {
  const tensor = new Tensor(rows, classes);
  for (let r = 0; r < rows; r++) tensor.set(r, rng.int(classes), 1);
  return tensor;
}

/** |analytic - numeric| <= absolute + relative * |numeric|, with a message naming what was checked. */
export function assertClose(analytic: number, numeric: number, what: string, absolute = 2e-3, relative = 2e-2): void {
  const ok = Math.abs(analytic - numeric) <= absolute + relative * Math.abs(numeric);
  assert.ok(ok, `${what}: analytic ${analytic} vs numeric ${numeric}`);
}

function dot(a: Tensor, b: Tensor): number {
  let sum = 0;
  for (let i = 0; i < a.size; i++) sum += a.data[i] * b.data[i];
  return sum;
}

export interface ModuleCheckOptions {
  /** Called before every forward, e.g. to replay the same dropout mask. */
  beforeForward?: () => void;
  checkInput?: boolean;
  checkParameters?: boolean;
}

/**
 * Checks module.backward against finite differences of L = sum(forward(input) * R) for a random R,
 * for every input value and every parameter value. Returns how many values were checked.
 */
export function checkModuleGradients(module: Module, input: Tensor, rng: Random, options: ModuleCheckOptions = {}): number {
  const { beforeForward = () => undefined, checkInput = true, checkParameters = true } = options;
  beforeForward();
  const firstOutput = module.forward(input);
  const weights = randomTensor(firstOutput.rows, firstOutput.cols, rng);
  const gradInput = module.backward(input, weights).clone();
  const gradParams = module.gradParameters().map((g) => g.clone());
  const loss = (): number => {
    beforeForward();
    return dot(module.forward(input), weights);
  };
  const numeric = (values: Float32Array, i: number): number => {
    const original = values[i];
    values[i] = original + STEP;
    const plus = loss();
    values[i] = original - STEP;
    const minus = loss();
    values[i] = original;
    return (plus - minus) / (2 * STEP);
  };
  let checked = 0;
  if (checkInput) {
    for (let i = 0; i < input.size; i++) {
      assertClose(gradInput.data[i], numeric(input.data, i), `${module.type} input gradient [${i}]`);
      checked++;
    }
  }
  if (checkParameters) {
    module.parameters().forEach((param, p) => {
      for (let i = 0; i < param.size; i++) {
        assertClose(gradParams[p].data[i], numeric(param.data, i), `${module.type} parameter ${p} gradient [${i}]`);
        checked++;
      }
    });
  }
  return checked;
}

/** Checks criterion.backward against finite differences of criterion.forward. */
export function checkCriterionGradients(criterion: Criterion, input: Tensor, target: Tensor, step = 1e-3): number {
  const gradient = criterion.backward(input, target).clone();
  for (let i = 0; i < input.size; i++) {
    const original = input.data[i];
    input.data[i] = original + step;
    const plus = criterion.forward(input, target);
    input.data[i] = original - step;
    const minus = criterion.forward(input, target);
    input.data[i] = original;
    assertClose(gradient.data[i], (plus - minus) / (2 * step), `${criterion.type} gradient [${i}]`);
  }
  return input.size;
}

/** A generator whose sequence can be restarted, so that every forward draws the same dropout mask. */
export class ReplayRandom extends Random {
  private inner: Random;

  constructor(private readonly seed: number) {
    super(seed);
    this.inner = new Random(seed);
  }

  restart(): void {
    this.inner = new Random(this.seed);
  }

  override next(): number {
    return this.inner.next();
  }
}
