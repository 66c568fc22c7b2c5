/**
 * Decoded images to samples of an image input `[C, H, W]`: channels converted (grayscale or RGB), size converted,
 * values scaled to [0, 1] or kept as 0–255. A sample is C·H·W floats in C-major order (NCHW, as PyTorch), the
 * row layout the engine's image layers read. Browser-safe.
 */
import { DataError } from './errors';

/** A decoded image: `rgba` holds 4 bytes per pixel, row by row (what the PNG and JPEG decoders give). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export type ImageShape = readonly [channels: number, height: number, width: number];

/** Grayscale as ITU-R 601-2 luma, the weights PIL's `convert('L')` (and so torchvision's Grayscale) uses. */
function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/** The image's value of channel `c` (of 1 or 3) at a pixel, 0–255; alpha is dropped, as PIL's convert does. */
function channelValue(image: RgbaImage, pixel: number, channels: number, c: number): number {
  const at = pixel * 4;
  const { rgba } = image;
  return channels === 1 ? luma(rgba[at], rgba[at + 1], rgba[at + 2]) : rgba[at + c];
}

/** Whether pictures convert to `channels` channels: 1 (grayscale) or 3 (RGB). */
export function isImageChannelCount(channels: number): boolean {
  return channels === 1 || channels === 3;
}

/**
 * Writes `image` as one sample of `shape` into `out` at `offset`. A different size is resized bilinearly with
 * pixel centres aligned (PyTorch's `align_corners=False`); the same size is copied as it is.
 */
export function writeImageSample(image: RgbaImage, shape: ImageShape, scale: boolean, out: Float32Array, offset: number): void {
  const [channels, height, width] = shape;
  if (!isImageChannelCount(channels)) {
    throw new DataError(`input.shape has ${channels} channels: images load as 1 (grayscale) or 3 (RGB); set input.shape to [1, ${height}, ${width}] or [3, ${height}, ${width}]`);
  }
  const factor = scale ? 1 / 255 : 1;
  const sy = image.height / height;
  const sx = image.width / width;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
      const y0 = Math.floor(fy);
      const y1 = Math.min(y0 + 1, image.height - 1);
      const wy = fy - y0;
      for (let x = 0; x < width; x++) {
        const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
        const x0 = Math.floor(fx);
        const x1 = Math.min(x0 + 1, image.width - 1);
        const wx = fx - x0;
        const top = channelValue(image, y0 * image.width + x0, channels, c) * (1 - wx) + channelValue(image, y0 * image.width + x1, channels, c) * wx;
        const bottom = channelValue(image, y1 * image.width + x0, channels, c) * (1 - wx) + channelValue(image, y1 * image.width + x1, channels, c) * wx;
        out[offset + (c * height + y) * width + x] = (top * (1 - wy) + bottom * wy) * factor;
      }
    }
  }
}
