import type { ElementwiseKernels } from '../kernels';

/**
 * tanh x (torch.nn.Tanh). The derivative is 1 - tanh² x, computed from x as sech² x = 4e / (1 + e)² with
 * e = exp(-2|x|): 1 - y² from the float32 output would lose every digit once y rounds to ±1 (|x| > 9).
 */
export const tanhKernels: ElementwiseKernels = {
  name: 'tanh',

  forward(x, out, length) {
    for (let i = 0; i < length; i++) out[i] = Math.tanh(x[i]);
  },

  backward(x, gradOut, gradIn, length) {
    for (let i = 0; i < length; i++) {
      const e = Math.exp(-2 * Math.abs(x[i]));
      gradIn[i] = (gradOut[i] * 4 * e) / ((1 + e) * (1 + e));
    }
  },
};
