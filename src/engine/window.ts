/**
 * How the engine carries images, and the geometry of a 2-D sliding window (convolution, pooling).
 *
 * A batch of images stays a plain `Tensor` [batch, features] with features = C·H·W in NCHW order, exactly
 * PyTorch's memory layout: the flat layers keep their speed and code, `Flatten` is a reshape that copies nothing
 * in the file or in export, and a parameter tensor maps to PyTorch's as it is. The tensor does not carry its
 * sample shape: a layer that needs it (Conv2D, the pools) is built from the shape coming in (`[C, H, W]`, which
 * the descriptor's `create` receives), as a Linear is built from its `in`.
 */

/** A size per spatial axis: one number for both, or [height, width]. */
export type PerAxis = number | readonly [number, number];

/** `value` as [height, width]. */
export function perAxis(value: PerAxis): readonly [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** The output length of a window of `kernel` sliding with `stride` over `size` padded by `padding` on both sides. */
export function windowOutputSize(size: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

/** A window sliding over [channels, height, width] samples, giving [channels', outHeight, outWidth]. */
export interface Window2D {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padHeight: number;
  readonly padWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/**
 * The window of `kernel`, `stride` and `padding` over [channels, height, width]; a RangeError (that `layer`
 * names) when a size is not a whole number in range or the kernel is larger than the padded input.
 */
export function window2D(
  layer: string, channels: number, height: number, width: number, kernel: PerAxis, stride: PerAxis, padding: PerAxis,
): Window2D {
  const [kernelHeight, kernelWidth] = perAxis(kernel);
  const [strideHeight, strideWidth] = perAxis(stride);
  const [padHeight, padWidth] = perAxis(padding);
  const whole = (value: number, min: number) => Number.isInteger(value) && value >= min;
  if (![channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth].every((value) => whole(value, 1)) ||
    !whole(padHeight, 0) || !whole(padWidth, 0)) {
    throw new RangeError(
      `${layer} needs whole sizes (channels, height, width, kernel and stride at least 1, padding at least 0), got ` +
        `input [${channels}, ${height}, ${width}], kernel [${kernelHeight}, ${kernelWidth}], stride [${strideHeight}, ${strideWidth}], ` +
        `padding [${padHeight}, ${padWidth}]`,
    );
  }
  if (kernelHeight > height + 2 * padHeight || kernelWidth > width + 2 * padWidth) {
    throw new RangeError(
      `${layer}'s kernel [${kernelHeight}, ${kernelWidth}] is larger than its padded input ` +
        `[${height + 2 * padHeight}, ${width + 2 * padWidth}]: make kernelSize smaller or padding larger`,
    );
  }
  return {
    channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth,
    outHeight: windowOutputSize(height, kernelHeight, strideHeight, padHeight),
    outWidth: windowOutputSize(width, kernelWidth, strideWidth, padWidth),
  };
}
