// GELU with PyTorch's tanh approximation (torch.nn.GELU(approximate='tanh')), four lanes at a time; the
// TypeScript twin is src/engine/elementwise/gelu.ts, which explains the formula.
import { load4, store4 } from './lanes';
import { sigmoid4 } from './vector-math';

/** 2 sqrt(2/π) and 2 sqrt(2/π) 0.044715: 2u = x (A + B x²) */
const A: f32 = 1.5957691216057308;
const B: f32 = 0.07135481627159664;
/** Beyond ±20 the derivative is exactly 1 or 0 in float32 (and for huge x, B x² would make it 0 · Infinity). */
const DERIVATIVE_SATURATES: f32 = 20;

/** 2u = 2 sqrt(2/π) (x + 0.044715 x³) */
@inline function twiceU(x: v128): v128 {
  return f32x4.mul(x, f32x4.add(f32x4.splat(A), f32x4.mul(f32x4.splat(B), f32x4.mul(x, x))));
}

/** out = x σ(2u) */
export function gelu(x: usize, out: usize, length: i32): void {
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    store4(out, i, length, f32x4.mul(xi, sigmoid4(twiceU(xi))));
  }
}

/** gradIn = gradOut σ(2u) (1 + x σ(-2u) d(2u)/dx), since 1 - σ(2u) = σ(-2u), with d(2u)/dx = A + 3 B x² */
export function geluBackward(x: usize, gradOut: usize, gradIn: usize, length: i32): void {
  const one = f32x4.splat(1);
  const threeB = f32x4.splat(3 * B);
  const lowest = f32x4.splat(-DERIVATIVE_SATURATES);
  const highest = f32x4.splat(DERIVATIVE_SATURATES);
  for (let i = 0; i < length; i += 4) {
    const xi = f32x4.min(f32x4.max(load4(x, i, length), lowest), highest);
    const z = twiceU(xi);
    const slope = f32x4.add(f32x4.splat(A), f32x4.mul(threeB, f32x4.mul(xi, xi)));
    const derivative = f32x4.mul(sigmoid4(z), f32x4.add(one, f32x4.mul(f32x4.mul(xi, sigmoid4(f32x4.neg(z))), slope)));
    store4(gradIn, i, length, f32x4.mul(load4(gradOut, i, length), derivative));
  }
}
