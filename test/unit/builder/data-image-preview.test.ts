import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readDataImagePreview } from '../../../src/builder/data-image-preview';
import { readIdxFile } from '../../../src/node/idx-file';
import { listImageFolder, loadImageFolder, readImageFile } from '../../../src/node/image-folder';
import { findImageSources } from '../../../src/node/image-sources';
import type { DataImagePreview, DataImagePreviewRequest } from '../../../src/shared/webview-protocol';
import { idx, png } from '../../shared/image-files';

const gray = (level: number) => (): [number, number, number] => [level, level, level];

function ready(preview: DataImagePreview): Extract<DataImagePreview, { status: 'ready' }> {
  assert.equal(preview.status, 'ready', preview.status === 'failed' ? preview.message : '');
  return preview as Extract<DataImagePreview, { status: 'ready' }>;
}

function failed(preview: DataImagePreview): string {
  assert.equal(preview.status, 'failed');
  return (preview as Extract<DataImagePreview, { status: 'failed' }>).message;
}

describe('the data panel\'s image preview, read by the host', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nn-builder-preview-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, bytes: Buffer | string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  };
  const request = (data: DataImagePreviewRequest['data'], inputShape?: number[]): DataImagePreviewRequest =>
    ({ data, task: 'classification', ...(inputShape ? { inputShape } : {}) });
  const preview = (data: DataImagePreviewRequest['data'], count: number, inputShape?: number[]) =>
    readDataImagePreview(request(data, inputShape), { modelDir: root }, count);

  describe('a folder of images', () => {
    it('shows the first image of each class in turn, with its class, converted as training converts it', async () => {
      for (let i = 0; i < 4; i++) write(`pictures/cat/${i}.png`, png(3, 2, gray(10 + i)));
      for (let i = 0; i < 2; i++) write(`pictures/dog/${i}.png`, png(3, 2, gray(100 + i)));
      const shown = ready(await preview({ source: 'pictures' }, 4));
      assert.deepEqual(shown.images.shape, [1, 2, 3]);
      assert.equal(shown.images.total, 6);
      assert.deepEqual(shown.images.samples.map((sample) => [sample.row, sample.label]), [[0, 'cat'], [4, 'dog'], [1, 'cat'], [5, 'dog']]);
      const trained = loadImageFolder(join(root, 'pictures'), { scale: true });
      for (const sample of shown.images.samples) {
        assert.deepEqual(sample.pixels, Array.from(trained.x.subarray(sample.row * trained.cols, (sample.row + 1) * trained.cols)), `row ${sample.row} as training reads it`);
      }
      assert.deepEqual(shown.problems, []);
    });

    it('reads only the images it shows: a damaged file after them is not opened', async () => {
      for (let i = 0; i < 5; i++) write(`pictures/a/${i}.png`, png(2, 2, gray(50)));
      write('pictures/a/9.png', 'not a picture');
      assert.throws(() => loadImageFolder(join(root, 'pictures'), { scale: true }), /9\.png: cannot be read as an image/);
      const shown = ready(await preview({ source: 'pictures' }, 3));
      assert.equal(shown.images.samples.length, 3);
      assert.equal(shown.images.total, 6, 'the total comes from the listing');
      assert.deepEqual(shown.problems, []);
    });

    it('converts to a declared input.shape (channels and size) and shows each bad file with the data layer\'s message', async () => {
      write('pictures/a/0.png', png(4, 4, () => [255, 0, 0]));
      write('pictures/a/1.png', 'not a picture');
      write('pictures/b/0.png', png(2, 2, gray(128)));
      const converted = ready(await preview({ source: 'pictures' }, 8, [3, 2, 2]));
      assert.deepEqual(converted.images.shape, [3, 2, 2]);
      assert.deepEqual(converted.images.samples.map((sample) => sample.row), [0, 2]);
      assert.deepEqual(converted.images.samples[0].pixels, [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], 'red, in channel-major order');
      const unreadable = (() => {
        try {
          readImageFile(join(root, 'pictures/a/1.png'));
        } catch (error) {
          return (error as Error).message;
        }
        return '';
      })();
      assert.match(unreadable, /1\.png: cannot be read as an image .*: replace the file or move it out of the class folder/);
      assert.deepEqual(converted.problems, [unreadable]);

      // without input.shape, the picture of another size is named with the fix
      const undeclared = ready(await preview({ source: 'pictures' }, 8));
      assert.deepEqual(undeclared.images.samples.map((sample) => sample.row), [0]);
      assert.equal(undeclared.problems.length, 2);
      assert.equal(undeclared.problems[1], unreadable);
      assert.match(undeclared.problems[0], /b\/0\.png: is 2×2 but 0\.png is 4×4: set input\.shape to the size to convert every image to, e\.g\. \[3, 4, 4\]/);
    });

    it('an empty class folder is the data layer\'s message, and nothing is written', async () => {
      write('pictures/a/0.png', png(2, 2, gray(1)));
      mkdirSync(join(root, 'pictures', 'b'));
      const before = readFileSync(join(root, 'pictures/a/0.png'));
      const message = failed(await preview({ source: 'pictures' }, 8));
      assert.throws(() => listImageFolder(join(root, 'pictures')), { message });
      assert.match(message, /the class folder "b" has no PNG or JPEG images: add some, or remove the folder/);
      assert.deepEqual(readFileSync(join(root, 'pictures/a/0.png')), before);
    });
  });

  describe('IDX files', () => {
    const pixels = Array.from({ length: 1000 * 4 }, (_, i) => (i * 7) % 256);
    const labels = Array.from({ length: 1000 }, (_, i) => i % 10);

    for (const gz of [false, true]) {
      it(`reads the first images and labels${gz ? ' of gzipped files' : ''}, and only those: a file cut short after them is fine`, async () => {
        const pack = (bytes: Buffer) => (gz ? gzipSync(bytes) : bytes);
        const suffix = gz ? '.gz' : '';
        write(`images-idx3-ubyte${suffix}`, pack(idx([1000, 2, 2], pixels)));
        write(`labels-idx1-ubyte${suffix}`, pack(idx([1000], labels)));
        const shown = ready(await preview({ source: `images-idx3-ubyte${suffix}`, labels: `labels-idx1-ubyte${suffix}` }, 5));
        assert.deepEqual(shown.images.shape, [1, 2, 2]);
        assert.equal(shown.images.total, 1000);
        assert.deepEqual(shown.images.samples.map((sample) => sample.label), ['0', '1', '2', '3', '4']);
        assert.deepEqual(shown.images.samples[1].pixels, pixels.slice(4, 8).map((value) => Math.fround(value / 255)));

        // the same files cut after the first few images: reading them whole fails, the preview does not read that far
        const whole = pack(idx([1000, 2, 2], pixels));
        write(`cut-images-idx3-ubyte${suffix}`, whole.subarray(0, gz ? Math.floor(whole.length / 2) : 16 + 40));
        await assert.rejects(readIdxFile(join(root, `cut-images-idx3-ubyte${suffix}`), 'cut'), /cut short|damaged/);
        ready(await preview({ source: `cut-images-idx3-ubyte${suffix}`, labels: `labels-idx1-ubyte${suffix}` }, 5));
      });
    }

    it('labels of another count, or a file that is not IDX, fail with the data layer\'s message', async () => {
      write('images-idx3-ubyte', idx([3, 2, 2], pixels.slice(0, 12)));
      write('labels-idx1-ubyte', idx([4], [0, 1, 2, 3]));
      write('notes-idx1-ubyte', 'hello');
      assert.match(failed(await preview({ source: 'images-idx3-ubyte', labels: 'labels-idx1-ubyte' }, 5)), /has 4 labels but .*images-idx3-ubyte has 3 images: use the labels file that belongs to these images/);
      assert.match(failed(await preview({ source: 'images-idx3-ubyte', labels: 'notes-idx1-ubyte' }, 5)), /notes-idx1-ubyte is not an IDX file \(MNIST format\): its magic number is 68 65 6c 6c/);
      assert.match(failed(await preview({ source: 'images-idx3-ubyte', labels: 'missing-idx1-ubyte' }, 5)), /missing-idx1-ubyte: file not found: check data\.labels/);
    });

    it('images without labels show without classes', async () => {
      write('images-idx3-ubyte', idx([3, 2, 2], pixels.slice(0, 12)));
      const shown = ready(await preview({ source: 'images-idx3-ubyte' }, 5));
      assert.deepEqual(shown.images.samples.map((sample) => [sample.row, sample.label]), [[0, undefined], [1, undefined], [2, undefined]]);
    });
  });

  describe('an image CSV', () => {
    it('fills input.shape with each of the first rows\' feature columns, labelled by the target, and counts every row', async () => {
      write('digits.csv', readFileSync('examples/data/digits.csv'));
      const shown = ready(await preview({ source: 'digits.csv', target: 'digit' }, 6, [1, 8, 8]));
      const [header, ...rows] = readFileSync('examples/data/digits.csv', 'utf8').trim().split('\n').map((line) => line.split(','));
      const digit = header.indexOf('digit');
      assert.equal(shown.images.total, rows.length);
      assert.equal(shown.images.samples.length, 6);
      shown.images.samples.forEach((sample, row) => {
        assert.equal(sample.label, rows[row][digit]);
        assert.deepEqual(sample.pixels, rows[row].filter((_, column) => column !== digit).map(Number));
      });
    });

    it('says when input.shape does not hold a row', async () => {
      write('digits.csv', readFileSync('examples/data/digits.csv'));
      assert.match(failed(await preview({ source: 'digits.csv', target: 'digit' }, 6, [1, 4, 4])), /digits\.csv gives 64 input values a row but input\.shape \[1, 4, 4\] holds 16/);
    });
  });

  it('finds the workspace\'s image folders and IDX files, without opening a picture or walking node_modules', async () => {
    write('data/shapes/circle/0.png', 'never decoded');
    write('data/shapes/square/0.jpg', 'never decoded');
    write('data/mnist/train-images-idx3-ubyte.gz', '');
    write('data/mnist/train-labels-idx1-ubyte.gz', '');
    write('node_modules/pkg/icons/a.png', '');
    write('notes/readme.txt', '');
    const found = await findImageSources([root]);
    assert.deepEqual(found.folders, [join(root, 'data', 'shapes')]);
    assert.deepEqual(found.idxFiles, [join(root, 'data/mnist/train-images-idx3-ubyte.gz'), join(root, 'data/mnist/train-labels-idx1-ubyte.gz')]);
  });
});
