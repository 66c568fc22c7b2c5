// Sliding-window kernels on NCHW [batch, C, H, W] float32 tensors: im2col and its adjoint col2im (convolution
// onto the GEMM), a batched transpose (NHWC <-> NCHW), and max and average pooling with their gradients.
// The twins of src/engine/window-kernels-ts.ts (see src/engine/kernels.ts for each contract). Plain scalar loops.
// Pointers are byte offsets into linear memory; sizes are in floats.

// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

export function im2col(
  x: usize, cols: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  const rowBytes = <usize>kernelWidth << 2;
  let o = cols;
  for (let n = 0; n < batch; n++) {
    const sample = n * channels * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const top = oy * strideHeight - padHeight;
        const left = ox * strideWidth - padWidth;
        // the kernel columns [first, last) fall inside the image; the others read padding
        const first = max(0, -left);
        const last = min(kernelWidth, width - left);
        for (let c = 0; c < channels; c++) {
          const base = sample + c * plane;
          for (let i = 0; i < kernelHeight; i++) {
            const y = top + i;
            if (y < 0 || y >= height || first >= last) {
              memory.fill(o, 0, rowBytes);
            } else {
              if (first > 0) memory.fill(o, 0, <usize>first << 2);
              const source = at(x, base + y * width + left);
              for (let j = first; j < last; j++) store<f32>(o + (<usize>j << 2), load<f32>(source + (<usize>j << 2)));
              if (last < kernelWidth) memory.fill(o + (<usize>last << 2), 0, <usize>(kernelWidth - last) << 2);
            }
            o += rowBytes;
          }
        }
      }
    }
  }
}

export function col2im(
  cols: usize, gradIn: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  const rowBytes = <usize>kernelWidth << 2;
  memory.fill(gradIn, 0, <usize>(batch * channels * plane) << 2);
  let o = cols;
  for (let n = 0; n < batch; n++) {
    const sample = n * channels * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const top = oy * strideHeight - padHeight;
        const left = ox * strideWidth - padWidth;
        const first = max(0, -left);
        const last = min(kernelWidth, width - left);
        for (let c = 0; c < channels; c++) {
          const base = sample + c * plane;
          for (let i = 0; i < kernelHeight; i++) {
            const y = top + i;
            if (y >= 0 && y < height) {
              const target = at(gradIn, base + y * width + left);
              for (let j = first; j < last; j++) {
                const p = target + (<usize>j << 2);
                store<f32>(p, load<f32>(p) + load<f32>(o + (<usize>j << 2)));
              }
            }
            o += rowBytes;
          }
        }
      }
    }
  }
}

/** out[b, j, i] = x[b, i, j] for `batch` row-major [rows, cols] matrices. */
export function transposeBatch(x: usize, out: usize, batch: i32, rows: i32, cols: i32): void {
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * size;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) store<f32>(at(out, base + j * rows + i), load<f32>(at(x, base + i * cols + j)));
    }
  }
}

// The pools visit each window of each [H, W] plane in output order, its rows and columns clipped to the input.

export function maxPool(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  let o = out;
  for (let p = 0; p < batch * channels; p++) {
    const input = p * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padHeight;
      const top = max(y0, 0);
      const bottom = min(y0 + kernelHeight, height);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padWidth;
        const left = max(x0, 0);
        const right = min(x0 + kernelWidth, width);
        let best: f32 = -Infinity;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) {
            const v = load<f32>(at(x, input + y * width + xx));
            if (v > best) best = v;
          }
        }
        store<f32>(o, best);
        o += 4;
      }
    }
  }
}

export function maxPoolBackward(
  x: usize, gradOut: usize, gradIn: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32,
  kernelWidth: i32, strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  memory.fill(gradIn, 0, <usize>(batch * channels * plane) << 2);
  let g = gradOut;
  for (let p = 0; p < batch * channels; p++) {
    const input = p * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padHeight;
      const top = max(y0, 0);
      const bottom = min(y0 + kernelHeight, height);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padWidth;
        const left = max(x0, 0);
        const right = min(x0 + kernelWidth, width);
        let best: f32 = -Infinity;
        let first = input + top * width + left;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) {
            const i = input + y * width + xx;
            const v = load<f32>(at(x, i));
            if (v > best) {
              best = v;
              first = i;
            }
          }
        }
        const target = at(gradIn, first);
        store<f32>(target, load<f32>(target) + load<f32>(g));
        g += 4;
      }
    }
  }
}

export function avgPool(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  const inverse: f32 = <f32>(1.0 / <f64>(kernelHeight * kernelWidth));
  let o = out;
  for (let p = 0; p < batch * channels; p++) {
    const input = p * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padHeight;
      const top = max(y0, 0);
      const bottom = min(y0 + kernelHeight, height);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padWidth;
        const left = max(x0, 0);
        const right = min(x0 + kernelWidth, width);
        let sum: f32 = 0;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) sum += load<f32>(at(x, input + y * width + xx));
        }
        store<f32>(o, sum * inverse);
        o += 4;
      }
    }
  }
}

export function avgPoolBackward(
  gradOut: usize, gradIn: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padHeight: i32, padWidth: i32, outHeight: i32, outWidth: i32,
): void {
  const plane = height * width;
  memory.fill(gradIn, 0, <usize>(batch * channels * plane) << 2);
  const inverse: f32 = <f32>(1.0 / <f64>(kernelHeight * kernelWidth));
  let g = gradOut;
  for (let p = 0; p < batch * channels; p++) {
    const input = p * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padHeight;
      const top = max(y0, 0);
      const bottom = min(y0 + kernelHeight, height);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padWidth;
        const left = max(x0, 0);
        const right = min(x0 + kernelWidth, width);
        const share = load<f32>(g) * inverse;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) {
            const target = at(gradIn, input + y * width + xx);
            store<f32>(target, load<f32>(target) + share);
          }
        }
        g += 4;
      }
    }
  }
}
