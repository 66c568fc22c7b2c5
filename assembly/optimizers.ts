// Optimizer updates, four parameters at a time with a scalar tail. The caller computes 1 - beta and the bias
// corrections 1 - beta^t in double precision: 1 - 0.999 evaluated in float32 (from 0.999 rounded to float32) is
// 1.3e-5 off in relative terms, an error that would reach the weights through vhat.
// Pointers are byte offsets into linear memory; lengths are in floats.

/** w -= lr * g */
export function sgdUpdate(w: usize, g: usize, length: i32, lr: f32): void {
  const rate = f32x4.splat(lr);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    v128.store(w + i, f32x4.sub(v128.load(w + i), f32x4.mul(rate, v128.load(g + i))));
  }
  for (; i < end; i += 4) store<f32>(w + i, load<f32>(w + i) - lr * load<f32>(g + i));
}

/** u = momentum * u + lr * g; w -= u */
export function momentumUpdate(w: usize, g: usize, u: usize, length: i32, lr: f32, momentum: f32): void {
  const rate = f32x4.splat(lr);
  const mom = f32x4.splat(momentum);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const next = f32x4.add(f32x4.mul(mom, v128.load(u + i)), f32x4.mul(rate, v128.load(g + i)));
    v128.store(u + i, next);
    v128.store(w + i, f32x4.sub(v128.load(w + i), next));
  }
  for (; i < end; i += 4) {
    const next = momentum * load<f32>(u + i) + lr * load<f32>(g + i);
    store<f32>(u + i, next);
    store<f32>(w + i, load<f32>(w + i) - next);
  }
}

/** s = beta * s + (1 - beta) * g²; w -= lr * g / sqrt(s + eps) */
export function rmspropUpdate(
  w: usize, g: usize, s: usize, length: i32, lr: f32, beta: f32, oneMinusBeta: f32, eps: f32,
): void {
  const rate = f32x4.splat(lr);
  const decay = f32x4.splat(beta);
  const keep = f32x4.splat(oneMinusBeta);
  const epsilon = f32x4.splat(eps);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const gi = v128.load(g + i);
    const next = f32x4.add(f32x4.mul(decay, v128.load(s + i)), f32x4.mul(keep, f32x4.mul(gi, gi)));
    v128.store(s + i, next);
    const step = f32x4.div(f32x4.mul(rate, gi), f32x4.sqrt(f32x4.add(next, epsilon)));
    v128.store(w + i, f32x4.sub(v128.load(w + i), step));
  }
  for (; i < end; i += 4) {
    const gi = load<f32>(g + i);
    const next = beta * load<f32>(s + i) + oneMinusBeta * gi * gi;
    store<f32>(s + i, next);
    store<f32>(w + i, load<f32>(w + i) - (lr * gi) / Mathf.sqrt(next + eps));
  }
}

/**
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²; mhat = m / correction1; vhat = v / correction2;
 * Adam:  w -= lr * mhat / (sqrt(vhat) + eps)
 * Nadam: w -= lr * (b1 * mhat + (1-b1) * g / correction1) / (sqrt(vhat) + eps)
 */
export function adamUpdate(
  w: usize, g: usize, m: usize, v: usize, length: i32,
  lr: f32, beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, eps: f32,
  correction1: f32, correction2: f32, nesterov: bool,
): void {
  const rate = f32x4.splat(lr);
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const keep1 = f32x4.splat(oneMinusBeta1);
  const keep2 = f32x4.splat(oneMinusBeta2);
  const epsilon = f32x4.splat(eps);
  const c1 = f32x4.splat(correction1);
  const c2 = f32x4.splat(correction2);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const gi = v128.load(g + i);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + i)), f32x4.mul(keep1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + i)), f32x4.mul(keep2, f32x4.mul(gi, gi)));
    v128.store(m + i, mi);
    v128.store(v + i, vi);
    const mhat = f32x4.div(mi, c1);
    const denominator = f32x4.add(f32x4.sqrt(f32x4.div(vi, c2)), epsilon);
    const numerator = nesterov
      ? f32x4.add(f32x4.mul(b1, mhat), f32x4.div(f32x4.mul(keep1, gi), c1))
      : mhat;
    v128.store(w + i, f32x4.sub(v128.load(w + i), f32x4.div(f32x4.mul(rate, numerator), denominator)));
  }
  for (; i < end; i += 4) {
    const gi = load<f32>(g + i);
    const mi = beta1 * load<f32>(m + i) + oneMinusBeta1 * gi;
    const vi = beta2 * load<f32>(v + i) + oneMinusBeta2 * gi * gi;
    store<f32>(m + i, mi);
    store<f32>(v + i, vi);
    const mhat = mi / correction1;
    const denominator = Mathf.sqrt(vi / correction2) + eps;
    const numerator = nesterov ? beta1 * mhat + (oneMinusBeta1 * gi) / correction1 : mhat;
    store<f32>(w + i, load<f32>(w + i) - (lr * numerator) / denominator);
  }
}
