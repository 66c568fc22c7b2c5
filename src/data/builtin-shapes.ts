/**
 * `builtin:shapes`: small grayscale pictures of a circle, a square, a triangle or a cross, each at a random position
 * and size, drawn in white (1) on black (0) with Gaussian pixel noise, clipped to [0, 1]. Row i is of class i mod 4,
 * so the classes are balanced. Browser-safe; the same options give the same pictures.
 */
import type { Random } from '../engine/random';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross'] as const;
/** One picture: 1 channel, 16 × 16 pixels. */
export const SHAPES_IMAGE: readonly [number, number, number] = [1, 16, 16];

type Inside = (dx: number, dy: number, radius: number) => boolean;

// (dx, dy) is a pixel centre relative to the figure's centre, in pixels; `radius` is half the figure's size
const INSIDE: Record<(typeof SHAPE_CLASSES)[number], Inside> = {
  circle: (dx, dy, r) => dx * dx + dy * dy <= r * r,
  square: (dx, dy, r) => Math.abs(dx) <= r && Math.abs(dy) <= r,
  // apex up, base at the bottom: |dx| grows from 0 at the top (dy = -r) to r at the base (dy = r)
  triangle: (dx, dy, r) => dy <= r && dy >= -r && Math.abs(dx) <= (dy + r) / 2,
  cross: (dx, dy, r) => (Math.abs(dx) <= r && Math.abs(dy) <= r / 4) || (Math.abs(dy) <= r && Math.abs(dx) <= r / 4),
};

/** Draws sample `index` (of class index mod 4) into `pixels`, one H × W picture, row-major. */
export function drawShape(pixels: Float32Array, index: number, noise: number, random: Random): number {
  const [, height, width] = SHAPES_IMAGE;
  const label = index % SHAPE_CLASSES.length;
  const inside = INSIDE[SHAPE_CLASSES[label]];
  const radius = random.uniform(3, 6.5);
  // the whole figure stays in the picture
  const cx = random.uniform(radius, width - radius);
  const cy = random.uniform(radius, height - radius);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = (inside(x + 0.5 - cx, y + 0.5 - cy, radius) ? 1 : 0) + noise * random.normal();
      pixels[y * width + x] = Math.min(1, Math.max(0, value));
    }
  }
  return label;
}
