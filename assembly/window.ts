// Sliding-window kernels on NCHW [batch, C, H, W] float32 tensors, a chunk of samples at a time (see
// window-task.ts): im2col and its adjoint col2im for one sample (the convolution's patches, conv.ts), and max
// and average pooling with their gradients. The twins of src/engine/window-kernels-ts.ts (see
// src/engine/kernels.ts for each contract); the pools agree with them bitwise.
// Pointers are byte offsets into linear memory; sizes are in floats.
import { AVG_POOL, AVG_POOL_BACKWARD, MAX_POOL, MAX_POOL_BACKWARD, WindowTask } from './window-task';

/** f32x4 lanes [x0, x2, x4, x6] (`even`) and [x1, x3, x5, x7] of the 8 floats at p: 2×2 windows side by side. */
// @ts-ignore: decorator
@inline
function evens(p: usize): v128 {
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
}

// @ts-ignore: decorator
@inline
function odds(p: usize): v128 {
  return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 1, 3, 5, 7);
}

/** Copies `count` floats (count ≥ 0). */
// @ts-ignore: decorator
@inline
function copyFloats(from: usize, to: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(to + (<usize>i << 2), v128.load(from + (<usize>i << 2)));
  for (; i < count; i++) store<f32>(to + (<usize>i << 2), load<f32>(from + (<usize>i << 2)));
}

/** to[i] += from[i] for `count` floats. */
// @ts-ignore: decorator
@inline
export function addFloats(from: usize, to: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const p = to + (<usize>i << 2);
    v128.store(p, f32x4.add(v128.load(p), v128.load(from + (<usize>i << 2))));
  }
  for (; i < count; i++) {
    const p = to + (<usize>i << 2);
    store<f32>(p, load<f32>(p) + load<f32>(from + (<usize>i << 2)));
  }
}

/** The first output column whose window column `j` reads inside the image (ox·sw − pw + j ≥ 0). */
// @ts-ignore: decorator
@inline
function firstInside(j: i32, stride: i32, pad: i32): i32 {
  const shift = j - pad;
  return shift >= 0 ? 0 : (stride - 1 - shift) / stride;
}

/** One past the last output column whose window column `j` reads inside the image (ox·sw − pw + j < size). */
// @ts-ignore: decorator
@inline
function endInside(j: i32, stride: i32, pad: i32, size: i32, outSize: i32): i32 {
  const room = size - 1 - (j - pad);
  return room < 0 ? 0 : min(outSize, room / stride + 1);
}

/**
 * The patches of one [C, H, W] sample as a [C·kh·kw, outH·outW] matrix (one row per kernel tap, one column per
 * output position): cols[(c·kh + i)·kw + j, oy·outW + ox] = x[c, oy·sh − ph + i, ox·sw − pw + j], 0 in the
 * padding. Rows of stride-1 windows are contiguous runs of the input.
 */
export function im2colSample(task: WindowTask, x: usize, cols: usize): void {
  patches(task, x, cols, true);
}

/** The adjoint of im2colSample: adds every cols entry onto the input position it came from (gradIn is not cleared). */
export function col2imSample(task: WindowTask, cols: usize, gradIn: usize): void {
  patches(task, gradIn, cols, false);
}

/** im2col (`gather`: image → cols) or col2im (cols added onto the image), which visit the same positions. */
// @ts-ignore: decorator
@inline
function patches(task: WindowTask, image: usize, cols: usize, gather: bool): void {
  const channels = task.channels, height = task.height, width = task.width;
  const kernelHeight = task.kernelHeight, kernelWidth = task.kernelWidth;
  const strideHeight = task.strideHeight, strideWidth = task.strideWidth;
  const padHeight = task.padHeight, padWidth = task.padWidth;
  const outHeight = task.outHeight, outWidth = task.outWidth;
  const rowBytes = <usize>outWidth << 2;
  let o = cols;
  for (let c = 0; c < channels; c++) {
    const plane = image + (<usize>(c * height * width) << 2);
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j++) {
        // output columns [first, end) read inside the image, at input column ox·sw − pw + j
        const first = firstInside(j, strideWidth, padWidth);
        const end = max(first, endInside(j, strideWidth, padWidth, width, outWidth));
        for (let oy = 0; oy < outHeight; oy++) {
          const y = oy * strideHeight - padHeight + i;
          const inside = y >= 0 && y < height;
          if (gather && !inside) memory.fill(o, 0, rowBytes);
          if (inside) {
            const row = plane + (<usize>(y * width + j - padWidth) << 2);
            if (gather) {
              if (first > 0) memory.fill(o, 0, <usize>first << 2);
              if (end < outWidth) memory.fill(o + (<usize>end << 2), 0, <usize>(outWidth - end) << 2);
            }
            if (strideWidth == 1) {
              const offset = <usize>first << 2;
              if (gather) copyFloats(row + offset, o + offset, end - first);
              else addFloats(o + offset, row + offset, end - first);
            } else {
              for (let ox = first; ox < end; ox++) {
                const pixel = row + (<usize>(ox * strideWidth) << 2);
                const entry = o + (<usize>ox << 2);
                if (gather) store<f32>(entry, load<f32>(pixel));
                else store<f32>(pixel, load<f32>(pixel) + load<f32>(entry));
              }
            }
          }
          o += rowBytes;
        }
      }
    }
  }
}

// The pools visit each window of each [H, W] plane in output order, its rows and columns clipped to the input,
// and compare and add in the same order as the TypeScript kernels. The common 2×2 window of stride 2 without
// padding takes a SIMD path, four windows at a time.

/** Whether the window is 2×2 with stride 2 and no padding. */
// @ts-ignore: decorator
@inline
function isPairs(task: WindowTask): bool {
  return task.kernelHeight == 2 && task.kernelWidth == 2 && task.strideHeight == 2 && task.strideWidth == 2 &&
    task.padHeight == 0 && task.padWidth == 0;
}

/** Pools (or gives the gradient of) the planes of samples [first, end), by the task's kind. */
export function poolChunk(task: WindowTask, first: i32, end: i32): void {
  const kind = task.kind;
  const inBytes = <usize>(task.height * task.width) << 2;
  const outBytes = <usize>(task.outHeight * task.outWidth) << 2;
  const pairs = isPairs(task);
  const inverse: f32 = <f32>(1.0 / <f64>(task.kernelHeight * task.kernelWidth));
  for (let p = first * task.channels; p < end * task.channels; p++) {
    // the pointers of one plane (a task's unused ones are 0 plus an offset, never read)
    const x = task.x + <usize>p * inBytes, gradIn = task.gradIn + <usize>p * inBytes;
    const out = task.out + <usize>p * outBytes, gradOut = task.gradOut + <usize>p * outBytes;
    if (pairs) {
      if (kind == MAX_POOL || kind == AVG_POOL) poolPairs(task, x, out, inverse, kind == MAX_POOL);
      else if (kind == MAX_POOL_BACKWARD) maxPoolBackwardPairs(task, x, gradOut, gradIn);
      else avgPoolBackwardPairs(task, gradOut, gradIn, inverse);
    } else {
      if (kind == MAX_POOL_BACKWARD || kind == AVG_POOL_BACKWARD) memory.fill(gradIn, 0, inBytes);
      poolPlane(task, x, out, gradOut, gradIn, inverse);
    }
  }
}

/**
 * Any window on one plane, by the task's kind: out = each window's maximum or mean, or each gradOut added at its
 * window's first maximum or spread over its window (gradIn cleared before).
 */
function poolPlane(task: WindowTask, x: usize, out: usize, gradOut: usize, gradIn: usize, inverse: f32): void {
  const kind = task.kind;
  const height = task.height, width = task.width;
  let o: usize = 0;
  for (let oy = 0; oy < task.outHeight; oy++) {
    const y0 = oy * task.strideHeight - task.padHeight;
    const top = max(y0, 0);
    const bottom = min(y0 + task.kernelHeight, height);
    for (let ox = 0; ox < task.outWidth; ox++) {
      const x0 = ox * task.strideWidth - task.padWidth;
      const left = max(x0, 0);
      const right = min(x0 + task.kernelWidth, width);
      if (kind == AVG_POOL_BACKWARD) {
        const share = load<f32>(gradOut + o) * inverse;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) {
            const target = gradIn + (<usize>(y * width + xx) << 2);
            store<f32>(target, load<f32>(target) + share);
          }
        }
      } else if (kind == AVG_POOL) {
        let sum: f32 = 0;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) sum += load<f32>(x + (<usize>(y * width + xx) << 2));
        }
        store<f32>(out + o, sum * inverse);
      } else {
        let best: f32 = -Infinity;
        let at = top * width + left;
        for (let y = top; y < bottom; y++) {
          for (let xx = left; xx < right; xx++) {
            const i = y * width + xx;
            const v = load<f32>(x + (<usize>i << 2));
            if (v > best) {
              best = v;
              at = i;
            }
          }
        }
        if (kind == MAX_POOL) {
          store<f32>(out + o, best);
        } else {
          const target = gradIn + (<usize>at << 2);
          store<f32>(target, load<f32>(target) + load<f32>(gradOut + o));
        }
      }
      o += 4;
    }
  }
}

/**
 * The maximum (`maximum`) or mean of each 2×2 window, from its four values in the scalar kernels' visiting
 * order: a b on the top row, c d below.
 */
// @ts-ignore: decorator
@inline
function poolPairs(task: WindowTask, input: usize, out: usize, inverse: f32, maximum: bool): void {
  const width = task.width, outWidth = task.outWidth;
  const rowBytes = <usize>width << 2;
  const lowest = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(inverse);
  for (let oy = 0; oy < task.outHeight; oy++) {
    const top = input + <usize>(2 * oy) * rowBytes;
    const o = out + (<usize>(oy * outWidth) << 2);
    let ox = 0;
    for (; ox + 4 <= outWidth; ox += 4) {
      const p = top + (<usize>ox << 3);
      const a = evens(p), b = odds(p), c = evens(p + rowBytes), d = odds(p + rowBytes);
      let result: v128;
      if (maximum) {
        // `v > best` picks v, as the scalar loop does (NaN never wins, the first of equal values stays)
        let best = lowest;
        best = v128.bitselect(a, best, f32x4.gt(a, best));
        best = v128.bitselect(b, best, f32x4.gt(b, best));
        best = v128.bitselect(c, best, f32x4.gt(c, best));
        result = v128.bitselect(d, best, f32x4.gt(d, best));
      } else {
        // 0 + a + b + c + d, in the scalar kernels' order
        result = f32x4.mul(f32x4.add(f32x4.add(f32x4.add(f32x4.add(zero, a), b), c), d), scale);
      }
      v128.store(o + (<usize>ox << 2), result);
    }
    for (; ox < outWidth; ox++) {
      const p = top + (<usize>ox << 3);
      const a = load<f32>(p), b = load<f32>(p, 4), c = load<f32>(p + rowBytes), d = load<f32>(p + rowBytes, 4);
      let result: f32;
      if (maximum) {
        let best: f32 = -Infinity;
        if (a > best) best = a;
        if (b > best) best = b;
        if (c > best) best = c;
        if (d > best) best = d;
        result = best;
      } else {
        let sum: f32 = 0;
        sum += a;
        sum += b;
        sum += c;
        sum += d;
        result = sum * inverse;
      }
      store<f32>(o + (<usize>ox << 2), result);
    }
  }
}

/** The gradient of the 2×2 max pool: windows do not overlap, so each input position gets its window's gradient or 0. */
// @ts-ignore: decorator
@inline
function maxPoolBackwardPairs(task: WindowTask, input: usize, gradOut: usize, gradIn: usize): void {
  const width = task.width, outWidth = task.outWidth, outHeight = task.outHeight;
  const rowBytes = <usize>width << 2;
  // an odd last row or column belongs to no window
  if (2 * outHeight != task.height || 2 * outWidth != width) memory.fill(gradIn, 0, <usize>(task.height * width) << 2);
  const lowest = f32x4.splat(-Infinity);
  for (let oy = 0; oy < outHeight; oy++) {
    const offset = <usize>(2 * oy) * rowBytes;
    const top = input + offset;
    const target = gradIn + offset;
    const g = gradOut + (<usize>(oy * outWidth) << 2);
    let ox = 0;
    for (; ox + 4 <= outWidth; ox += 4) {
      const p = top + (<usize>ox << 3);
      const a = evens(p), b = odds(p), c = evens(p + rowBytes), d = odds(p + rowBytes);
      let best = lowest;
      const ta = f32x4.gt(a, best);
      best = v128.bitselect(a, best, ta);
      const tb = f32x4.gt(b, best);
      best = v128.bitselect(b, best, tb);
      const tc = f32x4.gt(c, best);
      best = v128.bitselect(c, best, tc);
      const td = f32x4.gt(d, best);
      // the last value that beat the running maximum is the first maximum; none (all NaN) means the top left
      const inD = td;
      const inC = v128.andnot(tc, td);
      const inB = v128.andnot(tb, v128.or(tc, td));
      const inA = v128.not(v128.or(tb, v128.or(tc, td)));
      const grad = v128.load(g + (<usize>ox << 2));
      const ga = v128.and(grad, inA), gb = v128.and(grad, inB), gc = v128.and(grad, inC), gd = v128.and(grad, inD);
      const q = target + (<usize>ox << 3);
      v128.store(q, v128.shuffle<f32>(ga, gb, 0, 4, 1, 5));
      v128.store(q, v128.shuffle<f32>(ga, gb, 2, 6, 3, 7), 16);
      v128.store(q + rowBytes, v128.shuffle<f32>(gc, gd, 0, 4, 1, 5));
      v128.store(q + rowBytes, v128.shuffle<f32>(gc, gd, 2, 6, 3, 7), 16);
    }
    for (; ox < outWidth; ox++) {
      const p = top + (<usize>ox << 3);
      const q = target + (<usize>ox << 3);
      let best: f32 = -Infinity;
      let at: usize = 0;
      let v = load<f32>(p);
      if (v > best) best = v;
      v = load<f32>(p, 4);
      if (v > best) { best = v; at = 4; }
      v = load<f32>(p + rowBytes);
      if (v > best) { best = v; at = rowBytes; }
      v = load<f32>(p + rowBytes, 4);
      if (v > best) at = rowBytes + 4;
      store<f32>(q, 0);
      store<f32>(q, 0, 4);
      store<f32>(q + rowBytes, 0);
      store<f32>(q + rowBytes, 0, 4);
      store<f32>(q + at, load<f32>(g + (<usize>ox << 2)));
    }
  }
}

// @ts-ignore: decorator
@inline
function avgPoolBackwardPairs(task: WindowTask, gradOut: usize, gradIn: usize, inverse: f32): void {
  const width = task.width, outWidth = task.outWidth, outHeight = task.outHeight;
  const rowBytes = <usize>width << 2;
  if (2 * outHeight != task.height || 2 * outWidth != width) memory.fill(gradIn, 0, <usize>(task.height * width) << 2);
  const scale = f32x4.splat(inverse);
  for (let oy = 0; oy < outHeight; oy++) {
    const target = gradIn + <usize>(2 * oy) * rowBytes;
    const g = gradOut + (<usize>(oy * outWidth) << 2);
    let ox = 0;
    for (; ox + 4 <= outWidth; ox += 4) {
      const share = f32x4.mul(v128.load(g + (<usize>ox << 2)), scale);
      const left = v128.shuffle<f32>(share, share, 0, 0, 1, 1);
      const right = v128.shuffle<f32>(share, share, 2, 2, 3, 3);
      const q = target + (<usize>ox << 3);
      v128.store(q, left);
      v128.store(q, right, 16);
      v128.store(q + rowBytes, left);
      v128.store(q + rowBytes, right, 16);
    }
    for (; ox < outWidth; ox++) {
      const share = load<f32>(g + (<usize>ox << 2)) * inverse;
      const q = target + (<usize>ox << 3);
      store<f32>(q, share);
      store<f32>(q, share, 4);
      store<f32>(q + rowBytes, share);
      store<f32>(q + rowBytes, share, 4);
    }
  }
}
