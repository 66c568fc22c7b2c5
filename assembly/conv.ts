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

/** Floats of one chunk's workspace: the patches, their gradient, and the chunk's dW and db. */
// @ts-ignore: decorator
@inline
function chunkFloats(task: WindowTask): i32 {
  const patch = patchSize(task);
  return 2 * alignFloats(patch * positions(task)) + alignFloats(task.outChannels * (patch + 1));
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
  for (let n = first; n < end; n++) {
    const x = task.x + <usize>n * inBytes;
    const gradOut = task.gradOut + <usize>n * outBytes;
    im2colSample(task, x, cols);
    // dW (+)= dY[n] [out, positions] · colsᵀ, cols stored [patch, positions]
    gemm(gradOut, cols, gradWeight, outChannels, count, patch, false, true, count, count, patch, n > first, scratch);
    for (let c = 0; c < outChannels; c++) {
      const sum = rowSum(gradOut + (<usize>(c * count) << 2), count);
      const target = gradBias + (<usize>c << 2);
      store<f32>(target, n > first ? load<f32>(target) + sum : sum);
    }
    if (task.gradIn != 0) {
      // dcols = Wᵀ [patch, out] · dY[n] [out, positions], W stored [out, patch]
      gemm(task.weight, gradOut, gradCols, patch, outChannels, count, true, false, patch, count, count, false, scratch);
      const gradIn = task.gradIn + <usize>n * inBytes;
      memory.fill(gradIn, 0, inBytes);
      col2imSample(task, gradCols, gradIn);
    }
  }
}

/** gradWeight and gradBias (if any) = the chunks' sums, added in chunk order. */
export function convReduce(task: WindowTask): void {
  const patch = patchSize(task), outChannels = task.outChannels;
  const weights = outChannels * patch;
  if (task.batch == 0) {
    memory.fill(task.gradWeight, 0, <usize>weights << 2);
    if (task.gradBias != 0) memory.fill(task.gradBias, 0, <usize>outChannels << 2);
  }
  for (let chunk = 0; chunk < task.chunks; chunk++) {
    if (chunkStart(task, chunk) == chunkStart(task, chunk + 1)) continue; // an empty chunk summed nothing
    const sums = chunkGradients(task, chunk);
    if (chunkStart(task, chunk) == 0) {
      memory.copy(task.gradWeight, sums, <usize>weights << 2);
      if (task.gradBias != 0) memory.copy(task.gradBias, sums + (<usize>weights << 2), <usize>outChannels << 2);
    } else {
      addFloats(sums, task.gradWeight, weights);
      if (task.gradBias != 0) addFloats(sums + (<usize>weights << 2), task.gradBias, outChannels);
    }
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
