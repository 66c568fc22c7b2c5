// 2-D convolution of NCHW samples, one sample at a time so that its patches stay in cache: im2col of the sample
// into a [C·kh·kw, outH·outW] matrix (window.ts), then the GEMM (gemm.ts), with W [out, C·kh·kw]:
//   Y[n] = W · cols + b                (written straight into the NCHW output: no layout change)
//   dW  = Σ_n dY[n] · colsᵀ,  db = Σ_n row sums of dY[n]
//   dX[n] = col2im(Wᵀ · dY[n])
// The backward pass recomputes the patches instead of keeping the whole batch's (megabytes that would leave
// the cache between the passes). Each chunk sums its own samples' dW and db into its part of the workspace;
// convReduce adds the chunks' sums in chunk order, so the result does not depend on which thread ran which chunk.
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

/**
 * Floats of one chunk's workspace: the patches, their gradient, the chunk's dW and db, and dW as four-lane sums
 * while the chunk runs.
 */
// @ts-ignore: decorator
@inline
function chunkFloats(task: WindowTask): i32 {
  const patch = patchSize(task);
  return 2 * alignFloats(patch * positions(task)) + alignFloats(task.outChannels * (patch + 1)) + 4 * task.outChannels * patch;
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
  return chunkWorkspace(task, chunk) + (<usize>(2 * alignFloats(patchSize(task) * positions(task))) << 2);
}

export function convForwardChunk(task: WindowTask, chunk: i32, first: i32, end: i32, scratch: usize): void {
  const patch = patchSize(task), count = positions(task), outChannels = task.outChannels;
  const inBytes = <usize>(task.channels * task.height * task.width) << 2;
  const outBytes = <usize>(outChannels * count) << 2;
  const cols = chunkWorkspace(task, chunk);
  for (let n = first; n < end; n++) {
    const out = task.out + <usize>n * outBytes;
    im2colSample(task, task.x + <usize>n * inBytes, cols);
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
  const cols = chunkWorkspace(task, chunk);
  const gradCols = cols + (<usize>alignFloats(patch * count) << 2);
  const gradWeight = chunkGradients(task, chunk);
  const gradBias = gradWeight + (<usize>(outChannels * patch) << 2);
  const lanes = gradWeight + (<usize>alignFloats(outChannels * (patch + 1)) << 2);
  memory.fill(lanes, 0, <usize>(outChannels * patch) << 4);
  for (let n = first; n < end; n++) {
    const x = task.x + <usize>n * inBytes;
    const gradOut = task.gradOut + <usize>n * outBytes;
    if (task.gradWeight != 0) {
      im2colSample(task, x, cols);
      // dW += dY[n] [out, positions] · colsᵀ, cols stored [patch, positions]: dot products of rows
      accumulateDots(gradOut, cols, lanes, outChannels, patch, count);
    }
    if (task.gradBias != 0) {
      for (let c = 0; c < outChannels; c++) {
        const sum = rowSum(gradOut + (<usize>(c * count) << 2), count);
        const target = gradBias + (<usize>c << 2);
        store<f32>(target, n > first ? load<f32>(target) + sum : sum);
      }
    }
    if (task.gradIn != 0) {
      // dcols = Wᵀ [patch, out] · dY[n] [out, positions], W stored [out, patch]
      gemm(task.weight, gradOut, gradCols, patch, outChannels, count, true, false, patch, count, count, false, scratch);
      const gradIn = task.gradIn + <usize>n * inBytes;
      memory.fill(gradIn, 0, inBytes);
      col2imSample(task, gradCols, gradIn);
    }
  }
  for (let i = 0; task.gradWeight != 0 && i < outChannels * patch; i++) {
    const sums = v128.load(lanes + (<usize>i << 4));
    const total = f32x4.extract_lane(sums, 0) + f32x4.extract_lane(sums, 1) + f32x4.extract_lane(sums, 2) + f32x4.extract_lane(sums, 3);
    store<f32>(gradWeight + (<usize>i << 2), total);
  }
}

/**
 * lanes[i, j] += a[i, :] · b[j, :] for a [m, k] and b [n, k], row-major, kept as four partial sums per (i, j)
 * (f32x4 lane l sums the terms k ≡ l mod 4). A product whose operands are both read along the shared dimension,
 * with small m and n and a long k (a filter gradient: dY [out, positions] · colsᵀ), needs no packing this way and
 * wastes no lanes on tile edges. Blocks of 2 rows × 4 columns keep eight sums in registers.
 */
function accumulateDots(a: usize, b: usize, lanes: usize, m: i32, n: i32, k: i32): void {
  const rowBytes = <usize>k << 2;
  const vectorBytes = <usize>(k & ~3) << 2;
  const tailBytes = rowBytes;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * rowBytes, a1 = a0 + rowBytes;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + <usize>j * rowBytes, b1 = b0 + rowBytes, b2 = b1 + rowBytes, b3 = b2 + rowBytes;
      const l0 = lanes + (<usize>(i * n + j) << 4), l1 = l0 + (<usize>n << 4);
      let s00 = v128.load(l0), s01 = v128.load(l0, 16), s02 = v128.load(l0, 32), s03 = v128.load(l0, 48);
      let s10 = v128.load(l1), s11 = v128.load(l1, 16), s12 = v128.load(l1, 32), s13 = v128.load(l1, 48);
      for (let p: usize = 0; p < vectorBytes; p += 16) {
        const x0 = v128.load(a0 + p), x1 = v128.load(a1 + p);
        let y = v128.load(b0 + p);
        s00 = f32x4.add(s00, f32x4.mul(x0, y));
        s10 = f32x4.add(s10, f32x4.mul(x1, y));
        y = v128.load(b1 + p);
        s01 = f32x4.add(s01, f32x4.mul(x0, y));
        s11 = f32x4.add(s11, f32x4.mul(x1, y));
        y = v128.load(b2 + p);
        s02 = f32x4.add(s02, f32x4.mul(x0, y));
        s12 = f32x4.add(s12, f32x4.mul(x1, y));
        y = v128.load(b3 + p);
        s03 = f32x4.add(s03, f32x4.mul(x0, y));
        s13 = f32x4.add(s13, f32x4.mul(x1, y));
      }
      v128.store(l0, s00);
      v128.store(l0, s01, 16);
      v128.store(l0, s02, 32);
      v128.store(l0, s03, 48);
      v128.store(l1, s10);
      v128.store(l1, s11, 16);
      v128.store(l1, s12, 32);
      v128.store(l1, s13, 48);
      if (vectorBytes < tailBytes) {
        for (let r = 0; r < 2; r++) for (let c = 0; c < 4; c++) dotTail(a0 + <usize>r * rowBytes, b0 + <usize>c * rowBytes, l0 + (<usize>(r * n + c) << 4), vectorBytes, tailBytes);
      }
    }
    for (; j < n; j++) {
      dot(a0, b + <usize>j * rowBytes, lanes + (<usize>(i * n + j) << 4), vectorBytes, tailBytes);
      dot(a1, b + <usize>j * rowBytes, lanes + (<usize>((i + 1) * n + j) << 4), vectorBytes, tailBytes);
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) dot(a + <usize>i * rowBytes, b + <usize>j * rowBytes, lanes + (<usize>(i * n + j) << 4), vectorBytes, tailBytes);
  }
}

/** One (i, j) of accumulateDots: x and y are the rows, `sums` its four lanes. */
function dot(x: usize, y: usize, sums: usize, vectorBytes: usize, rowBytes: usize): void {
  let s = v128.load(sums);
  for (let p: usize = 0; p < vectorBytes; p += 16) s = f32x4.add(s, f32x4.mul(v128.load(x + p), v128.load(y + p)));
  v128.store(sums, s);
  dotTail(x, y, sums, vectorBytes, rowBytes);
}

/** The last k mod 4 terms of a dot product, into lane 0. */
// @ts-ignore: decorator
@inline
function dotTail(x: usize, y: usize, sums: usize, from: usize, rowBytes: usize): void {
  let sum = load<f32>(sums);
  for (let p = from; p < rowBytes; p += 4) sum += load<f32>(x + p) * load<f32>(y + p);
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
