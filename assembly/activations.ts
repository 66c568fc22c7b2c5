// Element-wise activations and their gradients, four lanes at a time with a scalar tail.
// Pointers are byte offsets into linear memory; lengths are in floats.

/** out = max(x, 0) */
export function relu(x: usize, out: usize, length: i32): void {
  const zero = f32x4.splat(0);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) v128.store(out + i, f32x4.max(v128.load(x + i), zero));
  for (; i < end; i += 4) {
    const v = load<f32>(x + i);
    store<f32>(out + i, v > 0 ? v : 0);
  }
}

/** gradIn = gradOut where x > 0, else 0 */
export function reluBackward(x: usize, gradOut: usize, gradIn: usize, length: i32): void {
  const zero = f32x4.splat(0);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    v128.store(gradIn + i, v128.and(v128.load(gradOut + i), f32x4.gt(v128.load(x + i), zero)));
  }
  for (; i < end; i += 4) store<f32>(gradIn + i, load<f32>(x + i) > 0 ? load<f32>(gradOut + i) : 0);
}

/** out = x > 0 ? x : slope * x */
export function leakyRelu(x: usize, out: usize, length: i32, slope: f32): void {
  const zero = f32x4.splat(0);
  const slopes = f32x4.splat(slope);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const v = v128.load(x + i);
    v128.store(out + i, v128.bitselect(v, f32x4.mul(v, slopes), f32x4.gt(v, zero)));
  }
  for (; i < end; i += 4) {
    const v = load<f32>(x + i);
    store<f32>(out + i, v > 0 ? v : slope * v);
  }
}

/** gradIn = x > 0 ? gradOut : slope * gradOut */
export function leakyReluBackward(x: usize, gradOut: usize, gradIn: usize, length: i32, slope: f32): void {
  const zero = f32x4.splat(0);
  const slopes = f32x4.splat(slope);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const g = v128.load(gradOut + i);
    v128.store(gradIn + i, v128.bitselect(g, f32x4.mul(g, slopes), f32x4.gt(v128.load(x + i), zero)));
  }
  for (; i < end; i += 4) {
    const g = load<f32>(gradOut + i);
    store<f32>(gradIn + i, load<f32>(x + i) > 0 ? g : slope * g);
  }
}

/** out = 1 / (1 + exp(-x)) */
export function sigmoid(x: usize, out: usize, length: i32): void {
  const end = <usize>length << 2;
  for (let i: usize = 0; i < end; i += 4) {
    store<f32>(out + i, <f32>(1.0 / (1.0 + Math.exp(-<f64>load<f32>(x + i)))));
  }
}

/** gradIn = gradOut * y * (1 - y), given y = sigmoid(x) */
export function sigmoidBackward(y: usize, gradOut: usize, gradIn: usize, length: i32): void {
  const one = f32x4.splat(1);
  const vectorEnd = <usize>(length & ~3) << 2;
  const end = <usize>length << 2;
  let i: usize = 0;
  for (; i < vectorEnd; i += 16) {
    const v = v128.load(y + i);
    v128.store(gradIn + i, f32x4.mul(f32x4.mul(v128.load(gradOut + i), v), f32x4.sub(one, v)));
  }
  for (; i < end; i += 4) {
    const v = load<f32>(y + i);
    store<f32>(gradIn + i, load<f32>(gradOut + i) * v * (1 - v));
  }
}
