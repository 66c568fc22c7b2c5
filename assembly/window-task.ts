// One call of a sliding-window kernel (a convolution's forward or backward pass, a pool or its gradient) as a
// block of parameters in linear memory, cut into chunks of whole samples. Either thread runs any chunk (see
// src/node/gemm-threads.ts); the chunk count depends only on the batch, never on how many threads run, so a
// result is bitwise the same on one thread and on two. The block is written by src/engine/wasm/window-task.ts
// in the order of the fields below.
import { convBackwardChunk, convForwardChunk, convReduce, convWorkspaceBytes } from './conv';
import { poolChunk } from './window';

export const CONV_FORWARD = 1;
export const CONV_BACKWARD = 2;
export const MAX_POOL = 3;
export const MAX_POOL_BACKWARD = 4;
export const AVG_POOL = 5;
export const AVG_POOL_BACKWARD = 6;

/** The parameter block. Pointers are byte offsets (0 = none); sizes are in floats. */
@unmanaged
export class WindowTask {
  kind: i32;
  batch: i32;
  chunks: i32;
  // the Window2D, in the order of its fields
  channels: i32;
  height: i32;
  width: i32;
  kernelHeight: i32;
  kernelWidth: i32;
  strideHeight: i32;
  strideWidth: i32;
  padHeight: i32;
  padWidth: i32;
  outHeight: i32;
  outWidth: i32;
  outChannels: i32;
  x: usize;
  gradOut: usize;
  weight: usize;
  bias: usize;
  out: usize;
  gradIn: usize;
  gradWeight: usize;
  gradBias: usize;
  /** Per-chunk scratch of windowWorkspaceBytes() (convolutions only). */
  workspace: usize;
}

/** The first sample of chunk `chunk`; chunk `chunk` holds samples [chunkStart(chunk), chunkStart(chunk + 1)). */
// @ts-ignore: decorator
@inline
export function chunkStart(task: WindowTask, chunk: i32): i32 {
  return <i32>((<i64>chunk * task.batch) / task.chunks);
}

/** Runs chunk `chunk` of the task at `params`; `scratch` is the calling thread's GEMM packing scratch. */
export function runWindowTask(params: usize, chunk: i32, scratch: usize): void {
  const task = changetype<WindowTask>(params);
  const first = chunkStart(task, chunk);
  const end = chunkStart(task, chunk + 1);
  if (first >= end) return;
  switch (task.kind) {
    case CONV_FORWARD: convForwardChunk(task, chunk, first, end, scratch); break;
    case CONV_BACKWARD: convBackwardChunk(task, chunk, first, end, scratch); break;
    case MAX_POOL:
    case MAX_POOL_BACKWARD:
    case AVG_POOL:
    case AVG_POOL_BACKWARD: poolChunk(task, first, end); break;
    default: unreachable();
  }
}

/** Completes a task once all its chunks ran: sums the per-chunk filter gradients of a convolution's backward. */
export function finishWindowTask(params: usize): void {
  const task = changetype<WindowTask>(params);
  if (task.kind == CONV_BACKWARD) convReduce(task);
}

/** Bytes of workspace the task needs (set task.workspace to that many before running it). */
export function windowWorkspaceBytes(params: usize): i32 {
  const task = changetype<WindowTask>(params);
  return task.kind == CONV_FORWARD || task.kind == CONV_BACKWARD ? convWorkspaceBytes(task) : 0;
}

/** Runs every chunk on this thread, then finishes: the one-thread path. */
export function runWindowTaskAll(params: usize, scratch: usize): void {
  const task = changetype<WindowTask>(params);
  for (let chunk = 0; chunk < task.chunks; chunk++) runWindowTask(params, chunk, scratch);
  finishWindowTask(params);
}
