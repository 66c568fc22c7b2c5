/**
 * The checks every element-wise activation passes (a test helper, not a test file): finite-difference gradients
 * in train and eval mode, values and gradients against PyTorch's, and the TypeScript and WebAssembly kernels
 * agreeing on a dense sweep of inputs. The engine suite runs again with the WASM kernels active
 * (test/unit/wasm/engine-suite-on-wasm.test.ts), so the first two hold for both kernel sets.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernels, useKernels, type Kernels } from '../../../../src/engine/kernels';
import { typescriptKernels } from '../../../../src/engine/kernels-ts';
import type { Module } from '../../../../src/engine/module';
import { Random } from '../../../../src/engine/random';
import { Tensor } from '../../../../src/engine/tensor';
import { wasmKernels } from '../../wasm/wasm-test-kernels';
import { checkModuleGradients, inMode } from '../gradient-check';

/** A fixture case's settings by name; {} builds the module with its defaults (and PyTorch's with its own). */
export type Settings = Readonly<Record<string, number>>;

export interface ActivationUnderTest {
  /** The layer type, e.g. "ELU". */
  type: string;
  /** test/fixtures/activations/<fixture>.json, written by scripts/reference/activations.py. */
  fixture: string;
  create(settings: Settings): Module;
  /** Where f or f' jumps, which a finite-difference step must not straddle (ELU's 0, Softplus's threshold). */
  kinks?(settings: Settings): number[];
  /**
   * How far PyTorch's float64 f(x) and gradient may be from the exact values, absolutely, where its formula
   * cancels (0 by default: elsewhere float64 is exact to float32's eyes).
   */
  referenceError?(x: number): number;
}

interface FixtureCase {
  settings: Settings;
  x: number[];
  output: number[];
  gradOutput: number[];
  gradInput: number[];
  derivative: number[];
  secondDerivative: number[];
}

/** float32's unit roundoff, 2^-24: half an ulp, relative. */
const UNIT_ROUNDOFF = 2 ** -24;
/** The smallest normal float32: below it results may flush to 0 (e^-100 does). */
const SMALLEST_NORMAL = 2 ** -126;
/**
 * How many unit roundoffs, of the value and of the input's effect on it, a float32 kernel may be off. The
 * TypeScript kernels compute in float64 and round once (measured: at most 0.9 against PyTorch); the WebAssembly
 * ones compose float32 polynomials for exp, tanh and log1p (about 1 ulp each, assembly/elementwise/vector-math.ts)
 * with a few more float32 operations (measured: at most 2.3 against PyTorch and 5.4 against the TypeScript
 * kernels on the 4,019-input sweep, SiLU's derivative). 8 leaves room for those roundings and still fails a wrong
 * formula, constant or branch by orders of magnitude.
 */
const ROUNDOFFS = 8;

/**
 * |actual - expected| <= ROUNDOFFS · u · (|expected| + |x · f'(x)|) + SMALLEST_NORMAL + referenceError: as close
 * as float32 gets when it rounds the result and f's inputs a few times. The second term is the change in f when
 * x moves by a relative u; it matters only where f is ill-conditioned (GELU's negative tail, near a zero of f'),
 * where no float32 evaluation does better. Fails with the error in units of that bound.
 */
function assertFloat32Close(
  actual: number, expected: number, inputEffect: number, what: string, referenceError = 0,
): void {
  const float32Error = ROUNDOFFS * UNIT_ROUNDOFF * (Math.abs(expected) + Math.abs(inputEffect)) + SMALLEST_NORMAL;
  const bound = float32Error + referenceError;
  const error = Math.abs(actual - expected) / bound;
  assert.ok(error <= 1, `${what}: ${actual} vs ${expected} (${error.toFixed(2)} times the float32 tolerance)`);
}

function readFixture(name: string): FixtureCase[] {
  const path = join('test', 'fixtures', 'activations', `${name}.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: FixtureCase[] }).cases;
}

function describeSettings(settings: Settings): string {
  const entries = Object.entries(settings);
  return entries.length === 0 ? 'default settings' : entries.map(([name, value]) => `${name} ${value}`).join(', ');
}

function row(values: ArrayLike<number>): Tensor {
  return new Tensor(1, values.length, Float32Array.from(values));
}

/** Uniform values in [-4, 4] at least 0.05 from every kink. */
function inputsAvoiding(kinks: number[], rows: number, cols: number, rng: Random): Tensor {
  const tensor = new Tensor(rows, cols);
  for (let i = 0; i < tensor.size; i++) {
    let value: number;
    do value = rng.uniform(-4, 4);
    while (kinks.some((kink) => Math.abs(value - kink) < 0.05));
    tensor.data[i] = value;
  }
  return tensor;
}

/** Runs `body` with `set` as the active kernel set, then restores the one before. */
function withKernels<T>(set: Kernels, body: () => T): T {
  const previous = kernels();
  useKernels(set);
  try {
    return body();
  } finally {
    useKernels(previous);
  }
}

/** f(x) and f'(x) (backward with an output gradient of 1), copied out of the module's buffers. */
function valueAndDerivative(module: Module, x: Tensor): { value: Float32Array; derivative: Float32Array } {
  const value = module.forward(x).data.slice();
  const ones = new Tensor(x.rows, x.cols);
  ones.data.fill(1);
  return { value, derivative: module.backward(x, ones).data.slice() };
}

/** A dense sweep of [-12, 12], tiny and huge values, zeros: 4,019 inputs, so the 4-lane loop has a tail of 3. */
function sweep(): Tensor {
  const values: number[] = [];
  for (let i = 0; i <= 4000; i++) values.push(-12 + (24 * i) / 4000);
  values.push(0, -0, 1e-30, -1e-30, 1e-6, -1e-6, 30, -30, 100, -100, 1e4, -1e4, 1e30, -1e30, 3e38, -3e38, 88.8, -88.8);
  return row(values);
}

export function describeActivation(activation: ActivationUnderTest): void {
  const cases = readFixture(activation.fixture);
  const { type } = activation;

  describe(`${type} (element-wise activation)`, () => {
    for (const { settings } of cases) {
      for (const mode of ['train', 'eval'] as const) {
        it(`gradients match finite differences in ${mode} mode, ${describeSettings(settings)}`, () => {
          const rng = new Random(17);
          const module = inMode(activation.create(settings), mode);
          const input = inputsAvoiding(activation.kinks?.(settings) ?? [], 3, 7, rng);
          assert.equal(checkModuleGradients(module, input, rng), 3 * 7);
        });
      }
    }

    for (const fixture of cases) {
      const settings = describeSettings(fixture.settings);
      it(`matches PyTorch's values and autograd gradients at ±100, 0 and between, ${settings}`, () => {
        const module = activation.create(fixture.settings);
        const x = row(fixture.x);
        const output = module.forward(x).data;
        const gradInput = module.backward(x, row(fixture.gradOutput)).data;
        fixture.x.forEach((xi, i) => {
          const referenceError = activation.referenceError?.(xi) ?? 0;
          assertFloat32Close(
            output[i], fixture.output[i], xi * fixture.derivative[i], `${type}(${xi})`, referenceError,
          );
          assertFloat32Close(
            gradInput[i], fixture.gradInput[i], xi * fixture.gradOutput[i] * fixture.secondDerivative[i],
            `${type} gradient at ${xi}`, referenceError,
          );
        });
      });
    }

    for (const { settings } of cases) {
      it(`the TypeScript and WebAssembly kernels agree on 4,019 inputs, ${describeSettings(settings)}`, () => {
        const on = (set: Kernels, input: Tensor) =>
          withKernels(set, () => valueAndDerivative(activation.create(settings), input));
        const x = sweep();
        const ts = on(typescriptKernels, x);
        const wasm = on(wasmKernels(), x);
        // f'' for the gradient's tolerance, by central differences of the TypeScript f' (a bound needs no more).
        const step = 1e-3;
        const nudged = (offset: number): Float32Array =>
          on(typescriptKernels, row(x.data.map((v) => v + offset * step * Math.max(1, Math.abs(v))))).derivative;
        const above = nudged(1);
        const below = nudged(-1);
        for (let i = 0; i < x.size; i++) {
          const xi = x.data[i];
          assert.ok(Number.isFinite(ts.value[i]) && Number.isFinite(wasm.value[i]), `${type}(${xi}) is finite`);
          const finiteDerivatives = Number.isFinite(ts.derivative[i]) && Number.isFinite(wasm.derivative[i]);
          assert.ok(finiteDerivatives, `${type}'(${xi}) is finite`);
          assertFloat32Close(wasm.value[i], ts.value[i], xi * ts.derivative[i], `WASM ${type}(${xi})`);
          const secondDerivative = (above[i] - below[i]) / (2 * step * Math.max(1, Math.abs(xi)));
          assertFloat32Close(wasm.derivative[i], ts.derivative[i], xi * secondDerivative, `WASM ${type}'(${xi})`);
        }
      });
    }
  });
}
