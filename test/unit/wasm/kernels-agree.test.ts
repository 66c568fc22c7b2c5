import * as assert from 'node:assert/strict';
import type { Kernels } from '../../../src/engine/kernels';
import { typescriptKernels } from '../../../src/engine/kernels-ts';
import { window2D, type PerAxis } from '../../../src/engine/window';
import { maxRelativeError, seededValues, wasmKernels } from './wasm-test-kernels';

/** Odd sizes on purpose: they exercise every edge of the 4×8 tiles, the 4-lane loops and their scalar tails. */
const SIZES = [1, 3, 17, 33, 65, 130];
/** float32 rounding differs with the summation order; a 130-term dot product stays well inside this. */
const GEMM_TOLERANCE = 2e-5;
const ELEMENTWISE_TOLERANCE = 2e-6;

type Storage = 'wasm memory' | 'plain arrays';

/**
 * One kernel call under test: `run` gets the kernel set and fresh copies of the arguments (made in the storage
 * under test), and the listed outputs are compared after the call.
 */
interface Case {
  name: string;
  args: Float32Array[];
  outputs: number[];
  tolerance: number;
  run(k: Kernels, args: Float32Array[]): void;
}

function copyInto(k: Kernels, storage: Storage, source: Float32Array): Float32Array {
  const copy = storage === 'wasm memory' ? k.allocate(source.length) : new Float32Array(source.length);
  copy.set(source);
  return copy;
}

function check(testCase: Case, storage: Storage): void {
  const wasm = wasmKernels();
  const expected = testCase.args.map((a) => a.slice());
  testCase.run(typescriptKernels, expected);
  const actual = testCase.args.map((a) => copyInto(wasm, storage, a));
  testCase.run(wasm, actual);
  for (const index of testCase.outputs) {
    const error = maxRelativeError(expected[index], actual[index]);
    assert.ok(
      error <= testCase.tolerance,
      `${testCase.name} (${storage}): argument ${index} differs from the TypeScript kernels by ${error}`,
    );
  }
}

function gemmCases(): Case[] {
  const cases: Case[] = [];
  let seed = 1;
  for (const m of SIZES) {
    for (const k of SIZES) {
      for (const n of SIZES) {
        // Every size in every position would be 216 × 3 products; a diagonal plus mixed shapes covers the edges.
        if (!(m === k || k === n || (m + k + n) % 3 === 0)) continue;
        cases.push({
          name: `matmul ${m}x${k}x${n}`,
          args: [seededValues(m * k, seed++), seededValues(k * n, seed++), seededValues(m * n, seed++)],
          outputs: [2],
          tolerance: GEMM_TOLERANCE,
          run: (kernels, [a, b, out]) => kernels.matmul(a, b, out, m, k, n),
        });
        cases.push({
          name: `matmulTransA ${m}x${k}x${n}`,
          args: [seededValues(m * k, seed++), seededValues(m * n, seed++), seededValues(k * n, seed++)],
          outputs: [2],
          tolerance: GEMM_TOLERANCE,
          run: (kernels, [a, b, out]) => kernels.matmulTransA(a, b, out, m, k, n),
        });
        cases.push({
          name: `matmulTransB ${m}x${k}x${n}`,
          args: [seededValues(m * n, seed++), seededValues(k * n, seed++), seededValues(m * k, seed++)],
          outputs: [2],
          tolerance: GEMM_TOLERANCE,
          run: (kernels, [a, b, out]) => kernels.matmulTransB(a, b, out, m, k, n),
        });
      }
    }
  }
  return cases;
}

function scaled(values: Float32Array, factor: number, offset = 0): Float32Array {
  return values.map((v) => v * factor + offset);
}

function elementCases(length: number, seed: number): Case[] {
  const x = () => scaled(seededValues(length, seed++), 4);
  const any = () => seededValues(length, seed++);
  const positive = () => scaled(seededValues(length, seed++), 0.5, 0.5);
  const probabilities = () => scaled(seededValues(length, seed++), 0.45, 0.5);
  const t = ELEMENTWISE_TOLERANCE;
  return [
    { name: 'relu', args: [x(), any()], outputs: [1], tolerance: t, run: (k, [a, o]) => k.relu(a, o, length) },
    {
      name: 'reluBackward', args: [x(), any(), any()], outputs: [2], tolerance: t,
      run: (k, [a, g, o]) => k.reluBackward(a, g, o, length),
    },
    {
      name: 'leakyRelu', args: [x(), any()], outputs: [1], tolerance: t,
      run: (k, [a, o]) => k.leakyRelu(a, o, length, 0.03),
    },
    {
      name: 'leakyReluBackward', args: [x(), any(), any()], outputs: [2], tolerance: t,
      run: (k, [a, g, o]) => k.leakyReluBackward(a, g, o, length, 0.03),
    },
    { name: 'sigmoid', args: [x(), any()], outputs: [1], tolerance: t, run: (k, [a, o]) => k.sigmoid(a, o, length) },
    {
      name: 'sigmoidBackward', args: [probabilities(), any(), any()], outputs: [2], tolerance: t,
      run: (k, [y, g, o]) => k.sigmoidBackward(y, g, o, length),
    },
    {
      name: 'relu in place', args: [x()], outputs: [0], tolerance: t, run: (k, [a]) => k.relu(a, a, length),
    },
    {
      name: 'sgdUpdate', args: [any(), any()], outputs: [0], tolerance: t,
      run: (k, [w, g]) => k.sgdUpdate(w, g, length, 0.1),
    },
    {
      name: 'momentumUpdate', args: [any(), any(), any()], outputs: [0, 2], tolerance: t,
      run: (k, [w, g, u]) => k.momentumUpdate(w, g, u, length, 0.1, 0.9),
    },
    {
      name: 'rmspropUpdate', args: [any(), any(), positive()], outputs: [0, 2], tolerance: 2e-6,
      run: (k, [w, g, s]) => k.rmspropUpdate(w, g, s, length, 0.01, 0.9, 1e-8),
    },
    {
      name: 'adamUpdate', args: [any(), any(), any(), positive()], outputs: [0, 2, 3], tolerance: 2e-6,
      run: (k, [w, g, m, v]) => {
        for (let step = 1; step <= 3; step++) k.adamUpdate(w, g, m, v, length, 0.01, 0.9, 0.999, 1e-8, step, false);
      },
    },
    {
      name: 'nadamUpdate', args: [any(), any(), any(), positive()], outputs: [0, 2, 3], tolerance: 2e-6,
      run: (k, [w, g, m, v]) => {
        for (let step = 1; step <= 3; step++) k.adamUpdate(w, g, m, v, length, 0.01, 0.9, 0.999, 1e-8, step, true);
      },
    },
    { name: 'addScaled', args: [any(), any()], outputs: [0], tolerance: t, run: (k, [y, a]) => k.addScaled(y, a, length, 0.05) },
    { name: 'addScaled in place', args: [any()], outputs: [0], tolerance: t, run: (k, [w]) => k.addScaled(w, w, length, -0.001) },
    { name: 'scale', args: [any()], outputs: [0], tolerance: t, run: (k, [a]) => k.scale(a, length, 0.37) },
    {
      name: 'sumOfSquares', args: [any(), any()], outputs: [1], tolerance: 1e-12,
      run: (k, [a, out]) => { out.fill(k.sumOfSquares(a, length)); },
    },
  ];
}

function rowCases(m: number, n: number, seed: number): Case[] {
  const matrix = (factor = 1) => scaled(seededValues(m * n, seed++), factor);
  const vector = () => seededValues(n, seed++);
  const t = ELEMENTWISE_TOLERANCE;
  return [
    {
      name: `addRowVector ${m}x${n}`, args: [matrix(), vector()], outputs: [0], tolerance: t,
      run: (k, [x, b]) => k.addRowVector(x, b, m, n),
    },
    {
      name: `sumRows ${m}x${n}`, args: [matrix(), vector()], outputs: [1], tolerance: 1e-5,
      run: (k, [a, o]) => k.sumRows(a, o, m, n),
    },
    {
      name: `softmax ${m}x${n} (large logits)`, args: [matrix(60), matrix()], outputs: [1], tolerance: t,
      run: (k, [x, o]) => k.softmax(x, o, m, n),
    },
    {
      name: `softmaxBackward ${m}x${n}`, args: [matrix(), matrix(), matrix()], outputs: [2], tolerance: t,
      run: (k, [x, g, o]) => {
        k.softmax(x, x, m, n);
        k.softmaxBackward(x, g, o, m, n);
      },
    },
  ];
}

/**
 * Window shapes: padding, stride 2, non-square kernels and overlapping windows, on odd image sizes; the 2×2 pools of
 * stride 2 (the SIMD path) on even and odd sizes; convolutions on the direct kernels (stride 1, no padding, output
 * rows 4k wide: 8 + 4 wide tiles, 5 filters), LeNet's two among them.
 */
const WINDOWS: { input: [number, number, number]; kernel: PerAxis; stride: PerAxis; padding: PerAxis; outChannels: number }[] = [
  { input: [1, 5, 5], kernel: 3, stride: 1, padding: 1, outChannels: 3 },
  { input: [3, 7, 6], kernel: [3, 2], stride: 2, padding: [1, 0], outChannels: 5 },
  { input: [2, 9, 4], kernel: 2, stride: [1, 2], padding: 1, outChannels: 2 },
  { input: [4, 6, 6], kernel: 5, stride: 3, padding: 2, outChannels: 9 },
  { input: [3, 16, 8], kernel: 2, stride: 2, padding: 0, outChannels: 4 },
  { input: [2, 11, 19], kernel: 2, stride: 2, padding: 0, outChannels: 1 },
  { input: [2, 7, 14], kernel: 3, stride: 1, padding: 0, outChannels: 5 },
  { input: [1, 28, 28], kernel: 5, stride: 1, padding: 0, outChannels: 6 },
  { input: [6, 12, 12], kernel: 5, stride: 1, padding: 0, outChannels: 16 },
];

/** A dot product of a patch; the filter gradient sums over the batch and the positions (up to 11 × 576 terms). */
const CONV_TOLERANCE = 1e-4;

function windowCases(seed: number): Case[] {
  // more samples than chunks (WINDOW_TASK_CHUNKS): chunks of one and two samples
  const batch = 11;
  return WINDOWS.flatMap(({ input, kernel, stride, padding, outChannels }, index): Case[] => {
    const w = window2D('test', ...input, kernel, stride, padding);
    const name = `[${input.join(', ')}] kernel ${String(kernel)} stride ${String(stride)} padding ${String(padding)}`;
    const values = (length: number, offset: number) => () => seededValues(length, seed + index * 10 + offset);
    const inputs = values(batch * w.channels * w.height * w.width, 1);
    const pooled = values(batch * w.channels * w.outHeight * w.outWidth, 3);
    const convolved = values(batch * outChannels * w.outHeight * w.outWidth, 4);
    const patch = w.channels * w.kernelHeight * w.kernelWidth;
    const weights = values(outChannels * patch, 5);
    const biases = values(outChannels, 6);
    const t = ELEMENTWISE_TOLERANCE;
    const cases: Case[] = [
      {
        name: `conv2d ${name}`, args: [inputs(), weights(), biases(), convolved()], outputs: [3], tolerance: CONV_TOLERANCE,
        run: (k, [x, wt, b, o]) => k.conv2d(x, wt, b, o, batch, w, outChannels),
      },
      {
        name: `conv2d without bias ${name}`, args: [inputs(), weights(), convolved()], outputs: [2], tolerance: CONV_TOLERANCE,
        run: (k, [x, wt, o]) => k.conv2d(x, wt, null, o, batch, w, outChannels),
      },
      {
        name: `conv2dBackward ${name}`, args: [inputs(), convolved(), weights(), weights(), biases(), inputs()],
        outputs: [3, 4, 5], tolerance: CONV_TOLERANCE,
        run: (k, [x, g, wt, gw, gb, gi]) => k.conv2dBackward(x, g, wt, gw, gb, gi, batch, w, outChannels),
      },
      {
        name: `conv2dBackward of the parameters only, no bias ${name}`, args: [inputs(), convolved(), weights(), weights()],
        outputs: [3], tolerance: CONV_TOLERANCE,
        run: (k, [x, g, wt, gw]) => k.conv2dBackward(x, g, wt, gw, null, null, batch, w, outChannels),
      },
      {
        name: `conv2dBackward of the input only ${name}`, args: [inputs(), convolved(), weights(), inputs()],
        outputs: [3], tolerance: CONV_TOLERANCE,
        run: (k, [x, g, wt, gi]) => k.conv2dBackward(x, g, wt, null, null, gi, batch, w, outChannels),
      },
      { name: `avgPool ${name}`, args: [inputs(), pooled()], outputs: [1], tolerance: 1e-5, run: (k, [x, o]) => k.avgPool(x, o, batch, w) },
      {
        name: `avgPoolBackward ${name}`, args: [pooled(), inputs()], outputs: [1], tolerance: 1e-5,
        run: (k, [g, o]) => k.avgPoolBackward(g, o, batch, w),
      },
    ];
    // PyTorch limits pool padding to half the kernel; the max kernels assume it (no window all padding)
    if (2 * w.padHeight <= w.kernelHeight && 2 * w.padWidth <= w.kernelWidth) {
      cases.push(
        { name: `maxPool ${name}`, args: [inputs(), pooled()], outputs: [1], tolerance: t, run: (k, [x, o]) => k.maxPool(x, o, batch, w) },
        {
          name: `maxPoolBackward ${name}`, args: [inputs(), pooled(), inputs()], outputs: [2], tolerance: t,
          run: (k, [x, g, o]) => k.maxPoolBackward(x, g, o, batch, w),
        },
      );
    }
    return cases;
  });
}

describe('WASM kernels agree with the TypeScript kernels', () => {
  for (const storage of ['wasm memory', 'plain arrays'] as const) {
    describe(`with ${storage}`, () => {
      it('the three GEMM forms at odd sizes', () => {
        const cases = gemmCases();
        assert.ok(cases.length > 100, `expected many GEMM shapes, got ${cases.length}`);
        for (const testCase of cases) check(testCase, storage);
      });

      it('activations and optimizer updates at odd lengths', () => {
        for (const length of SIZES) for (const testCase of elementCases(length, length * 7)) check(testCase, storage);
      });

      it('the window kernels (convolution and its gradients, both pools and their gradients)', () => {
        const cases = windowCases(500);
        assert.equal(cases.length, WINDOWS.length * 9);
        for (const testCase of cases) check(testCase, storage);
      });

      it('row-wise operations at odd shapes', () => {
        for (const m of SIZES) {
          for (const n of SIZES) for (const testCase of rowCases(m, n, m * 1000 + n)) check(testCase, storage);
        }
      });
    });
  }

  it('GEMM products larger than one cache block (several K, M and N blocks)', () => {
    for (const [m, k, n] of [[130, 600, 520], [300, 257, 9]]) {
      const a = seededValues(m * k, m), b = seededValues(k * n, n), out = new Float32Array(m * n);
      check(
        { name: `matmul ${m}x${k}x${n}`, args: [a, b, out], outputs: [2], tolerance: 1e-4,
          run: (kernels, [x, y, o]) => kernels.matmul(x, y, o, m, k, n) },
        'wasm memory',
      );
    }
  });

  it('a product with an empty shared dimension writes zeros', () => {
    const wasm = wasmKernels();
    const out = wasm.allocate(6);
    out.fill(5);
    wasm.matmul(wasm.allocate(0), wasm.allocate(0), out, 2, 0, 3);
    assert.deepEqual(Array.from(out), [0, 0, 0, 0, 0, 0]);
  });

  it('leaves no trace of a rejected call in the next one', () => {
    const wasm = wasmKernels();
    const w = new Float32Array([1, 2, 3, 4]);
    assert.throws(
      () => wasm.momentumUpdate(w, new Float32Array(4), new Float32Array(2), 4, 0.1, 0.9),
      /momentumUpdate: argument "u" has 2 values but the given sizes need 4/,
    );
    w[0] = 9; // a stale copy-back of the rejected call would undo this
    const out = new Float32Array(3);
    wasm.relu(new Float32Array([-1, 5, 7]), out, 3);
    assert.deepEqual(Array.from(out), [0, 5, 7]);
    assert.deepEqual(Array.from(w), [9, 2, 3, 4], 'the rejected call must not copy anything back later');
  });

  it('rejects arrays shorter than the sizes say, naming the kernel and argument', () => {
    const wasm = wasmKernels();
    assert.throws(
      () => wasm.matmul(wasm.allocate(5), wasm.allocate(6), wasm.allocate(4), 2, 3, 2),
      /matmul: argument "a" has 5 values but the given sizes need 6/,
    );
  });
});
