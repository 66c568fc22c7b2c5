import * as assert from 'node:assert/strict';
import { typescriptKernels as k } from '../../../src/engine/kernels-ts';
import { Random } from '../../../src/engine/random';

const rng = new Random(99);
const SIZES = [1, 3, 17, 33];

function random(length: number, low = -1, high = 1): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = rng.uniform(low, high);
  return values;
}

function assertNear(actual: Float32Array, expected: ArrayLike<number>, what: string, tolerance = 1e-5): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance * scale, `${what} [${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Naive triple loop: out[i,j] = sum_p A(i,p) B(p,j) with accessor functions. */
function naive(m: number, n: number, inner: number, a: (i: number, p: number) => number, b: (p: number, j: number) => number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < inner; p++) sum += a(i, p) * b(p, j);
      out[i * n + j] = sum;
    }
  }
  return out;
}

describe('engine kernels (TypeScript) against naive loops at odd sizes', () => {
  it('has the name "ts" and allocates zero-filled storage', () => {
    assert.equal(k.name, 'ts');
    const storage = k.allocate(5);
    assert.deepEqual(Array.from(storage), [0, 0, 0, 0, 0]);
  });

  for (const m of SIZES) {
    for (const inner of [...SIZES, 300]) {
      for (const n of SIZES) {
        it(`matmul, matmulTransA, matmulTransB at m=${m} k=${inner} n=${n}`, () => {
          const a = random(m * inner);
          const b = random(inner * n);
          const out = new Float32Array(m * n).fill(7); // outputs are overwritten, not accumulated
          k.matmul(a, b, out, m, inner, n);
          assertNear(out, naive(m, n, inner, (i, p) => a[i * inner + p], (p, j) => b[p * n + j]), 'matmul');

          const x = random(m * inner);
          const dy = random(m * n);
          const dw = new Float32Array(inner * n).fill(7);
          k.matmulTransA(x, dy, dw, m, inner, n);
          assertNear(dw, naive(inner, n, m, (i, p) => x[p * inner + i], (p, j) => dy[p * n + j]), 'matmulTransA');

          const w = random(inner * n);
          const dx = new Float32Array(m * inner).fill(7);
          k.matmulTransB(dy, w, dx, m, inner, n);
          assertNear(dx, naive(m, inner, n, (i, p) => dy[i * n + p], (p, j) => w[j * n + p]), 'matmulTransB');
        });
      }
    }
  }

  for (const length of [1, 3, 17, 33]) {
    it(`element-wise kernels at length ${length}`, () => {
      const x = random(length, -3, 3);
      const g = random(length);
      const out = new Float32Array(length);
      k.relu(x, out, length);
      assertNear(out, Array.from(x, (v) => Math.max(v, 0)), 'relu');
      k.reluBackward(x, g, out, length);
      assertNear(out, Array.from(x, (v, i) => (v > 0 ? g[i] : 0)), 'reluBackward');
      k.leakyRelu(x, out, length, 0.1);
      assertNear(out, Array.from(x, (v) => (v > 0 ? v : 0.1 * v)), 'leakyRelu');
      k.leakyReluBackward(x, g, out, length, 0.1);
      assertNear(out, Array.from(x, (v, i) => (v > 0 ? g[i] : 0.1 * g[i])), 'leakyReluBackward');
      k.sigmoid(x, out, length);
      const y = Array.from(x, (v) => 1 / (1 + Math.exp(-v)));
      assertNear(out, y, 'sigmoid');
      k.sigmoidBackward(out, g, out, length);
      assertNear(out, y.map((v, i) => g[i] * v * (1 - v)), 'sigmoidBackward (in place)');
    });
  }

  for (const [m, n] of [[1, 1], [3, 17], [17, 3], [33, 10]]) {
    it(`row kernels at ${m}x${n}`, () => {
      const x = random(m * n, -5, 5);
      const bias = random(n);
      const out = new Float32Array(m * n);
      const withBias = x.slice();
      k.addRowVector(withBias, bias, m, n);
      assertNear(withBias, Array.from(x, (v, i) => v + bias[i % n]), 'addRowVector');
      const sums = new Float32Array(n).fill(7);
      k.sumRows(x, sums, m, n);
      const expectedSums = new Array<number>(n).fill(0);
      x.forEach((v, i) => (expectedSums[i % n] += v));
      assertNear(sums, expectedSums, 'sumRows');

      k.softmax(x, out, m, n);
      const expectedSoftmax: number[] = [];
      for (let r = 0; r < m; r++) {
        const row = Array.from(x.subarray(r * n, r * n + n));
        const max = Math.max(...row);
        const exps = row.map((v) => Math.exp(v - max));
        const total = exps.reduce((s, v) => s + v, 0);
        expectedSoftmax.push(...exps.map((v) => v / total));
      }
      assertNear(out, expectedSoftmax, 'softmax');
      const g = random(m * n);
      const gradIn = new Float32Array(m * n);
      k.softmaxBackward(out, g, gradIn, m, n);
      const expectedBackward: number[] = [];
      for (let r = 0; r < m; r++) {
        let dot = 0;
        for (let c = 0; c < n; c++) dot += g[r * n + c] * expectedSoftmax[r * n + c];
        for (let c = 0; c < n; c++) expectedBackward.push(expectedSoftmax[r * n + c] * (g[r * n + c] - dot));
      }
      assertNear(gradIn, expectedBackward, 'softmaxBackward');
    });
  }

  it('update kernels follow their formulas', () => {
    const length = 17;
    const w0 = random(length);
    const g = random(length);
    const w = w0.slice();
    k.sgdUpdate(w, g, length, 0.1);
    assertNear(w, Array.from(w0, (v, i) => v - 0.1 * g[i]), 'sgdUpdate');

    const u = random(length);
    const u0 = u.slice();
    w.set(w0);
    k.momentumUpdate(w, g, u, length, 0.1, 0.9);
    assertNear(u, Array.from(u0, (v, i) => 0.9 * v + 0.1 * g[i]), 'momentum velocity');
    assertNear(w, Array.from(w0, (v, i) => v - (0.9 * u0[i] + 0.1 * g[i])), 'momentumUpdate');

    const s = random(length, 0, 1);
    const s0 = s.slice();
    w.set(w0);
    k.rmspropUpdate(w, g, s, length, 0.01, 0.9, 1e-8);
    const s1 = Array.from(s0, (v, i) => 0.9 * v + 0.1 * g[i] * g[i]);
    assertNear(s, s1, 'rmsprop state');
    assertNear(w, Array.from(w0, (v, i) => v - (0.01 * g[i]) / Math.sqrt(s1[i] + 1e-8)), 'rmspropUpdate');

    for (const nesterov of [false, true]) {
      const m = random(length);
      const v = random(length, 0, 1);
      const m0 = m.slice();
      const v0 = v.slice();
      w.set(w0);
      k.adamUpdate(w, g, m, v, length, 0.01, 0.9, 0.999, 1e-8, 3, nesterov);
      const expected = Array.from(w0, (wi, i) => {
        const mi = 0.9 * m0[i] + 0.1 * g[i];
        const vi = 0.999 * v0[i] + 0.001 * g[i] * g[i];
        const mhat = mi / (1 - 0.9 ** 3);
        const vhat = vi / (1 - 0.999 ** 3);
        const numerator = nesterov ? 0.9 * mhat + (0.1 * g[i]) / (1 - 0.9 ** 3) : mhat;
        return wi - (0.01 * numerator) / (Math.sqrt(vhat) + 1e-8);
      });
      assertNear(w, expected, nesterov ? 'adamUpdate (Nadam)' : 'adamUpdate');
    }
  });

  it('the weight-decay and clipping kernels follow their formulas', () => {
    const length = 17;
    const x = random(length);
    const y0 = random(length);
    const y = y0.slice();
    k.addScaled(y, x, length, 0.05);
    assertNear(y, Array.from(y0, (v, i) => v + 0.05 * x[i]), 'addScaled');
    const w = y0.slice();
    k.addScaled(w, w, length, -0.01);
    assertNear(w, Array.from(y0, (v) => v * 0.99), 'addScaled of an array onto itself (decoupled weight decay)');
    const scaled = x.slice();
    k.scale(scaled, length, 0.37);
    assertNear(scaled, Array.from(x, (v) => 0.37 * v), 'scale');
    const squares = Array.from(x, (v) => v * v).reduce((sum, v) => sum + v, 0);
    assert.ok(Math.abs(k.sumOfSquares(x, length) - squares) <= 1e-12 * squares, 'sumOfSquares, in double precision');
  });
});
