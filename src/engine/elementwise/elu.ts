import type { ElementwiseKernels } from '../kernels';

export type EluSettings = readonly [alpha: number];

/**
 * ELU (torch.nn.ELU): x > 0 ? x : alpha (exp(x) - 1). The derivative is 1 for x > 0, else alpha exp(x); at 0
 * it is the left one, alpha, as in PyTorch.
 */
export const eluKernels: ElementwiseKernels<EluSettings> = {
  name: 'elu',

  forward(x, out, length, [alpha]) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      out[i] = v > 0 ? v : alpha * Math.expm1(v);
    }
  },

  backward(x, gradOut, gradIn, length, [alpha]) {
    for (let i = 0; i < length; i++) {
      const v = x[i];
      gradIn[i] = v > 0 ? gradOut[i] : gradOut[i] * alpha * Math.exp(v);
    }
  },
};
