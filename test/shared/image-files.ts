/** Image data files for tests: PNG pictures (pngjs) and IDX arrays (MNIST's layout). */
import { PNG } from 'pngjs';

/** A PNG of `width`×`height` whose pixel (x, y) is `colour(x, y)` as [r, g, b]. */
export function png(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b] = colour(x, y);
      image.data[at] = r;
      image.data[at + 1] = g;
      image.data[at + 2] = b;
      image.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(image);
}

/** The bytes of an IDX file of unsigned bytes with these dimensions and values (MNIST's layout). */
export function idx(dimensions: number[], values: ArrayLike<number>): Buffer {
  const header = Buffer.alloc(4 + 4 * dimensions.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dimensions.length, 3);
  dimensions.forEach((dimension, i) => header.writeUInt32BE(dimension, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Array.from(values))]);
}
