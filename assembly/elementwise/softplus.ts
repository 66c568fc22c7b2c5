// Softplus (torch.nn.Softplus), four lanes at a time; the TypeScript twin is src/engine/elementwise/softplus.ts.
import { load4, store4 } from './lanes';
import { exp4, mulAdd, sigmoid4, splat } from './vector-math';

/**
 * ln(1 + u) for u in [0, 1]: 2 atanh(s) with s = u / (2 + u) <= 1/3, as the series
 * 2 (s + s³/3 + s⁵/5 + ... + s¹³/13), whose first left-out term is below 0.3 ulp.
 */
@inline function log1p4(u: v128): v128 {
  const s = f32x4.div(u, f32x4.add(u, splat(2)));
  const w = f32x4.mul(s, s);
  let p = splat(0.07692307692);
  p = mulAdd(p, w, splat(0.09090909091));
  p = mulAdd(p, w, splat(0.11111111111));
  p = mulAdd(p, w, splat(0.14285714286));
  p = mulAdd(p, w, splat(0.2));
  p = mulAdd(p, w, splat(0.33333333333));
  p = mulAdd(p, w, splat(1));
  return f32x4.mul(f32x4.add(s, s), p);
}

/** out = βx > threshold ? x : ln(1 + e^βx) / β, computed as (max(βx, 0) + ln(1 + e^-|βx|)) / β */
export function softplus(x: usize, out: usize, length: i32, beta: f32, threshold: f32): void {
  const betas = f32x4.splat(beta);
  const thresholds = f32x4.splat(threshold);
  const zero = f32x4.splat(0);
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    const z = f32x4.mul(betas, xi);
    const smooth = f32x4.add(f32x4.max(z, zero), log1p4(exp4(f32x4.neg(f32x4.abs(z)))));
    store4(out, i, length, v128.bitselect(xi, f32x4.div(smooth, betas), f32x4.gt(z, thresholds)));
  }
}

/** gradIn = βx > threshold ? gradOut : gradOut σ(βx) */
export function softplusBackward(
  x: usize, gradOut: usize, gradIn: usize, length: i32, beta: f32, threshold: f32,
): void {
  const betas = f32x4.splat(beta);
  const thresholds = f32x4.splat(threshold);
  for (let i = 0; i < length; i += 4) {
    const z = f32x4.mul(betas, load4(x, i, length));
    const g = load4(gradOut, i, length);
    store4(gradIn, i, length, v128.bitselect(g, f32x4.mul(g, sigmoid4(z)), f32x4.gt(z, thresholds)));
  }
}
