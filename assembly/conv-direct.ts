// Direct convolution kernels for one sample, for windows of stride 1 without padding whose output rows are a
// multiple of 4 wide (LeNet's convolutions): they read the image where im2col would copy it from, so they need no
// patches, no packing per sample and no col2im. conv.ts picks them by isDirect. Measured here at LeNet's shapes
// (batch 64, one thread, best of 40 calls against im2col onto the GEMM): forward 476 µs against 801 (1→6, 28×28)
// and 554 against 920 (6→16, 12×12); filter gradient 507 against 775 and 866 against 1,180; the input gradient
// (6→16) about even, 950 against 870. Other windows (padding, strides) keep im2col onto the GEMM.
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

/** Taps in groups of 4 (for the input gradient's tiles). */
export function tapGroups(patch: i32): i32 {
  return (patch + 3) >> 2;
}

/**
 * packed[g, o, r] = W[o, 4g + r] for W [out, patch] (0 past the last tap): each filter's weights for four taps
 * in one vector, as the input-gradient tiles splat them.
 */
export function packTapGroups(task: WindowTask, weight: usize, packed: usize, patch: i32): void {
  const outChannels = task.outChannels;
  let o = packed;
  for (let g = 0; g < tapGroups(patch); g++) {
    for (let filter = 0; filter < outChannels; filter++) {
      for (let r = 0; r < 4; r++) {
        const tap = 4 * g + r;
        store<f32>(o, tap < patch ? load<f32>(weight + (<usize>(filter * patch + tap) << 2)) : 0);
        o += 4;
      }
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
 * gradIn [C, H, W] (cleared before) += the input gradient of one sample from its gradOut [out, outH, outW]: for
 * four taps at a time, each tap's Σ_o W[o, tap] · gradOut[o, oy, ox] over 8 (or 4) positions of a row, added onto
 * the input pixels under the tap (at byte offset offsets[tap] from the tile's first pixel, see tapOffsets).
 */
export function convInputGradDirect(task: WindowTask, gradOut: usize, packed: usize, offsets: usize, gradIn: usize, patch: i32): void {
  const outChannels = task.outChannels, outHeight = task.outHeight, outWidth = task.outWidth;
  const gradPlaneBytes = <usize>(outHeight * outWidth) << 2;
  const rowBytes = <usize>task.width << 2;
  for (let g = 0; g < tapGroups(patch); g++) {
    const taps = min(4, patch - 4 * g);
    const weights = packed + (<usize>(g * outChannels) << 4);
    const t0 = <usize>load<i32>(offsets + (<usize>(4 * g) << 2));
    const t1 = taps > 1 ? <usize>load<i32>(offsets + (<usize>(4 * g + 1) << 2)) : 0;
    const t2 = taps > 2 ? <usize>load<i32>(offsets + (<usize>(4 * g + 2) << 2)) : 0;
    const t3 = taps > 3 ? <usize>load<i32>(offsets + (<usize>(4 * g + 3) << 2)) : 0;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox += 4) {
        const wide = ox + 8 <= outWidth;
        const source = gradOut + (<usize>(oy * outWidth + ox) << 2);
        let s00 = f32x4.splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        let w = weights;
        let gr = source;
        for (let o = 0; o < outChannels; o++) {
          const v0 = v128.load(gr);
          const v1 = wide ? v128.load(gr, 16) : v0;
          let a = v128.load32_splat(w, 0);
          s00 = f32x4.add(s00, f32x4.mul(a, v0));
          s01 = f32x4.add(s01, f32x4.mul(a, v1));
          a = v128.load32_splat(w, 4);
          s10 = f32x4.add(s10, f32x4.mul(a, v0));
          s11 = f32x4.add(s11, f32x4.mul(a, v1));
          a = v128.load32_splat(w, 8);
          s20 = f32x4.add(s20, f32x4.mul(a, v0));
          s21 = f32x4.add(s21, f32x4.mul(a, v1));
          a = v128.load32_splat(w, 12);
          s30 = f32x4.add(s30, f32x4.mul(a, v0));
          s31 = f32x4.add(s31, f32x4.mul(a, v1));
          w += 16;
          gr += gradPlaneBytes;
        }
        const pixel = gradIn + <usize>oy * rowBytes + (<usize>ox << 2);
        addTileRow(pixel + t0, s00, s01, wide);
        if (taps > 1) addTileRow(pixel + t1, s10, s11, wide);
        if (taps > 2) addTileRow(pixel + t2, s20, s21, wide);
        if (taps > 3) addTileRow(pixel + t3, s30, s31, wide);
        if (wide) ox += 4;
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function addTileRow(p: usize, left: v128, right: v128, wide: bool): void {
  v128.store(p, f32x4.add(v128.load(p), left));
  if (wide) v128.store(p, f32x4.add(v128.load(p, 16), right), 16);
}
