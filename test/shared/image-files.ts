/** Image data files for tests: PNG pictures (pngjs, or written sample by sample in any PNG format) and IDX arrays (MNIST's layout). */
import { deflateSync } from 'node:zlib';
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

/** A PNG in any of the format's kinds, for what pngjs cannot write (palettes, low bit depths, a transparent colour). */
export interface PngFormat {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  /** 0 gray, 2 RGB, 3 palette, 4 gray and alpha, 6 RGBA. */
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  /** The samples of pixel (x, y): its palette index for colour type 3. */
  readonly samples: (x: number, y: number) => number[];
  /** Colour type 3: the [r, g, b] of each index. */
  readonly palette?: readonly (readonly [number, number, number])[];
  /** The tRNS chunk: the transparent gray or [r, g, b], or the alpha of the first palette entries. */
  readonly transparency?: readonly number[];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks take it (node's zlib.crc32 is newer than the Node 20 the project runs on). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The samples of one row, packed at the bit depth (big-endian 16-bit, low depths from the high bit). */
function packedRow(samples: number[], bitDepth: number): Buffer {
  if (bitDepth === 16) {
    const row = Buffer.alloc(samples.length * 2);
    samples.forEach((value, i) => row.writeUInt16BE(value, i * 2));
    return row;
  }
  const row = Buffer.alloc(Math.ceil((samples.length * bitDepth) / 8));
  samples.forEach((value, i) => {
    const bit = i * bitDepth;
    row[bit >> 3] |= value << (8 - bitDepth - (bit & 7));
  });
  return row;
}

/** The bytes of a PNG of `format`, each row unfiltered. */
export function pngOfFormat(format: PngFormat): Buffer {
  const { width, height, bitDepth, colorType } = format;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([bitDepth, colorType, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const samples = Array.from({ length: width }, (_, x) => format.samples(x, y)).flat();
    rows.push(Buffer.from([0]), packedRow(samples, bitDepth));
  }
  const trns = format.transparency === undefined ? undefined
    : colorType === 3 ? Buffer.from(format.transparency) : Buffer.concat(format.transparency.map((value) => packedRow([value], 16)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    ...(format.palette ? [pngChunk('PLTE', Buffer.from(format.palette.flat()))] : []),
    ...(trns ? [pngChunk('tRNS', trns)] : []),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
