/**
 * Folders of images for the PyTorch export tests, one subfolder per class (across, down: a bright bar across or
 * down the picture): PNGs of every kind pngjs reads (gray, RGB, alpha, palette, a transparent colour, 1- to 16-bit,
 * other sizes), and JPEGs of the kinds met in practice.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { png, pngOfFormat } from './image-files';
import { pythonProgram } from './python-env';

export type Direction = 'across' | 'down';
const ON = 230;
const OFF = 20;

/** Whether pixel (x, y) of a width × height picture is on the bar at `at` (of 8 positions). */
function onBar(direction: Direction, at: number, x: number, y: number, width: number, height: number): boolean {
  return direction === 'across' ? Math.floor((y * 8) / height) === at : Math.floor((x * 8) / width) === at;
}

/** One bar picture in each PNG kind the pictures come in: name suffix and bytes. */
export const PNG_KINDS: readonly ((direction: Direction, at: number) => [string, Buffer])[] = [
  (d, at) => ['gray.png', pngOfFormat({ width: 8, height: 8, bitDepth: 8, colorType: 0, samples: (x, y) => [onBar(d, at, x, y, 8, 8) ? ON : OFF + x] })],
  (d, at) => ['rgb.png', png(8, 8, (x, y) => (onBar(d, at, x, y, 8, 8) ? [250, 180, 40] : [10, 40 + 3 * y, 90]))],
  (d, at) => ['rgba-12x10.png', pngOfFormat({ width: 12, height: 10, bitDepth: 8, colorType: 6, samples: (x, y) => [onBar(d, at, x, y, 12, 10) ? ON : OFF, 60 + 5 * x, 90, (x * 40 + y * 7) % 256] })],
  (d, at) => ['palette-5x6.png', pngOfFormat({
    width: 5, height: 6, bitDepth: 4, colorType: 3, samples: (x, y) => [onBar(d, at, x, y, 5, 6) ? 1 : (x + y) % 3 === 0 ? 2 : 0],
    palette: [[15, 25, 35], [240, 230, 200], [90, 10, 160]], transparency: [255, 0],
  })],
  (d, at) => ['gray16.png', pngOfFormat({ width: 8, height: 8, bitDepth: 16, colorType: 0, samples: (x, y) => [(onBar(d, at, x, y, 8, 8) ? ON : OFF) * 257 + ((x * 37 + y * 11) % 200) - 100] })],
  (d, at) => ['rgb-trns.png', pngOfFormat({ width: 8, height: 8, bitDepth: 8, colorType: 2, samples: (x, y) => (onBar(d, at, x, y, 8, 8) ? [200, 210, 220] : [40, 50, 60]), transparency: [40, 50, 60] })],
  (d, at) => ['gray-alpha-9x7.png', pngOfFormat({ width: 9, height: 7, bitDepth: 8, colorType: 4, samples: (x, y) => [onBar(d, at, x, y, 9, 7) ? ON : OFF, 255 - 20 * x] })],
  (d, at) => ['gray2-trns.png', pngOfFormat({ width: 8, height: 8, bitDepth: 2, colorType: 0, samples: (x, y) => [onBar(d, at, x, y, 8, 8) ? 3 : (x % 2)], transparency: [1] })],
  (d, at) => ['gray1-16x16.png', pngOfFormat({ width: 16, height: 16, bitDepth: 1, colorType: 0, samples: (x, y) => [onBar(d, at, x, y, 16, 16) ? 1 : 0] })],
];

/** 25 pictures, 12 across and 13 down, each PNG kind in turn, two named so that JavaScript and Python sort them differently by default. */
export function writePngFolder(root: string): void {
  for (let i = 0; i < 23; i++) {
    const direction: Direction = i % 2 === 0 ? 'across' : 'down';
    const [suffix, bytes] = PNG_KINDS[i % PNG_KINDS.length](direction, i % 8);
    mkdirSync(join(root, direction), { recursive: true });
    writeFileSync(join(root, direction, `${String(i).padStart(2, '0')}-${suffix}`), bytes);
  }
  // U+FF71 comes after U+1D4B3's first UTF-16 unit (U+D835) but before the code point: NN Builder takes 𝒳 first
  writeFileSync(join(root, 'down', '\uff71.png'), PNG_KINDS[1]('down', 3)[1]);
  writeFileSync(join(root, 'down', '\u{1d4b3}.PNG'), PNG_KINDS[0]('down', 6)[1]);
  writeFileSync(join(root, 'down', 'notes.txt'), 'not a picture');
  mkdirSync(join(root, '.thumbnails'));
}

/** RGBA bytes of a bar picture, for the JPEG encoder. */
function barRgba(direction: Direction, at: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(onBar(direction, at, x, y, width, height) ? [240, 200, 60, 255] : [20, 60 + 4 * y, 120, 255], (y * width + x) * 4);
  }
  return data;
}

/**
 * JPEGs: jpeg-js's own (full-resolution colour), and Pillow's of the same pictures with the colour at half
 * resolution (4:2:0, which most cameras write) and in gray.
 */
export function writeJpegFolder(root: string): void {
  for (let i = 0; i < 12; i++) {
    const direction: Direction = i % 2 === 0 ? 'across' : 'down';
    const [width, height] = i % 3 === 0 ? [12, 10] : [8, 8];
    mkdirSync(join(root, direction), { recursive: true });
    writeFileSync(join(root, direction, `${i}.jpg`), jpeg.encode({ data: barRgba(direction, i % 8, width, height), width, height }, 90).data);
  }
  const reencode = spawnSync(pythonProgram(), ['-c', [
    'import pathlib, sys',
    'from PIL import Image',
    'for path in sorted(pathlib.Path(sys.argv[1]).glob("*/*.jpg"))[::2]:',
    '    image = Image.open(path).convert("RGB")',
    '    image.save(path.with_name(path.stem + "-420.jpeg"), quality=90, subsampling=2)',
    '    image.convert("L").save(path.with_name(path.stem + "-gray.JPG"), quality=90)',
  ].join('\n'), root], { encoding: 'utf8' });
  assert.equal(reencode.status, 0, reencode.stderr);
}
