// Whole-vector operations the training step applies to every parameter or gradient: weight decay (addScaled),
// gradient clipping (sumOfSquares, then scale). Four floats at a time with a scalar tail.
// Pointers are byte offsets into linear memory; lengths are in floats.

/** y += alpha * x */
export function addScaled(y: usize, x: usize, length: i32, alpha: f32): void {
  const factor = f32x4.splat(alpha);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    v128.store(y + i, f32x4.add(v128.load(y + i), f32x4.mul(factor, v128.load(x + i))));
  }
  for (; i < end; i += 4) store<f32>(y + i, load<f32>(y + i) + alpha * load<f32>(x + i));
}

/** x *= factor */
export function scale(x: usize, length: i32, factor: f32): void {
  const by = f32x4.splat(factor);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) v128.store(x + i, f32x4.mul(by, v128.load(x + i)));
  for (; i < end; i += 4) store<f32>(x + i, factor * load<f32>(x + i));
}

/** The sum of x², accumulated in double precision (a norm over a million gradients stays exact to float32). */
export function sumOfSquares(x: usize, length: i32): f64 {
  let low = f64x2.splat(0);
  let high = f64x2.splat(0);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const values = v128.load(x + i);
    const first = f64x2.promote_low_f32x4(values);
    const second = f64x2.promote_low_f32x4(i32x4.shuffle(values, values, 2, 3, 0, 1));
    low = f64x2.add(low, f64x2.mul(first, first));
    high = f64x2.add(high, f64x2.mul(second, second));
  }
  const both = f64x2.add(low, high);
  let sum = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; i < end; i += 4) {
    const value = <f64>load<f32>(x + i);
    sum += value * value;
  }
  return sum;
}
