/**
 * Draws a CHW tensor (an input image, a convolution filter, a feature map) onto a canvas, one canvas pixel per
 * tensor pixel; CSS scales it up with `image-rendering: pixelated`. Values are mapped linearly from [min, max] to [0, 255]:
 * by default the tensor's own range, so a filter's or feature map's pattern shows whatever its scale. Signed values
 * (a hidden unit's activations) can instead be drawn as TensorFlow Playground draws its neurons: the sign picks one
 * of two colours and the magnitude its opacity, so zero is the background behind the canvas.
 */
export interface ImageRange {
  min: number;
  max: number;
}

/** The colours of negative and positive values in signed mode. */
export interface SignColors {
  negative: readonly [number, number, number];
  positive: readonly [number, number, number];
}

export function valueRange(values: ArrayLike<number>, start = 0, length = values.length - start): ImageRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < start + length; i += 1) {
    const value = values[i];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 1 };
}

/**
 * Draws one channel of `values` (CHW, `shape` [C, H, W], starting at `offset`) in grey, or, when C is 3 and no
 * `channel` is asked for, the three channels as colour; with `signed`, one channel with opacity
 * |value| / max(|min|, |max|) in the colour of its sign.
 */
export function drawTensorImage(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  shape: readonly [number, number, number],
  options: { offset?: number; channel?: number; range?: ImageRange; signed?: SignColors } = {},
): void {
  const [channels, height, width] = shape;
  const plane = height * width;
  const offset = options.offset ?? 0;
  const signed = options.signed;
  const colour = channels === 3 && options.channel === undefined && !signed;
  const first = offset + (colour ? 0 : (options.channel ?? 0)) * plane;
  const range = options.range ?? valueRange(values, first, colour ? 3 * plane : plane);
  const scale = range.max > range.min ? 255 / (range.max - range.min) : 0;
  const level = (value: number) => (scale === 0 ? 128 : Math.round((value - range.min) * scale));
  const magnitude = Math.max(Math.abs(range.min), Math.abs(range.max));
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2-D canvas unavailable');
  const image = context.createImageData(width, height);
  for (let i = 0; i < plane; i += 1) {
    if (signed) {
      const value = values[first + i];
      const [r, g, b] = value < 0 ? signed.negative : signed.positive;
      image.data.set([r, g, b, magnitude > 0 ? Math.round(Math.min(1, Math.abs(value) / magnitude) * 255) : 0], i * 4);
      continue;
    }
    const red = level(values[first + i]);
    image.data[i * 4] = red;
    image.data[i * 4 + 1] = colour ? level(values[first + plane + i]) : red;
    image.data[i * 4 + 2] = colour ? level(values[first + 2 * plane + i]) : red;
    image.data[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
