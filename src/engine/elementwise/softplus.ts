import type { ElementwiseKernels } from '../kernels';

export type SoftplusSettings = readonly [beta: number, threshold: number];

/**
 * Softplus (torch.nn.Softplus): ln(1 + exp(βx)) / β, and x itself where βx > threshold. The logarithm is taken
 * as max(βx, 0) + ln(1 + exp(-|βx|)), which never overflows, whatever the threshold. The derivative is σ(βx),
 * and 1 above the threshold.
 */
export const softplusKernels: ElementwiseKernels<SoftplusSettings> = {
  name: 'softplus',

  forward(x, out, length, [beta, threshold]) {
    for (let i = 0; i < length; i++) {
      const z = beta * x[i];
      out[i] = z > threshold ? x[i] : (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))) / beta;
    }
  },

  backward(x, gradOut, gradIn, length, [beta, threshold]) {
    for (let i = 0; i < length; i++) {
      const z = beta * x[i];
      gradIn[i] = z > threshold ? gradOut[i] : gradOut[i] / (1 + Math.exp(-z));
    }
  },
};
