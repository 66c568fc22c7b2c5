/**
 * The output-shape rules the sliding-window layers (Conv2D, MaxPool2D, AvgPool2D) share: an image coming in, a
 * kernel that fits its padded input, and the output size floor((H + 2p − k) / s) + 1 of engine/window.ts.
 */
import { perAxis, windowOutputSize, type PerAxis } from '../../engine/window';
import type { OutputShape, Shape } from '../layer-descriptor';
import type { NumberSetting } from '../settings';

/** The settings every sliding-window layer takes, under PyTorch's names (one schema entry each). */
export const KERNEL_SIZE = {
  kind: 'integer', label: 'Kernel size', description: 'the size of the window (the filter): one number, or [height, width]',
  min: 1, required: true, perAxis: true,
} as const satisfies NumberSetting;
export const PADDING = {
  kind: 'integer', label: 'Padding', description: 'the padding added on each side (zeros; for MaxPool2D −∞): one number, or [height, width]',
  min: 0, default: 0, perAxis: true,
} as const satisfies NumberSetting;
/** The stride without its default: 1 for Conv2D, the kernel size for the pools, as in PyTorch. */
export const STRIDE = {
  kind: 'integer', label: 'Stride', description: 'the step between window positions: one number, or [height, width]', min: 1, perAxis: true,
} as const satisfies NumberSetting;

/** Why `type` cannot take `input` as an image, or undefined when `input` is [C, H, W] (or not known). */
export function imageInputError(type: string, input: Shape | undefined): { error: string } | undefined {
  if (input === undefined || input.length === 3) return undefined;
  return {
    error: `${type} needs a [C, H, W] image shape coming in, but the shape coming in is [${input.join(', ')}]: ` +
      'give the model an image input ("input": { "shape": [C, H, W] }), or move the layer before the Flatten',
  };
}

/** The [C, H, W] `type` is built from; a RangeError (with the fix) when the shape coming in is not an image. */
export function imageInput(type: string, input: Shape | undefined): readonly [number, number, number] {
  const problem = input === undefined
    ? { error: `${type} needs to know the [C, H, W] image shape coming in: build the network from the model's input shape` }
    : imageInputError(type, input);
  if (problem !== undefined) throw new RangeError(problem.error);
  return input as unknown as readonly [number, number, number];
}

/** "[3, 5]" for a pair, "3" for one number. */
export function formatAxes(value: PerAxis): string {
  return typeof value === 'number' ? String(value) : `[${value.join(', ')}]`;
}

/** "3×5": a kernel's height × width. */
export function formatKernel(value: PerAxis): string {
  return perAxis(value).join('×');
}

export interface WindowValues {
  readonly kernelSize: PerAxis | undefined;
  readonly stride: PerAxis | undefined;
  readonly padding: PerAxis | undefined;
}

/**
 * [channels, outH, outW] of `type`'s window over the image `input`: undefined where a setting is not known, an
 * error naming the sizes and what to change when the kernel is larger than the padded input.
 */
export function windowOutputShape(type: string, layer: WindowValues, input: Shape, channels: number | undefined): OutputShape {
  const { kernelSize, stride, padding } = layer;
  if (kernelSize === undefined || stride === undefined || padding === undefined || channels === undefined) return undefined;
  const [, height, width] = input;
  const [kh, kw] = perAxis(kernelSize);
  const [sh, sw] = perAxis(stride);
  const [ph, pw] = perAxis(padding);
  const [paddedH, paddedW] = [height + 2 * ph, width + 2 * pw];
  if (kh > paddedH || kw > paddedW) {
    const fitting: [number, number] = [Math.min(kh, paddedH), Math.min(kw, paddedW)];
    // half the kernel on each axis where it does not fit: "same" padding, which always fits (and a pool allows)
    const [fh, fw]: [number, number] = [kh > paddedH ? Math.floor(kh / 2) : ph, kw > paddedW ? Math.floor(kw / 2) : pw];
    return {
      error: `${type}'s kernelSize ${kh}×${kw} is larger than its padded input ${paddedH}×${paddedW} ` +
        `(the [${input.join(', ')}] coming in with padding ${formatAxes(padding)}): make kernelSize at most ` +
        `${fitting.join('×')}, or padding larger`,
      fixes: [
        { set: { kernelSize: axesLike(fitting, kernelSize) }, because: `the largest that fits the ${paddedH}×${paddedW}${ph + pw > 0 ? ' padded' : ''} input` },
        { set: { padding: axesLike([fh, fw], padding) }, because: `half the ${kh}×${kw} kernel: the ${height}×${width} input padded to ${height + 2 * fh}×${width + 2 * fw}` },
      ],
    };
  }
  return [channels, windowOutputSize(height, kh, sh, ph), windowOutputSize(width, kw, sw, pw)];
}

/** `[h, w]` as the file writes it: one number when both are the same and `like` was one number, else the pair. */
export function axesLike([h, w]: [number, number], like: PerAxis): PerAxis {
  return typeof like === 'number' && h === w ? h : [h, w];
}
