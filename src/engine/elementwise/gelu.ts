import type { ElementwiseKernels } from '../kernels';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const KAPPA = 0.044715;

/**
 * GELU with the tanh approximation, as torch.nn.GELU(approximate='tanh'): 0.5 x (1 + tanh u) with
 * u = sqrt(2/π) (x + 0.044715 x³). Since 1 + tanh u = 2 σ(2u), it is computed as x σ(2u) = x / (1 + exp(-2u)),
 * which neither cancels for negative x nor overflows (exp(-2u) = Infinity gives -0). The derivative is
 * s (1 + x (1 - s) d(2u)/dx) with s = σ(2u) and d(2u)/dx = 2 sqrt(2/π) (1 + 3 · 0.044715 x²).
 */
export const geluKernels: ElementwiseKernels = {
  name: 'gelu',

  forward(x, out, length) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      const u = SQRT_2_OVER_PI * (v + KAPPA * v * v * v);
      out[i] = v / (1 + Math.exp(-2 * u));
    }
  },

  backward(x, gradOut, gradIn, length) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      const u = SQRT_2_OVER_PI * (v + KAPPA * v * v * v);
      const s = 1 / (1 + Math.exp(-2 * u));
      const slope = 2 * SQRT_2_OVER_PI * (1 + 3 * KAPPA * v * v);
      gradIn[i] = gradOut[i] * s * (1 + v * (1 - s) * slope);
    }
  },
};
