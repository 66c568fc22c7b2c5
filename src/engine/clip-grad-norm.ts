import { kernels } from './kernels';
import type { Tensor } from './tensor';

/** What torch adds to the norm before dividing, so that a zero gradient is left alone. */
const NORM_EPSILON = 1e-6;

/**
 * Scales every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), where ‖g‖ is the L2 norm of all of them together, as
 * torch.nn.utils.clip_grad_norm_ does; returns ‖g‖ before clipping.
 */
export function clipGradNorm(grads: readonly Tensor[], maxNorm: number): number {
  const k = kernels();
  let squares = 0;
  for (const grad of grads) squares += k.sumOfSquares(grad.data, grad.size);
  const norm = Math.sqrt(squares);
  const factor = maxNorm / (norm + NORM_EPSILON);
  if (factor < 1) for (const grad of grads) k.scale(grad.data, grad.size, factor);
  return norm;
}
