import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { DataError } from '../../../src/data/errors';
import { writeImageSample } from '../../../src/data/image-pixels';
import { listImageFolder, loadImageFolder } from '../../../src/node/image-folder';
import { png } from '../../shared/image-files';

describe('a folder of images, one subfolder per class', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nn-builder-images-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, bytes: Buffer | string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };

  it('takes the sorted subfolder names as classes and their PNG and JPEG files, in sorted order, as samples', () => {
    write('square/b.png', png(2, 2, () => [200, 200, 200]));
    write('square/a.PNG', png(2, 2, () => [100, 100, 100]));
    write('circle/notes.txt', 'not an image');
    const gray = Buffer.alloc(2 * 2 * 4, 128);
    write('circle/c.jpg', Buffer.from(jpeg.encode({ width: 2, height: 2, data: gray }, 100).data));
    const listing = listImageFolder(root);
    assert.deepEqual(listing.classes, ['circle', 'square']);
    assert.deepEqual(listing.files.map((file) => [file.path.slice(root.length + 1), file.label]), [['circle/c.jpg', 0], ['square/a.PNG', 1], ['square/b.png', 1]]);

    const data = loadImageFolder(root, { scale: true });
    assert.deepEqual(data.imageShape, [1, 2, 2], 'gray pictures: one channel');
    assert.deepEqual([data.rows, data.cols, Array.from(data.y)], [3, 4, [0, 1, 1]]);
    assert.deepEqual(data.classNames, ['circle', 'square']);
    assert.ok(Math.abs(data.x[0] - 128 / 255) < 3 / 255, `the JPEG's gray, about 128/255: ${data.x[0]}`);
    assert.ok(Array.from(data.x.subarray(4, 8)).every((value) => Math.abs(value - 100 / 255) < 1e-6));
  });

  it('labels the pictures by the model\'s data.classes when it lists them, whichever of them the folder holds', () => {
    write('square/a.png', png(2, 2, () => [200, 200, 200]));
    write('circle/b.png', png(2, 2, () => [100, 100, 100]));
    const data = loadImageFolder(root, { scale: true, classes: ['triangle', 'square', 'circle'] });
    assert.deepEqual(data.classNames, ['triangle', 'square', 'circle'], 'the network\'s outputs, not the subfolders');
    assert.deepEqual(Array.from(data.y), [2, 1], 'circle/b.png is class 2, square/a.png class 1');
    assert.throws(() => loadImageFolder(root, { scale: true, classes: ['square', 'triangle'] }), (error: unknown) =>
      error instanceof DataError && /circle: "circle" is not one of the model's classes \(data\.classes: square, triangle\): rename the folder/.test(error.message));
  });

  it('converts to grayscale by luma, or keeps RGB in channel-major order, and scales to [0, 1] only when asked', () => {
    write('only/one.png', png(2, 1, (x) => (x === 0 ? [255, 0, 0] : [0, 0, 255])));
    const gray = loadImageFolder(root, { shape: [1, 1, 2], scale: false });
    assert.deepEqual(Array.from(gray.x), [255 * 0.299, 255 * 0.114].map((v) => Math.fround(v)));
    const rgb = loadImageFolder(root, { shape: [3, 1, 2], scale: true });
    assert.deepEqual(Array.from(rgb.x), [1, 0, 0, 0, 0, 1], 'R of both pixels, then G, then B');
  });

  it('resizes bilinearly with pixel centres aligned, as torch.nn.functional.interpolate(align_corners=False)', () => {
    const image = { width: 2, height: 1, rgba: new Uint8Array([0, 0, 0, 255, 100, 100, 100, 255]) };
    const out = new Float32Array(4);
    writeImageSample(image, [1, 1, 4], false, out, 0);
    assert.deepEqual(Array.from(out), [0, 25, 75, 100]);
    const big = { width: 4, height: 2, rgba: new Uint8Array([10, 20, 30, 40, 50, 60, 70, 80].flatMap((v) => [v, v, v, 255])) };
    const halved = new Float32Array(2);
    writeImageSample(big, [1, 1, 2], false, halved, 0);
    assert.deepEqual(Array.from(halved), [(10 + 20 + 50 + 60) / 4, (30 + 40 + 70 + 80) / 4], 'halving averages each 2×2 block');
  });

  it('names the file or folder and the fix for an unreadable image, an empty class, no classes and mixed sizes', () => {
    const refused = (pattern: RegExp) => assert.throws(() => loadImageFolder(root, { scale: true }), (error: unknown) => error instanceof DataError && pattern.test(error.message));
    refused(/has no class folders: put each class's images in a subfolder/);
    write('cat/broken.png', 'not a png at all');
    refused(/cat\/broken\.png: cannot be read as an image .*: replace the file or move it out of the class folder/);
    rmSync(join(root, 'cat/broken.png'));
    refused(/the class folder "cat" has no PNG or JPEG images: add some, or remove the folder/);
    write('cat/a.png', png(2, 2, () => [0, 0, 0]));
    write('cat/b.png', png(3, 2, () => [0, 0, 0]));
    refused(/cat\/b\.png: is 3×2 but a\.png is 2×2: set input\.shape to the size to convert every image to, e\.g\. \[1, 2, 2\]/);
    assert.equal(loadImageFolder(root, { shape: [1, 2, 2], scale: true }).rows, 2, 'with a shape, both are converted');
  });
});
