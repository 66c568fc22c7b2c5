import type { ElementwiseKernels } from '../kernels';

/**
 * SiLU (torch.nn.SiLU): x σ(x) = x / (1 + exp(-x)), which for large negative x gives -0 rather than overflow.
 * The derivative is s (1 + x (1 - s)) with s = σ(x).
 */
export const siluKernels: ElementwiseKernels = {
  name: 'silu',

  forward(x, out, length) {
    for (let i = 0; i < length; i++) out[i] = x[i] / (1 + Math.exp(-x[i]));
  },

  backward(x, gradOut, gradIn, length) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      const s = 1 / (1 + Math.exp(-v));
      gradIn[i] = gradOut[i] * s * (1 + v * (1 - s));
    }
  },
};
