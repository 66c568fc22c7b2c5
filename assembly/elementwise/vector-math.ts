// exp and the logistic sigmoid on four float32 lanes, for the element-wise activations (which keep the functions
// only one of them needs, like tanh, in their own file). WebAssembly has no vector transcendental functions (and
// a per-lane Math call would turn the loops scalar), so these are the classic range-reduced polynomials, accurate
// to about 1-2 float32 ulp and saturating as the functions do: exp overflows to Infinity and underflows to 0
// (through the subnormals), NaN stays NaN.

const LOG2E: f32 = 1.4426950408889634;
/** ln 2 in two parts; LN2_HI has 9 significant bits, so n * LN2_HI is exact for the n that occur here. */
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** Beyond these, e^x is 0 or Infinity in float32; clamping keeps n within what the scaling below can hold. */
const EXP_LOWEST: f32 = -104;
const EXP_HIGHEST: f32 = 89;

/** The same value in all four lanes. */
@inline export function splat(value: f32): v128 {
  return f32x4.splat(value);
}

/** a * b + c */
@inline export function mulAdd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 2^k for integer lanes k in [-126, 127], built in the exponent bits. */
@inline function powerOfTwo(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

/** e^x: x = n ln2 + r with |r| <= ln2 / 2, e^r by Cephes' expf polynomial, times 2^n. */
@inline export function exp4(x: v128): v128 {
  const clamped = f32x4.min(f32x4.max(x, splat(EXP_LOWEST)), splat(EXP_HIGHEST));
  const n = f32x4.nearest(f32x4.mul(clamped, splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(clamped, f32x4.mul(n, splat(LN2_HI))), f32x4.mul(n, splat(LN2_LO)));
  let p = splat(1.9875691500e-4);
  p = mulAdd(p, r, splat(1.3981999507e-3));
  p = mulAdd(p, r, splat(8.3334519073e-3));
  p = mulAdd(p, r, splat(4.1665795894e-2));
  p = mulAdd(p, r, splat(1.6666665459e-1));
  p = mulAdd(p, r, splat(5.0000001201e-1));
  const expR = f32x4.add(mulAdd(f32x4.mul(r, r), p, r), splat(1));
  // 2^n in two halves, each within the exponent's range for n in [-150, 128]; the second product rounds once,
  // to a subnormal, to 0 or to Infinity exactly where e^x does.
  const k = i32x4.trunc_sat_f32x4_s(n);
  const half = i32x4.shr_s(k, 1);
  return f32x4.mul(f32x4.mul(expR, powerOfTwo(half)), powerOfTwo(i32x4.sub(k, half)));
}

/**
 * The logistic sigmoid σ(z) = 1 / (1 + e^-z), from e = e^-|z| <= 1 so that nothing overflows: 1 / (1 + e) for
 * z >= 0 and e / (1 + e) below, accurate down to the subnormals. 1 - σ(z) is σ(-z), without cancellation.
 */
@inline export function sigmoid4(z: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(z)));
  const onePlusE = f32x4.add(splat(1), e);
  return v128.bitselect(f32x4.div(splat(1), onePlusE), f32x4.div(e, onePlusE), f32x4.ge(z, splat(0)));
}
