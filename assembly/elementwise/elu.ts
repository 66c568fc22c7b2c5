// ELU (torch.nn.ELU), four lanes at a time; the TypeScript twin is src/engine/elementwise/elu.ts.
import { load4, store4 } from './lanes';
import { exp4, mulAdd, splat } from './vector-math';

/** Below this |x|, expm1 uses its Taylor series (error under 0.3 ulp); above, e^x - 1 loses no accuracy. */
const EXPM1_SERIES_BOUND: f32 = 0.7;

/** e^x - 1, without the cancellation of exp4(x) - 1 near 0. */
@inline function expm1_4(x: v128): v128 {
  // x + x²/2! + ... + x⁹/9!, by Horner's rule on the coefficients 1/2!, 1/3!, ..., 1/9!
  let p = splat(2.7557319e-6);
  p = mulAdd(p, x, splat(2.4801587e-5));
  p = mulAdd(p, x, splat(1.9841270e-4));
  p = mulAdd(p, x, splat(1.3888889e-3));
  p = mulAdd(p, x, splat(8.3333333e-3));
  p = mulAdd(p, x, splat(4.1666667e-2));
  p = mulAdd(p, x, splat(1.6666667e-1));
  p = mulAdd(p, x, splat(0.5));
  const series = mulAdd(f32x4.mul(x, x), p, x);
  const direct = f32x4.sub(exp4(x), splat(1));
  return v128.bitselect(series, direct, f32x4.lt(f32x4.abs(x), splat(EXPM1_SERIES_BOUND)));
}

/** out = x > 0 ? x : alpha (e^x - 1) */
export function elu(x: usize, out: usize, length: i32, alpha: f32): void {
  const alphas = f32x4.splat(alpha);
  const zero = f32x4.splat(0);
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    store4(out, i, length, v128.bitselect(xi, f32x4.mul(alphas, expm1_4(xi)), f32x4.gt(xi, zero)));
  }
}

/** gradIn = x > 0 ? gradOut : gradOut alpha e^x (at 0 the left derivative, alpha, as PyTorch) */
export function eluBackward(x: usize, gradOut: usize, gradIn: usize, length: i32, alpha: f32): void {
  const alphas = f32x4.splat(alpha);
  const zero = f32x4.splat(0);
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    const g = load4(gradOut, i, length);
    store4(gradIn, i, length, v128.bitselect(g, f32x4.mul(g, f32x4.mul(alphas, exp4(xi))), f32x4.gt(xi, zero)));
  }
}
