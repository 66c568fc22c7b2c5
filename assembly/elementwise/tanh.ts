// Tanh (torch.nn.Tanh), four lanes at a time; the TypeScript twin is src/engine/elementwise/tanh.ts.
import { load4, store4 } from './lanes';
import { exp4, mulAdd, splat } from './vector-math';

/** Below this |x|, tanh uses Cephes' polynomial. */
const TANH_POLYNOMIAL_BOUND: f32 = 0.625;

/**
 * tanh x as in Cephes' tanhf: below |x| = 0.625 an odd polynomial, above it 1 - 2 / (e^(2|x|) + 1), which is
 * exactly 1 once e^(2|x|) overflows; then the sign of x (also for -0).
 */
@inline function tanh4(x: v128): v128 {
  const x2 = f32x4.mul(x, x);
  let p = splat(-5.70498872745e-3);
  p = mulAdd(p, x2, splat(2.06390887954e-2));
  p = mulAdd(p, x2, splat(-5.37397155531e-2));
  p = mulAdd(p, x2, splat(1.33314422036e-1));
  p = mulAdd(p, x2, splat(-3.33332819422e-1));
  const small = mulAdd(f32x4.mul(p, x2), x, x);
  const absolute = f32x4.abs(x);
  const e = exp4(f32x4.add(absolute, absolute));
  const large = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(e, splat(1))));
  const magnitude = f32x4.abs(v128.bitselect(small, large, f32x4.lt(absolute, splat(TANH_POLYNOMIAL_BOUND))));
  return v128.or(magnitude, v128.and(x, i32x4.splat(0x80000000)));
}

/** out = tanh x */
export function tanh(x: usize, out: usize, length: i32): void {
  for (let i = 0; i < length; i += 4) store4(out, i, length, tanh4(load4(x, i, length)));
}

/** gradIn = gradOut sech² x = gradOut 4e / (1 + e)², with e = e^(-2|x|) */
export function tanhBackward(x: usize, gradOut: usize, gradIn: usize, length: i32): void {
  const one = f32x4.splat(1);
  const four = f32x4.splat(4);
  const minusTwo = f32x4.splat(-2);
  for (let i = 0; i < length; i += 4) {
    const e = exp4(f32x4.mul(minusTwo, f32x4.abs(load4(x, i, length))));
    const onePlusE = f32x4.add(one, e);
    const derivative = f32x4.div(f32x4.mul(four, e), f32x4.mul(onePlusE, onePlusE));
    store4(gradIn, i, length, f32x4.mul(load4(gradOut, i, length), derivative));
  }
}
