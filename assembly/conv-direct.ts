// Direct convolution kernels for one sample, for windows of stride 1 without padding whose output rows are a
// multiple of 4 wide (LeNet's convolutions): they read the image where im2col would copy it from, so they need no
// patches, no packing per sample and no col2im. conv.ts picks them by isDirect; measured at LeNet's shapes they
// take about half the time of im2col onto the GEMM in the backward pass (see the conv rows of `npm run bench`).
// Pointers are byte offsets into linear memory; sizes are in floats.
import { WindowTask } from './window-task';

/** Stride 1, no padding, output rows a multiple of 4 wide. */
export function isDirect(task: WindowTask): bool {
  return task.strideHeight == 1 && task.strideWidth == 1 && task.padHeight == 0 && task.padWidth == 0 &&
    (task.outWidth & 3) == 0;
}

/** Filters in groups of 4: the 4 filters' weights of a tap side by side (for the forward tiles). */
export function filterGroups(task: WindowTask): i32 {
  return (task.outChannels + 3) >> 2;
}

/**
 * packed[g, t, r] = W[4g + r, t] for W [out, patch] (0 past the last filter): each tap's four weights of a group
 * in one vector, as the forward tiles splat them.
 */
export function packFilterGroups(task: WindowTask, weight: usize, packed: usize, patch: i32): void {
  const outChannels = task.outChannels;
  let o = packed;
  for (let g = 0; g < filterGroups(task); g++) {
    for (let t = 0; t < patch; t++) {
      for (let r = 0; r < 4; r++) {
        const filter = 4 * g + r;
        store<f32>(o, filter < outChannels ? load<f32>(weight + (<usize>(filter * patch + t) << 2)) : 0);
        o += 4;
      }
    }
  }
}

/** transposed[t, o] = W[o, t] (for the input gradient). */
export function transposeFilters(task: WindowTask, weight: usize, transposed: usize, patch: i32): void {
  const outChannels = task.outChannels;
  for (let o = 0; o < outChannels; o++) {
    for (let t = 0; t < patch; t++) {
      store<f32>(transposed + (<usize>(t * outChannels + o) << 2), load<f32>(weight + (<usize>(o * patch + t) << 2)));
    }
  }
}

/** out [out, outH, outW] = the convolution of one sample x [C, H, W] with the packed filters, plus bias (0 = none). */
export function convForwardDirect(task: WindowTask, x: usize, packed: usize, bias: usize, out: usize, patch: i32): void {
  const outChannels = task.outChannels, outHeight = task.outHeight, outWidth = task.outWidth;
  const planeBytes = <usize>(outHeight * outWidth) << 2;
  for (let g = 0; g < filterGroups(task); g++) {
    const rows = min(4, outChannels - 4 * g);
    const filters = packed + (<usize>(g * patch) << 4);
    const b0 = biasOf(bias, 4 * g, 0, rows), b1 = biasOf(bias, 4 * g, 1, rows);
    const b2 = biasOf(bias, 4 * g, 2, rows), b3 = biasOf(bias, 4 * g, 3, rows);
    const target = out + <usize>(4 * g) * planeBytes;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox += 4) {
        const wide = ox + 8 <= outWidth;
        forwardTile(task, x + (<usize>(oy * task.width + ox) << 2), filters, target + (<usize>(oy * outWidth + ox) << 2), planeBytes, rows, b0, b1, b2, b3, wide);
        if (wide) ox += 4;
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function biasOf(bias: usize, first: i32, r: i32, rows: i32): v128 {
  return f32x4.splat(bias != 0 && r < rows ? load<f32>(bias + (<usize>(first + r) << 2)) : 0);
}

/**
 * One tile: `rows` (≤ 4) filters × 8 output positions of a row (4 unless `wide`), summed over every tap from the
 * image at `image` (the tile's first input pixel); the eight sums stay in registers.
 */
// @ts-ignore: decorator
@inline
function forwardTile(
  task: WindowTask, image: usize, filters: usize, out: usize, planeBytes: usize, rows: i32,
  b0: v128, b1: v128, b2: v128, b3: v128, wide: bool,
): void {
  const kernelHeight = task.kernelHeight, kernelWidth = task.kernelWidth;
  const rowBytes = <usize>task.width << 2;
  const imagePlaneBytes = <usize>(task.height * task.width) << 2;
  let c00 = b0, c01 = b0, c10 = b1, c11 = b1, c20 = b2, c21 = b2, c30 = b3, c31 = b3;
  let w = filters;
  let plane = image;
  for (let c = 0; c < task.channels; c++) {
    let row = plane;
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j++) {
        const p = row + (<usize>j << 2);
        const v0 = v128.load(p);
        const v1 = wide ? v128.load(p, 16) : v0;
        let a = v128.load32_splat(w, 0);
        c00 = f32x4.add(c00, f32x4.mul(a, v0));
        c01 = f32x4.add(c01, f32x4.mul(a, v1));
        a = v128.load32_splat(w, 4);
        c10 = f32x4.add(c10, f32x4.mul(a, v0));
        c11 = f32x4.add(c11, f32x4.mul(a, v1));
        a = v128.load32_splat(w, 8);
        c20 = f32x4.add(c20, f32x4.mul(a, v0));
        c21 = f32x4.add(c21, f32x4.mul(a, v1));
        a = v128.load32_splat(w, 12);
        c30 = f32x4.add(c30, f32x4.mul(a, v0));
        c31 = f32x4.add(c31, f32x4.mul(a, v1));
        w += 16;
      }
      row += rowBytes;
    }
    plane += imagePlaneBytes;
  }
  storeTileRow(out, c00, c01, wide);
  if (rows > 1) storeTileRow(out + planeBytes, c10, c11, wide);
  if (rows > 2) storeTileRow(out + 2 * planeBytes, c20, c21, wide);
  if (rows > 3) storeTileRow(out + 3 * planeBytes, c30, c31, wide);
}

// @ts-ignore: decorator
@inline
function storeTileRow(out: usize, left: v128, right: v128, wide: bool): void {
  v128.store(out, left);
  if (wide) v128.store(out, right, 16);
}

/**
 * gradIn [C, H, W] (cleared before) += the input gradient of one sample from its gradOut [out, outH, outW]: each
 * tap's contribution Σ_o W[o, tap] · gradOut[o, oy, ox] added onto the input row it came from, two taps of a
 * kernel row at a time, 8 (or 4) positions wide.
 */
export function convInputGradDirect(task: WindowTask, gradOut: usize, transposed: usize, gradIn: usize): void {
  const outChannels = task.outChannels, outHeight = task.outHeight, outWidth = task.outWidth;
  const kernelHeight = task.kernelHeight, kernelWidth = task.kernelWidth, width = task.width;
  const gradPlaneBytes = <usize>(outHeight * outWidth) << 2;
  const tapBytes = <usize>outChannels << 2;
  let weights = transposed;
  for (let c = 0; c < task.channels; c++) {
    const plane = gradIn + (<usize>(c * task.height * width) << 2);
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j += 2) {
        const pair = j + 1 < kernelWidth;
        for (let oy = 0; oy < outHeight; oy++) {
          const target = plane + (<usize>((oy + i) * width + j) << 2);
          const source = gradOut + (<usize>(oy * outWidth) << 2);
          for (let ox = 0; ox < outWidth; ox += 4) {
            const wide = ox + 8 <= outWidth;
            const offset = <usize>ox << 2;
            let s00 = f32x4.splat(0), s01 = s00, s10 = s00, s11 = s00;
            let g = source + offset;
            for (let o = 0; o < outChannels; o++) {
              const v0 = v128.load(g);
              const v1 = wide ? v128.load(g, 16) : v0;
              const a0 = v128.load32_splat(weights + (<usize>o << 2));
              s00 = f32x4.add(s00, f32x4.mul(a0, v0));
              s01 = f32x4.add(s01, f32x4.mul(a0, v1));
              if (pair) {
                const a1 = v128.load32_splat(weights + tapBytes + (<usize>o << 2));
                s10 = f32x4.add(s10, f32x4.mul(a1, v0));
                s11 = f32x4.add(s11, f32x4.mul(a1, v1));
              }
              g += gradPlaneBytes;
            }
            const p = target + offset;
            v128.store(p, f32x4.add(v128.load(p), s00));
            if (wide) v128.store(p, f32x4.add(v128.load(p, 16), s01), 16);
            if (pair) {
              // the next tap's input pixels are one to the right
              v128.store(p, f32x4.add(v128.load(p, 4), s10), 4);
              if (wide) v128.store(p, f32x4.add(v128.load(p, 20), s11), 20);
            }
            if (wide) ox += 4;
          }
        }
        weights += pair ? 2 * tapBytes : tapBytes;
      }
    }
  }
}
