/**
 * The builder page in headless Chromium: the data panel previews image data as labelled thumbnails (a generated
 * set drawn by the page, an image CSV, IDX files and a folder of PNGs read by the host with the extension's own
 * reader), shows a bad image's message without changing anything, and chooses an image folder or an IDX pair from
 * the keyboard, the input shape following the images.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateBuiltin } from '../../src/data/builtin';
import { readModel } from '../../src/model/reader';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { BuilderPage, useBuilderPages } from './harness';
import { XOR_MODEL } from './fixtures';
import { idx, png } from '../shared/image-files';

function modelOf(text: string): NnJsonModel {
  const { model } = readModel(text);
  assert.ok(model, 'the edited text is still a model');
  return model;
}

/** The XOR model with `input` and `data` replaced. */
function xorWith(input: string, data: string): string {
  return XOR_MODEL.replace('"input": { "size": 2 }', `"input": ${input}`).replace(/"data": \{[^\n]*\}/, `"data": ${data}`);
}

/** The levels the grid draws for `values` when the shown set spans [min, max] (image-canvas.ts's linear map). */
function levels(values: readonly number[], min: number, max: number): number[] {
  return values.map((value) => Math.round((value - min) * (255 / (max - min))));
}

/** The red channel of thumbnail `index` as drawn, one value per pixel. */
function drawnLevels(index: number): string {
  return `(() => {
    const canvas = document.querySelectorAll('#data-panel .thumbnail-canvas')[${index}];
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]);
  })()`;
}

const LABELS = '[...document.querySelectorAll("#data-panel .thumbnail-label")].map((label) => label.textContent)';
const THUMBNAILS = 'document.querySelectorAll("#data-panel .thumbnail-canvas").length';
const CAPTION = 'document.querySelector("#data-panel .image-grid-caption").textContent';

/** A gray PNG whose pixel (x, y) is `base + x + size·y`. */
const grayPng = (size: number, base: number) => png(size, size, (x, y) => {
  const level = base + x + size * y;
  return [level, level, level];
});

describe('builder webview: image data', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let dir: string;
  let builder: BuilderPage;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nn-builder-images-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync('examples/data/digits.csv', join(dir, 'data', 'digits.csv'));
    for (const [label, name] of ['circle', 'square', 'star'].entries()) {
      mkdirSync(join(dir, 'pictures', name), { recursive: true });
      for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'pictures', name, `${i}.png`), grayPng(6, 40 * label + 10 * i));
    }
    mkdirSync(join(dir, 'mnist'));
    const pixels = Array.from({ length: 60 * 5 * 5 }, (_, i) => (i * 11) % 256);
    writeFileSync(join(dir, 'mnist', 'train-images-idx3-ubyte.gz'), gzipSync(idx([60, 5, 5], pixels)));
    writeFileSync(join(dir, 'mnist', 'train-labels-idx1-ubyte.gz'), gzipSync(idx([60], Array.from({ length: 60 }, (_, i) => (i * 3) % 10))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const open = (text: string) => pages.open({ text, dataDir: dir, csvFiles: ['data/digits.csv'] });

  it('builtin:shapes: the first 48 of its 800 pictures, drawn by the page, each labelled with its class', async () => {
    builder = await open(xorWith('{ "shape": [1, 16, 16] }', '{ "source": "builtin:shapes" }'));
    await builder.waitForPage(`${THUMBNAILS} === 48`);
    const shapes = generateBuiltin('shapes');
    assert.deepEqual(await builder.evaluate<string[]>(LABELS), Array.from({ length: 48 }, (_, row) => shapes.classNames?.[shapes.y[row]]));
    assert.equal(await builder.evaluate<string>(CAPTION), 'First 48 of 800 pictures of builtin:shapes');
    const shown = shapes.x.subarray(0, 48 * 256);
    const [min, max] = [Math.min(...shown), Math.max(...shown)];
    assert.deepEqual(await builder.evaluate<number[]>(drawnLevels(0)), levels(Array.from(shapes.x.subarray(0, 256)), min, max), 'the first picture, pixel for pixel');
    assert.equal(await builder.page.locator('#data-panel .scatter-preview').count(), 0, 'pictures are no scatter');
    assert.equal(await builder.page.locator('#data-panel .thumbnail-canvas').first().getAttribute('aria-label'), `Image 1 (row 1): ${shapes.classNames?.[shapes.y[0]]}, 1×16×16`);
    await builder.finish();
  });

  it('an image CSV: its first rows\' pixel columns fill input.shape, labelled with the target column', async () => {
    builder = await open(xorWith('{ "shape": [1, 8, 8] }', '{ "source": "data/digits.csv", "target": "digit" }'));
    await builder.waitForPage(`${THUMBNAILS} === 48`);
    const [header, ...rows] = readFileSync('examples/data/digits.csv', 'utf8').trim().split('\n').map((line) => line.split(','));
    const digit = header.indexOf('digit');
    assert.deepEqual(await builder.evaluate<string[]>(LABELS), rows.slice(0, 48).map((row) => row[digit]));
    assert.equal(await builder.evaluate<string>(CAPTION), `First 48 of ${rows.length} images of digits.csv`);
    const pixels = rows.slice(0, 48).map((row) => row.filter((_, column) => column !== digit).map(Number));
    const [min, max] = [Math.min(...pixels.flat()), Math.max(...pixels.flat())];
    assert.deepEqual(await builder.evaluate<number[]>(drawnLevels(0)), levels(pixels[0], min, max), 'the first row, pixel for pixel');
    assert.ok(await builder.page.locator('#data-panel table').count() === 1, 'the first rows stay shown as a table too');
    await builder.finish();
  });

  it('chooses a folder of images from the keyboard: input.shape follows the pictures, and the thumbnails show the first of each class', async () => {
    builder = await open(XOR_MODEL);
    const page = builder.page;
    await page.locator('#data-panel select[name="data-kind"]').selectOption('folder');
    await builder.settle();
    assert.equal(builder.text, XOR_MODEL, 'switching the kind writes nothing until a folder is chosen');
    const folder = page.locator('#data-panel select[name="data-folder"]');
    await builder.waitForPage('[...document.querySelectorAll("#data-panel select[name=data-folder] option")].some((option) => option.value === "pictures")');
    assert.deepEqual(await folder.locator('option').allTextContents(), ['(choose a folder of images)', 'pictures']);
    await folder.focus();
    await page.keyboard.press('ArrowDown');
    await builder.waitFor(() => builder.edits.length === 1, 'the data edit');
    await builder.settle();
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'pictures' });
    assert.deepEqual(model.input, { shape: [1, 6, 6] }, 'the shape the pictures give, in the same edit');
    await builder.waitForPage(`${THUMBNAILS} === 9`);
    assert.deepEqual(await builder.evaluate<string[]>(LABELS), ['circle', 'square', 'star', 'circle', 'square', 'star', 'circle', 'square', 'star']);
    assert.equal(await builder.evaluate<string>(CAPTION), 'First 9 of 9 images of pictures, the first of each class in turn');
    // the pictures span 0 … 80 + 20 + 35 gray levels: the first (circle/0.png) drawn on that range
    const first = Array.from({ length: 36 }, (_, i) => i / 255);
    assert.deepEqual(await builder.evaluate<number[]>(drawnLevels(0)), levels(first, 0, (80 + 20 + 35) / 255));
    await builder.waitForPage('document.querySelector("#data-panel .data-facts").textContent === "9 images of 1×6×6 · 3 classes (circle, square, star)"');
    assert.equal(await builder.evaluate<string>('document.querySelector("#data-panel select[name=data-kind]").value'), 'folder');
    await builder.finish();
  });

  it('keeps a declared input.shape that a folder\'s pictures are converted to', async () => {
    builder = await open(xorWith('{ "shape": [3, 3, 3] }', '{ "source": "builtin:xor" }'));
    const page = builder.page;
    await page.locator('#data-panel select[name="data-kind"]').selectOption('folder');
    await builder.waitForPage('document.querySelectorAll("#data-panel select[name=data-folder] option").length === 2');
    await page.locator('#data-panel select[name="data-folder"]').selectOption('pictures');
    await builder.waitFor(() => builder.edits.length === 1, 'the data edit');
    await builder.settle();
    assert.deepEqual(modelOf(builder.text).input, { shape: [3, 3, 3] });
    await builder.waitForPage(`${THUMBNAILS} === 9`);
    assert.deepEqual(await builder.evaluate<number[]>('[...document.querySelectorAll("#data-panel .thumbnail-canvas")].map((canvas) => canvas.width * 10 + canvas.height).slice(0, 1)'), [33]);
    await builder.finish();
  });

  it('chooses IDX images from the keyboard, their labels file with them, and previews the first images with their labels', async () => {
    builder = await open(XOR_MODEL);
    const page = builder.page;
    const kind = page.locator('#data-panel select[name="data-kind"]');
    await kind.selectOption('idx');
    const images = page.locator('#data-panel select[name="data-idx-images"]');
    await builder.waitForPage('document.querySelectorAll("#data-panel select[name=data-idx-images] option").length === 3');
    await images.focus();
    await page.keyboard.press('ArrowDown');
    await builder.waitFor(() => builder.edits.length === 1, 'the data edit');
    await builder.settle();
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'mnist/train-images-idx3-ubyte.gz', labels: 'mnist/train-labels-idx1-ubyte.gz' }, 'the labels file that belongs to the images');
    assert.deepEqual(model.input, { shape: [1, 5, 5] });
    await builder.waitForPage(`${THUMBNAILS} === 48`);
    assert.deepEqual(await builder.evaluate<string[]>(LABELS), Array.from({ length: 48 }, (_, i) => String((i * 3) % 10)));
    assert.equal(await builder.evaluate<string>(CAPTION), 'First 48 of 60 images of train-images-idx3-ubyte.gz');
    assert.equal(await page.locator('#data-panel select[name="data-idx-labels"]').inputValue(), 'mnist/train-labels-idx1-ubyte.gz');
    await builder.finish();
  });

  it('a bad image shows the data layer\'s message naming the file and the fix, and nothing is changed', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'one'), { recursive: true });
    mkdirSync(join(bad, 'two'), { recursive: true });
    writeFileSync(join(bad, 'one', 'a.png'), grayPng(4, 0));
    writeFileSync(join(bad, 'two', 'b.png'), 'this is not a picture');
    const text = xorWith('{ "shape": [1, 4, 4] }', '{ "source": "bad" }');
    builder = await open(text);
    await builder.waitForPage(`${THUMBNAILS} === 1`);
    const alerts = '[...document.querySelectorAll("#data-panel .image-grid-problems [role=alert]")].map((alert) => alert.textContent)';
    const shown = await builder.evaluate<string[]>(alerts);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /bad\/two\/b\.png: cannot be read as an image \(.*\): replace the file or move it out of the class folder$/);
    // training reads every image and stops at the same file: the facts line says so too
    await builder.waitForPage(`document.querySelector("#data-panel .data-facts").textContent.includes("b.png: cannot be read as an image")`);

    // an empty class folder: nothing to show but the message
    rmSync(join(bad, 'two', 'b.png'));
    await builder.setText(text.replace('"source": "bad"', '"source": "./bad"'));
    await builder.waitForPage('document.querySelectorAll("#data-panel .image-grid-problems [role=alert]").length === 1 && document.querySelector("#data-panel .image-grid-problems").textContent.includes("two")');
    assert.match(await builder.evaluate<string>('document.querySelector("#data-panel .image-grid-problems").textContent'), /bad\/two: the class folder "two" has no PNG or JPEG images: add some, or remove the folder/);
    assert.equal(builder.edits.length, 0, 'the model is not edited');
    assert.deepEqual(readFileSync(join(bad, 'one', 'a.png')), grayPng(4, 0), 'the pictures are not touched');
    await builder.finish();
  });
});
