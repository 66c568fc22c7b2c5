// Row-wise operations on row-major [m, n] matrices: bias broadcast, column sums, softmax and its gradient.
// Pointers are byte offsets into linear memory; sizes are in floats.

/** x[m,n] += bias[n] for every row. */
export function addRowVector(x: usize, bias: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n << 2;
  const vectorEnd = <usize>(n & ~3) << 2;
  let row = x;
  for (let r = 0; r < m; r++) {
    let c: usize = 0;
    for (; c < vectorEnd; c += 16) v128.store(row + c, f32x4.add(v128.load(row + c), v128.load(bias + c)));
    for (; c < rowBytes; c += 4) store<f32>(row + c, load<f32>(row + c) + load<f32>(bias + c));
    row += rowBytes;
  }
}

/** out[n] = sum over rows of a[m,n]. */
export function sumRows(a: usize, out: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n << 2;
  const vectorEnd = <usize>(n & ~3) << 2;
  memory.fill(out, 0, rowBytes);
  let row = a;
  for (let r = 0; r < m; r++) {
    let c: usize = 0;
    for (; c < vectorEnd; c += 16) v128.store(out + c, f32x4.add(v128.load(out + c), v128.load(row + c)));
    for (; c < rowBytes; c += 4) store<f32>(out + c, load<f32>(out + c) + load<f32>(row + c));
    row += rowBytes;
  }
}

/** Row-wise softmax with the row maximum subtracted first; sums in f64 like the TypeScript kernels. */
export function softmax(x: usize, out: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n << 2;
  for (let r = 0; r < m; r++) {
    const xRow = x + <usize>r * rowBytes;
    const oRow = out + <usize>r * rowBytes;
    let max: f32 = -Infinity;
    for (let c: usize = 0; c < rowBytes; c += 4) max = Mathf.max(max, load<f32>(xRow + c));
    let sum: f64 = 0;
    for (let c: usize = 0; c < rowBytes; c += 4) {
      const e = <f32>Math.exp(<f64>(load<f32>(xRow + c) - max));
      store<f32>(oRow + c, e);
      sum += e;
    }
    const inverse = <f32>(1.0 / sum);
    for (let c: usize = 0; c < rowBytes; c += 4) store<f32>(oRow + c, load<f32>(oRow + c) * inverse);
  }
}

/** gradIn = y * (gradOut - rowsum(gradOut * y)), given y = softmax(x) */
export function softmaxBackward(y: usize, gradOut: usize, gradIn: usize, m: i32, n: i32): void {
  const rowBytes = <usize>n << 2;
  for (let r = 0; r < m; r++) {
    const offset = <usize>r * rowBytes;
    let dot: f64 = 0;
    for (let c: usize = 0; c < rowBytes; c += 4) {
      dot += <f64>load<f32>(gradOut + offset + c) * <f64>load<f32>(y + offset + c);
    }
    const d = <f32>dot;
    for (let c: usize = 0; c < rowBytes; c += 4) {
      const yc = load<f32>(y + offset + c);
      store<f32>(gradIn + offset + c, yc * (load<f32>(gradOut + offset + c) - d));
    }
  }
}
