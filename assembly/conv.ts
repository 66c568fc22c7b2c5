// 2-D convolution of NCHW samples, one sample at a time so that its patches stay in cache: im2col of the sample
// into a [C·kh·kw, outH·outW] matrix (window.ts), then the GEMM (gemm.ts), with W [out, C·kh·kw]:
//   Y[n] = W · cols + b                (written straight into the NCHW output: no layout change)
//   dW  = Σ_n dY[n] · colsᵀ,  db = Σ_n row sums of dY[n]
//   dX[n] = col2im(Wᵀ · dY[n])
// or, for windows of stride 1 without padding (isDirect), the direct kernels of conv-direct.ts, which compute the
// same sums from the image itself. The backward pass recomputes the patches instead of keeping the whole batch's
// (megabytes that would leave the cache between the passes). Each chunk sums its own samples' dW and db into its part of the workspace;
// convReduce adds the chunks' sums in chunk order, so the result does not depend on which thread ran which chunk.
import { convForwardDirect, convInputGradDirect, filterGroups, isDirect, packFilterGroups, packTapGroups, tapGroups } from './conv-direct';
import { gemm } from './gemm';
import { addFloats, col2imSample, im2colSample } from './window';
import { chunkStart, WindowTask } from './window-task';

// @ts-ignore: decorator
@inline
function alignFloats(count: i32): i32 {
  return (count + 15) & ~15;
}

// @ts-ignore: decorator
@inline
function patchSize(task: WindowTask): i32 {
  return task.channels * task.kernelHeight * task.kernelWidth;
}

// @ts-ignore: decorator
@inline
function positions(task: WindowTask): i32 {
  return task.outHeight * task.outWidth;
}

/** Floats of a sample's patches (none for the direct kernels, which read the image). */
// @ts-ignore: decorator
@inline
function columnFloats(task: WindowTask): i32 {
  return isDirect(task) ? 0 : alignFloats(patchSize(task) * positions(task));
}

/** Floats of the filters packed for the direct forward or input-gradient tiles. */
// @ts-ignore: decorator
@inline
function packedFloats(task: WindowTask): i32 {
  const patch = patchSize(task);
  return 4 * max(filterGroups(task) * patch, tapGroups(patch) * task.outChannels);
}

/**
 * One chunk's workspace, in floats: the sample's patches and their gradient, the chunk's dW and db, dW as four-lane
 * sums while the chunk runs, the filters packed for the direct kernels, and the byte offsets of the taps' rows.
 */
// @ts-ignore: decorator
@inline
function chunkFloats(task: WindowTask): i32 {
  const patch = patchSize(task), outChannels = task.outChannels;
  return 2 * columnFloats(task) + alignFloats(outChannels * (patch + 1)) + 4 * outChannels * patch +
    alignFloats(packedFloats(task)) + alignFloats(patch);
}

export function convWorkspaceBytes(task: WindowTask): i32 {
  return task.chunks * chunkFloats(task) * 4;
}

// @ts-ignore: decorator
@inline
function chunkWorkspace(task: WindowTask, chunk: i32): usize {
  return task.workspace + (<usize>(chunk * chunkFloats(task)) << 2);
}

/** The chunk's dW (followed by its db) in its workspace. */
// @ts-ignore: decorator
@inline
function chunkGradients(task: WindowTask, chunk: i32): usize {
  return chunkWorkspace(task, chunk) + (<usize>(2 * columnFloats(task)) << 2);
}

// @ts-ignore: decorator
@inline
function chunkLanes(task: WindowTask, chunk: i32): usize {
  return chunkGradients(task, chunk) + (<usize>alignFloats(task.outChannels * (patchSize(task) + 1)) << 2);
}

// @ts-ignore: decorator
@inline
function chunkFilters(task: WindowTask, chunk: i32): usize {
  return chunkLanes(task, chunk) + (<usize>(task.outChannels * patchSize(task)) << 4);
}

// @ts-ignore: decorator
@inline
function chunkOffsets(task: WindowTask, chunk: i32): usize {
  return chunkFilters(task, chunk) + (<usize>alignFloats(packedFloats(task)) << 2);
}

export function convForwardChunk(task: WindowTask, chunk: i32, first: i32, end: i32, scratch: usize): void {
  const patch = patchSize(task), count = positions(task), outChannels = task.outChannels;
  const inBytes = <usize>(task.channels * task.height * task.width) << 2;
  const outBytes = <usize>(outChannels * count) << 2;
  const direct = isDirect(task);
  const cols = chunkWorkspace(task, chunk);
  const filters = chunkFilters(task, chunk);
  if (direct) packFilterGroups(task, task.weight, filters, patch);
  for (let n = first; n < end; n++) {
    const x = task.x + <usize>n * inBytes;
    const out = task.out + <usize>n * outBytes;
    if (direct) {
      convForwardDirect(task, x, filters, task.bias, out, patch);
      continue;
    }
    im2colSample(task, x, cols);
    gemm(task.weight, cols, out, outChannels, patch, count, false, false, patch, count, count, false, scratch);
    if (task.bias != 0) {
      for (let c = 0; c < outChannels; c++) addToRow(out + (<usize>(c * count) << 2), load<f32>(task.bias + (<usize>c << 2)), count);
    }
  }
}

export function convBackwardChunk(task: WindowTask, chunk: i32, first: i32, end: i32, scratch: usize): void {
  const patch = patchSize(task), count = positions(task), outChannels = task.outChannels;
  const inBytes = <usize>(task.channels * task.height * task.width) << 2;
  const outBytes = <usize>(outChannels * count) << 2;
  const direct = isDirect(task);
  const cols = chunkWorkspace(task, chunk);
  const gradCols = cols + (<usize>columnFloats(task) << 2);
  const gradWeight = chunkGradients(task, chunk);
  const gradBias = gradWeight + (<usize>(outChannels * patch) << 2);
  const lanes = chunkLanes(task, chunk);
  const filters = chunkFilters(task, chunk);
  // the rows the filter gradient reads for each tap: the image under the tap, or the tap's row of the patches
  const offsets = chunkOffsets(task, chunk);
  tapOffsets(task, offsets, direct);
  const tapRowBytes = <usize>(direct ? task.width : task.outWidth) << 2;
  memory.fill(lanes, 0, <usize>(outChannels * patch) << 4);
  if (direct && task.gradIn != 0) packTapGroups(task, task.weight, filters, patch);
  for (let n = first; n < end; n++) {
    const x = task.x + <usize>n * inBytes;
    const gradOut = task.gradOut + <usize>n * outBytes;
    if (task.gradWeight != 0) {
      if (!direct) im2colSample(task, x, cols);
      // dW += dY[n] [out, positions] · colsᵀ: dot products of rows
      accumulateDots(gradOut, direct ? x : cols, offsets, tapRowBytes, lanes, outChannels, patch, task.outHeight, task.outWidth);
    }
    if (task.gradBias != 0) {
      for (let c = 0; c < outChannels; c++) {
        const sum = rowSum(gradOut + (<usize>(c * count) << 2), count);
        const target = gradBias + (<usize>c << 2);
        store<f32>(target, n > first ? load<f32>(target) + sum : sum);
      }
    }
    if (task.gradIn != 0) {
      const gradIn = task.gradIn + <usize>n * inBytes;
      memory.fill(gradIn, 0, inBytes);
      if (direct) {
        convInputGradDirect(task, gradOut, filters, offsets, gradIn, patch);
      } else {
        // dcols = Wᵀ [patch, out] · dY[n] [out, positions], W stored [out, patch]
        gemm(task.weight, gradOut, gradCols, patch, outChannels, count, true, false, patch, count, count, false, scratch);
        col2imSample(task, gradCols, gradIn);
      }
    }
  }
  for (let i = 0; task.gradWeight != 0 && i < outChannels * patch; i++) {
    const sums = v128.load(lanes + (<usize>i << 4));
    const total = f32x4.extract_lane(sums, 0) + f32x4.extract_lane(sums, 1) + f32x4.extract_lane(sums, 2) + f32x4.extract_lane(sums, 3);
    store<f32>(gradWeight + (<usize>i << 2), total);
  }
}

/**
 * offsets[t] = the byte offset of tap t's row for the filter gradient: in the image (direct: (c·H + i)·W + j
 * floats) or in the patches (t·outH·outW floats).
 */
function tapOffsets(task: WindowTask, offsets: usize, direct: bool): void {
  let t = 0;
  for (let c = 0; c < task.channels; c++) {
    for (let i = 0; i < task.kernelHeight; i++) {
      for (let j = 0; j < task.kernelWidth; j++) {
        const floats = direct ? (c * task.height + i) * task.width + j : t * positions(task);
        store<i32>(offsets + (<usize>t << 2), floats << 2);
        t++;
      }
    }
  }
}

/**
 * lanes[i, j] += Σ over the positions (oy, ox) of an outH × outW grid of a_i(oy, ox) · b_j(oy, ox), kept as four
 * partial sums per (i, j) (f32x4 lane l sums the terms ox ≡ l mod 4; the last outW mod 4 of each row go to lane
 * 0). a_i is row i of a [m, outH·outW]; b_j(oy, ox) is at b + offsets[j] + oy·bRowBytes + 4·ox: a row of the
 * patches (cols) or, for the direct kernels, the image itself under tap j. A filter gradient (dY · colsᵀ: small m
 * and n, many positions) needs no packing this way and wastes no lanes on tile edges. Blocks of 2 rows × 4
 * columns keep eight sums in registers.
 */
function accumulateDots(
  a: usize, b: usize, offsets: usize, bRowBytes: usize, lanes: usize, m: i32, n: i32, outHeight: i32, outWidth: i32,
): void {
  const aRowBytes = <usize>(outHeight * outWidth) << 2;
  const gridRowBytes = <usize>outWidth << 2;
  const vectorBytes = <usize>(outWidth & ~3) << 2;
  const quads = outHeight * (outWidth >> 2);
  const aSkip = gridRowBytes - vectorBytes, bSkip = bRowBytes - vectorBytes;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * aRowBytes, a1 = a0 + aRowBytes;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + <usize>load<i32>(offsets + (<usize>j << 2)), b1 = b + <usize>load<i32>(offsets + (<usize>j << 2), 4);
      const b2 = b + <usize>load<i32>(offsets + (<usize>j << 2), 8), b3 = b + <usize>load<i32>(offsets + (<usize>j << 2), 12);
      const l0 = lanes + (<usize>(i * n + j) << 4), l1 = l0 + (<usize>n << 4);
      let s00 = v128.load(l0), s01 = v128.load(l0, 16), s02 = v128.load(l0, 32), s03 = v128.load(l0, 48);
      let s10 = v128.load(l1), s11 = v128.load(l1, 16), s12 = v128.load(l1, 32), s13 = v128.load(l1, 48);
      // one loop over the positions' vectors, rows joined: a's skip its row's tail, b's the rest of its row
      let pa: usize = 0, pb: usize = 0, column: usize = 0;
      for (let q = 0; q < quads; q++) {
        const x0 = v128.load(a0 + pa), x1 = v128.load(a1 + pa);
        let y = v128.load(b0 + pb);
        s00 = f32x4.add(s00, f32x4.mul(x0, y));
        s10 = f32x4.add(s10, f32x4.mul(x1, y));
        y = v128.load(b1 + pb);
        s01 = f32x4.add(s01, f32x4.mul(x0, y));
        s11 = f32x4.add(s11, f32x4.mul(x1, y));
        y = v128.load(b2 + pb);
        s02 = f32x4.add(s02, f32x4.mul(x0, y));
        s12 = f32x4.add(s12, f32x4.mul(x1, y));
        y = v128.load(b3 + pb);
        s03 = f32x4.add(s03, f32x4.mul(x0, y));
        s13 = f32x4.add(s13, f32x4.mul(x1, y));
        pa += 16;
        pb += 16;
        column += 16;
        if (column == vectorBytes) {
          column = 0;
          pa += aSkip;
          pb += bSkip;
        }
      }
      v128.store(l0, s00);
      v128.store(l0, s01, 16);
      v128.store(l0, s02, 32);
      v128.store(l0, s03, 48);
      v128.store(l1, s10);
      v128.store(l1, s11, 16);
      v128.store(l1, s12, 32);
      v128.store(l1, s13, 48);
      if (vectorBytes < gridRowBytes) {
        for (let r = 0; r < 2; r++) {
          for (let c = 0; c < 4; c++) {
            const bc = b + <usize>load<i32>(offsets + (<usize>(j + c) << 2));
            dotTails(a0 + <usize>r * aRowBytes, bc, bRowBytes, l0 + (<usize>(r * n + c) << 4), outHeight, outWidth);
          }
        }
      }
    }
    for (; j < n; j++) {
      const bj = b + <usize>load<i32>(offsets + (<usize>j << 2));
      dot(a0, bj, bRowBytes, lanes + (<usize>(i * n + j) << 4), outHeight, outWidth);
      dot(a1, bj, bRowBytes, lanes + (<usize>((i + 1) * n + j) << 4), outHeight, outWidth);
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const bj = b + <usize>load<i32>(offsets + (<usize>j << 2));
      dot(a + <usize>i * aRowBytes, bj, bRowBytes, lanes + (<usize>(i * n + j) << 4), outHeight, outWidth);
    }
  }
}

/** One (i, j) of accumulateDots: x and y are a_i and b_j, `sums` its four lanes. */
function dot(x: usize, y: usize, yRowBytes: usize, sums: usize, outHeight: i32, outWidth: i32): void {
  const xRowBytes = <usize>outWidth << 2;
  const vectorBytes = <usize>(outWidth & ~3) << 2;
  let s = v128.load(sums);
  for (let oy = 0; oy < outHeight; oy++) {
    const xr = x + <usize>oy * xRowBytes, yr = y + <usize>oy * yRowBytes;
    for (let p: usize = 0; p < vectorBytes; p += 16) s = f32x4.add(s, f32x4.mul(v128.load(xr + p), v128.load(yr + p)));
  }
  v128.store(sums, s);
  if (vectorBytes < xRowBytes) dotTails(x, y, yRowBytes, sums, outHeight, outWidth);
}

/** The last outW mod 4 terms of each row of a dot product, into lane 0. */
function dotTails(x: usize, y: usize, yRowBytes: usize, sums: usize, outHeight: i32, outWidth: i32): void {
  const xRowBytes = <usize>outWidth << 2;
  const vectorBytes = <usize>(outWidth & ~3) << 2;
  let sum = load<f32>(sums);
  for (let oy = 0; oy < outHeight; oy++) {
    const xr = x + <usize>oy * xRowBytes, yr = y + <usize>oy * yRowBytes;
    for (let p = vectorBytes; p < xRowBytes; p += 4) sum += load<f32>(xr + p) * load<f32>(yr + p);
  }
  store<f32>(sums, sum);
}

/** gradWeight and gradBias (those not 0) = the chunks' sums, added in chunk order. */
export function convReduce(task: WindowTask): void {
  const weights = task.outChannels * patchSize(task);
  reduceChunks(task, task.gradWeight, 0, weights);
  reduceChunks(task, task.gradBias, weights, task.outChannels);
}

/** target[0, count) = the sum over chunks of their sums at float offset `offset` (0 for an empty batch). */
function reduceChunks(task: WindowTask, target: usize, offset: i32, count: i32): void {
  if (target == 0) return;
  memory.fill(target, 0, <usize>count << 2);
  for (let chunk = 0; chunk < task.chunks; chunk++) {
    // an empty chunk summed nothing
    if (chunkStart(task, chunk) < chunkStart(task, chunk + 1)) addFloats(chunkGradients(task, chunk) + (<usize>offset << 2), target, count);
  }
}

// @ts-ignore: decorator
@inline
function addToRow(row: usize, value: f32, count: i32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const p = row + (<usize>i << 2);
    v128.store(p, f32x4.add(v128.load(p), v));
  }
  for (; i < count; i++) {
    const p = row + (<usize>i << 2);
    store<f32>(p, load<f32>(p) + value);
  }
}

// @ts-ignore: decorator
@inline
function rowSum(row: usize, count: i32): f32 {
  let sums = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) sums = f32x4.add(sums, v128.load(row + (<usize>i << 2)));
  let sum = f32x4.extract_lane(sums, 0) + f32x4.extract_lane(sums, 1) + f32x4.extract_lane(sums, 2) + f32x4.extract_lane(sums, 3);
  for (; i < count; i++) sum += load<f32>(row + (<usize>i << 2));
  return sum;
}
