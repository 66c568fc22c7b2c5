/**
 * The parameter block of a sliding-window kernel call (a convolution pass, a pool or its gradient), as the
 * WebAssembly module reads it: the fields of `WindowTask` in assembly/window-task.ts, in the same order, one
 * 32-bit integer each. The call is cut into chunks of whole samples that either thread may run
 * (src/node/gemm-threads.ts); how many depends only on the batch, so results never depend on the threads.
 */
import type { Window2D } from '../window';

/** The kernel a block runs (the constants of assembly/window-task.ts). */
export const WindowTaskKind = {
  convForward: 1,
  convBackward: 2,
  maxPool: 3,
  maxPoolBackward: 4,
  avgPool: 5,
  avgPoolBackward: 6,
} as const;
export type WindowTaskKind = (typeof WindowTaskKind)[keyof typeof WindowTaskKind];

/** The block's fields in order; the Window2D fields (channels ... outWidth) in the order of that type. */
const FIELDS = [
  'kind', 'batch', 'chunks',
  'channels', 'height', 'width', 'kernelHeight', 'kernelWidth', 'strideHeight', 'strideWidth', 'padHeight', 'padWidth',
  'outHeight', 'outWidth',
  'outChannels', 'x', 'gradOut', 'weight', 'bias', 'out', 'gradIn', 'gradWeight', 'gradBias', 'workspace',
] as const;

export type WindowTaskField = (typeof FIELDS)[number];
export const WINDOW_TASK_BYTES = FIELDS.length * 4;

/**
 * Chunks per call: eight, so that when the second thread starts late the calling thread takes five or six and
 * the two still end close together (with four, a late worker left the caller three and a training step of LeNet
 * gained 1.1-1.3x from the second thread instead of 1.5x: bench/lenet-step-probe.ts). The convolutions run one
 * sample at a time, so smaller chunks keep the same products; each chunk only adds its filter-gradient sums.
 */
export const WINDOW_TASK_CHUNKS = 8;

const index = Object.fromEntries(FIELDS.map((field, i) => [field, i])) as Record<WindowTaskField, number>;

/** The array fields: byte offsets in the module's memory, 0 for none. */
export type WindowTaskArrays = Partial<Record<'x' | 'gradOut' | 'weight' | 'bias' | 'out' | 'gradIn' | 'gradWeight' | 'gradBias', number>>;

/** Writes the block for `kind` over `batch` samples of `window` into `block` (an Int32Array view of its bytes). */
export function writeWindowTask(
  block: Int32Array, kind: WindowTaskKind, batch: number, window: Window2D, outChannels: number, arrays: WindowTaskArrays,
): void {
  block.fill(0);
  block[index.kind] = kind;
  block[index.batch] = batch;
  block[index.chunks] = Math.min(batch, WINDOW_TASK_CHUNKS);
  block[index.channels] = window.channels;
  block[index.height] = window.height;
  block[index.width] = window.width;
  block[index.kernelHeight] = window.kernelHeight;
  block[index.kernelWidth] = window.kernelWidth;
  block[index.strideHeight] = window.strideHeight;
  block[index.strideWidth] = window.strideWidth;
  block[index.padHeight] = window.padHeight;
  block[index.padWidth] = window.padWidth;
  block[index.outHeight] = window.outHeight;
  block[index.outWidth] = window.outWidth;
  block[index.outChannels] = outChannels;
  for (const [field, pointer] of Object.entries(arrays) as [WindowTaskField, number][]) block[index[field]] = pointer;
}

export function setWindowTaskField(block: Int32Array, field: WindowTaskField, value: number): void {
  block[index[field]] = value;
}

export function windowTaskField(block: Int32Array, field: WindowTaskField): number {
  return block[index[field]];
}
