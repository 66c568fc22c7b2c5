/**
 * The pure TypeScript kernel set: the default implementation of `Kernels`.
 *
 * The three matrix products share one packed GEMM: both operands are copied, a block of the shared dimension
 * at a time, into small contiguous panels (4 rows of A interleaved, 4 columns of B interleaved), and a 4×4
 * register-tiled micro-kernel multiplies a panel pair while holding its 16 sums in local variables. Packing
 * makes every inner-loop load contiguous whatever the transposition, and costs O(MK + KN) against O(MKN).
 * Packing buffers grow once and are reused, so no call allocates after warm-up.
 */
import type { Kernels } from './kernels';
import { convolutionKernels, poolKernels, type ConvolutionProducts } from './window-kernels-ts';

/** Rows/columns per micro-kernel tile. The code below is written out for exactly 4. */
const TILE = 4;
/** Longest block of the shared dimension packed at a time, so a packed A block stays in L2 cache. */
const K_BLOCK = 256;

let packedA = new Float32Array(0);
let packedB = new Float32Array(0);
/** Spill space for tiles that overhang the output's edge. */
const edgeTile = new Float64Array(TILE * TILE);

/**
 * out[M,N] = A'[M,K] · B'[K,N], where A' is `a` ([M,K]) or, if `transposeA`, aᵀ with `a` stored [K,M];
 * and B' is `b` ([K,N]) or, if `transposeB`, bᵀ with `b` stored [N,K].
 */
function gemm(
  a: Float32Array, transposeA: boolean, b: Float32Array, transposeB: boolean, out: Float32Array,
  M: number, N: number, K: number,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    out.fill(0, 0, M * N);
    return;
  }
  const paddedM = (M + TILE - 1) & ~(TILE - 1);
  // Equal blocks (784 = 4 x 196, not 3 x 256 + 16), so no block is too short to pay for its packing.
  const blocks = Math.ceil(K / K_BLOCK);
  const blockK = Math.ceil(K / blocks);
  if (packedA.length < paddedM * blockK) packedA = new Float32Array(paddedM * blockK);
  if (packedB.length < TILE * blockK) packedB = new Float32Array(TILE * blockK);
  const pa = packedA;
  const pb = packedB;

  for (let k0 = 0; k0 < K; k0 += blockK) {
    const kc = Math.min(blockK, K - k0);
    // The first block writes the output, later blocks add to it: no separate zeroing pass.
    const accumulate = k0 > 0;
    packRowPanels(a, transposeA, pa, M, K, paddedM, k0, kc);
    for (let j = 0; j < N; j += TILE) {
      packColumnPanel(b, transposeB, pb, N, K, j, k0, kc);
      const fullColumns = j + TILE <= N;
      for (let i = 0; i < M; i += TILE) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let ao = i * kc;
        let bo = 0;
        for (let p = 0; p < kc; p++) {
          const a0 = pa[ao], a1 = pa[ao + 1], a2 = pa[ao + 2], a3 = pa[ao + 3];
          const b0 = pb[bo], b1 = pb[bo + 1], b2 = pb[bo + 2], b3 = pb[bo + 3];
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          ao += TILE;
          bo += TILE;
        }
        if (fullColumns && i + TILE <= M) {
          let o = i * N + j;
          if (accumulate) {
            out[o] += c00; out[o + 1] += c01; out[o + 2] += c02; out[o + 3] += c03; o += N;
            out[o] += c10; out[o + 1] += c11; out[o + 2] += c12; out[o + 3] += c13; o += N;
            out[o] += c20; out[o + 1] += c21; out[o + 2] += c22; out[o + 3] += c23; o += N;
            out[o] += c30; out[o + 1] += c31; out[o + 2] += c32; out[o + 3] += c33;
          } else {
            out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03; o += N;
            out[o] = c10; out[o + 1] = c11; out[o + 2] = c12; out[o + 3] = c13; o += N;
            out[o] = c20; out[o + 1] = c21; out[o + 2] = c22; out[o + 3] = c23; o += N;
            out[o] = c30; out[o + 1] = c31; out[o + 2] = c32; out[o + 3] = c33;
          }
        } else {
          const t = edgeTile;
          t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
          t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
          t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
          t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
          const rows = Math.min(TILE, M - i);
          const cols = Math.min(TILE, N - j);
          for (let r = 0; r < rows; r++) {
            const o = (i + r) * N + j;
            for (let c = 0; c < cols; c++) out[o + c] = (accumulate ? out[o + c] : 0) + t[r * TILE + c];
          }
        }
      }
    }
  }
}

/** Packs rows of A' (all M, shared-dimension block [k0, k0+kc)) into 4-row interleaved panels, zero-padded. */
function packRowPanels(
  a: Float32Array, transposed: boolean, pa: Float32Array, M: number, K: number, paddedM: number, k0: number, kc: number,
): void {
  if (transposed) {
    // A' = aᵀ with `a` stored [K, M]: row p of `a` holds column p of A', so read it in order.
    for (let p = 0; p < kc; p++) {
      const source = (k0 + p) * M;
      for (let i = 0; i < paddedM; i += TILE) {
        const target = i * kc + p * TILE;
        for (let r = 0; r < TILE; r++) pa[target + r] = i + r < M ? a[source + i + r] : 0;
      }
    }
    return;
  }
  for (let i = 0; i < paddedM; i += TILE) {
    const base = i * kc;
    for (let r = 0; r < TILE; r++) {
      const row = i + r;
      if (row >= M) {
        for (let p = 0; p < kc; p++) pa[base + p * TILE + r] = 0;
      } else {
        const start = row * K + k0;
        for (let p = 0; p < kc; p++) pa[base + p * TILE + r] = a[start + p];
      }
    }
  }
}

/** Packs columns j..j+3 of B' (shared-dimension block [k0, k0+kc)) into one interleaved panel, zero-padded. */
function packColumnPanel(
  b: Float32Array, transposed: boolean, pb: Float32Array, N: number, K: number, j: number, k0: number, kc: number,
): void {
  if (!transposed && j + TILE <= N) {
    // B' = b stored [K, N]: the panel's 4 values of each row p are contiguous.
    for (let p = 0; p < kc; p++) {
      const source = (k0 + p) * N + j;
      const target = p * TILE;
      pb[target] = b[source];
      pb[target + 1] = b[source + 1];
      pb[target + 2] = b[source + 2];
      pb[target + 3] = b[source + 3];
    }
    return;
  }
  for (let c = 0; c < TILE; c++) {
    const col = j + c;
    if (col >= N) {
      for (let p = 0; p < kc; p++) pb[p * TILE + c] = 0;
    } else if (!transposed) {
      for (let p = 0; p < kc; p++) pb[p * TILE + c] = b[(k0 + p) * N + col];
    } else {
      const start = col * K + k0;
      for (let p = 0; p < kc; p++) pb[p * TILE + c] = b[start + p];
    }
  }
}

/** The matrix products and row operations, which the convolution runs on too. */
const products: ConvolutionProducts = {
  matmul(a, b, out, m, k, n) {
    gemm(a, false, b, false, out, m, n, k);
  },

  matmulTransA(a, b, out, m, k, n) {
    // out[k,n] = aᵀ[k,m] · b[m,n]; `a` is stored [m,k].
    gemm(a, true, b, false, out, k, n, m);
  },

  matmulTransB(a, b, out, m, k, n) {
    // out[m,k] = a[m,n] · bᵀ[n,k]; `b` is stored [k,n].
    gemm(a, false, b, true, out, m, k, n);
  },

  addRowVector(x, bias, m, n) {
    for (let r = 0; r < m; r++) {
      const base = r * n;
      for (let c = 0; c < n; c++) x[base + c] += bias[c];
    }
  },

  sumRows(a, out, m, n) {
    out.fill(0, 0, n);
    for (let r = 0; r < m; r++) {
      const base = r * n;
      for (let c = 0; c < n; c++) out[c] += a[base + c];
    }
  },
};

export const typescriptKernels: Kernels = {
  name: 'ts',

  allocate(length: number): Float32Array {
    return new Float32Array(length);
  },

  ...products,

  relu(x, out, length) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      out[i] = v > 0 ? v : 0;
    }
  },

  reluBackward(x, gradOut, gradIn, length) {
    for (let i = 0; i < length; i++) gradIn[i] = x[i] > 0 ? gradOut[i] : 0;
  },

  leakyRelu(x, out, length, slope) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      out[i] = v > 0 ? v : slope * v;
    }
  },

  leakyReluBackward(x, gradOut, gradIn, length, slope) {
    for (let i = 0; i < length; i++) gradIn[i] = x[i] > 0 ? gradOut[i] : slope * gradOut[i];
  },

  sigmoid(x, out, length) {
    for (let i = 0; i < length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
  },

  sigmoidBackward(y, gradOut, gradIn, length) {
    for (let i = 0; i < length; i++) {
      const v = y[i];
      gradIn[i] = gradOut[i] * v * (1 - v);
    }
  },

  elementwise(f, x, out, length, settings) {
    f.forward(x, out, length, settings);
  },

  elementwiseBackward(f, x, gradOut, gradIn, length, settings) {
    f.backward(x, gradOut, gradIn, length, settings);
  },

  softmax(x, out, m, n) {
    for (let r = 0; r < m; r++) {
      const base = r * n;
      let max = -Infinity;
      for (let c = 0; c < n; c++) if (x[base + c] > max) max = x[base + c];
      let sum = 0;
      for (let c = 0; c < n; c++) {
        const e = Math.exp(x[base + c] - max);
        out[base + c] = e;
        sum += e;
      }
      const inverse = 1 / sum;
      for (let c = 0; c < n; c++) out[base + c] *= inverse;
    }
  },

  softmaxBackward(y, gradOut, gradIn, m, n) {
    for (let r = 0; r < m; r++) {
      const base = r * n;
      let dot = 0;
      for (let c = 0; c < n; c++) dot += gradOut[base + c] * y[base + c];
      for (let c = 0; c < n; c++) gradIn[base + c] = y[base + c] * (gradOut[base + c] - dot);
    }
  },

  ...poolKernels,
  ...convolutionKernels(products),

  sgdUpdate(w, g, length, lr) {
    for (let i = 0; i < length; i++) w[i] -= lr * g[i];
  },

  momentumUpdate(w, g, u, length, lr, momentum) {
    for (let i = 0; i < length; i++) {
      const next = momentum * u[i] + lr * g[i];
      u[i] = next;
      w[i] -= next;
    }
  },

  rmspropUpdate(w, g, s, length, lr, beta, eps) {
    for (let i = 0; i < length; i++) {
      const gi = g[i];
      const next = beta * s[i] + (1 - beta) * gi * gi;
      s[i] = next;
      w[i] -= (lr * gi) / Math.sqrt(next + eps);
    }
  },

  adamUpdate(w, g, m, v, length, lr, beta1, beta2, eps, step, nesterov) {
    const correction1 = 1 - Math.pow(beta1, step);
    const correction2 = 1 - Math.pow(beta2, step);
    for (let i = 0; i < length; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + (1 - beta1) * gi;
      const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      const mhat = mi / correction1;
      const denominator = Math.sqrt(vi / correction2) + eps;
      const numerator = nesterov ? beta1 * mhat + ((1 - beta1) * gi) / correction1 : mhat;
      w[i] -= (lr * numerator) / denominator;
    }
  },

  addScaled(y, x, length, alpha) {
    for (let i = 0; i < length; i++) y[i] += alpha * x[i];
  },

  scale(x, length, factor) {
    for (let i = 0; i < length; i++) x[i] *= factor;
  },

  sumOfSquares(x, length) {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += x[i] * x[i];
    return sum;
  },
};
