/**
 * The builder page in headless Chromium: choosing the data sets the input, the Input card says where its width
 * comes from, the feature chooser, CSV paths listed once, the last layer's fix, and Train on a model without data.
 * The host reads real CSV files (a temporary model folder) with the extension's own data-facts reader.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import { modelFromTemplate } from '../../src/model/templates';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { BuilderPage, useBuilderPages } from './harness';
import { XOR_MODEL } from './fixtures';

const WINE_COLUMNS = ['alcohol', 'malic_acid', 'ash', 'alcalinity', 'magnesium', 'phenols', 'flavanoids', 'nonflavanoid_phenols', 'proanthocyanins', 'colour_intensity', 'hue', 'od280', 'proline'];

function modelOf(text: string): NnJsonModel {
  const { model } = readModel(text);
  assert.ok(model, 'the edited text is still a model');
  return model;
}

/** The XOR model reading `data` instead (input.size and fc1.in as given). */
function xorWith(data: string | undefined, inputSize = 2, fc2Out = 2): string {
  let text = XOR_MODEL.replace('"size": 2', `"size": ${inputSize}`).replace('"in": 2, "out": 8', `"in": ${inputSize}, "out": 8`).replace('"in": 8, "out": 2', `"in": 8, "out": ${fc2Out}`);
  text = text.replace(/,\n {2}"data": \{[^\n]*\}/, data === undefined ? '' : `,\n  "data": ${data}`);
  return text;
}

describe('builder webview: data', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let dir: string;
  let builder: BuilderPage;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nn-builder-data-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync('examples/data/iris.csv', join(dir, 'data', 'iris.csv'));
    copyFileSync('examples/data/digits.csv', join(dir, 'data', 'digits.csv'));
    copyFileSync('test/integration/workspace-fixture/wine.csv', join(dir, 'wine.csv'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const open = (text: string, extra: Partial<Parameters<typeof pages.open>[0]> = {}) =>
    pages.open({ text, dataDir: dir, csvFiles: ['data/digits.csv', 'data/iris.csv', 'wine.csv'], ...extra });

  it('choosing a CSV and its target sets input.size in the same edit, and the Input card says where the width comes from', async () => {
    builder = await open(XOR_MODEL);
    const page = builder.page;
    assert.equal(await page.locator('#network-input .io-origin').textContent(), '· from builtin:xor');

    await page.locator('#data-panel select[name="data-kind"]').selectOption('csv');
    await builder.settle();
    assert.equal(builder.text, XOR_MODEL, 'switching the kind to CSV writes nothing: the user is asked to choose');
    assert.equal(await page.locator('#data-panel select[name="data-csv"]').inputValue(), '');
    assert.deepEqual(await page.locator('#data-panel select[name="data-csv"] option').allTextContents(), ['(choose a CSV file)', 'data/digits.csv', 'data/iris.csv', 'wine.csv']);

    await page.locator('#data-panel select[name="data-csv"]').selectOption('wine.csv');
    await builder.waitFor(() => builder.edits.length === 1, 'the CSV edit');
    await builder.settle();
    assert.deepEqual(modelOf(builder.text).data, { source: 'wine.csv', normalize: 'standard' });
    await page.waitForSelector('#data-panel table');
    await builder.waitForPage('document.querySelector("#data-panel .data-facts").textContent.includes("data.target is missing")');

    await page.locator('#data-panel select[name="data-target"]').selectOption('class');
    await builder.waitFor(() => builder.edits.length === 2, 'the target edit');
    await builder.settle();
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'wine.csv', normalize: 'standard', target: 'class' });
    assert.equal(model.input.size, 13, 'input.size follows the 13 feature columns in the same edit');
    assert.deepEqual(model.layers[0], { type: 'Linear', id: 'fc1', in: 13, out: 8 }, 'and the first Linear that stated the old size');
    await builder.waitForPage('document.querySelector("#network-input").getAttribute("aria-label") === "Input: 13 features · from wine.csv (13 numeric columns)"');
    assert.equal(await page.locator('#network-input .io-width').textContent(), '13 features');
    assert.equal(await page.locator('#network-input .data-problem').count(), 0);
    assert.match(await page.locator('#data-panel .data-facts').textContent() ?? '', /60 rows · 13 input columns · 3 classes \(1, 2, 3\)/);
    await builder.finish();
  });

  it('a generated set sets the input too', async () => {
    builder = await open(xorWith('{ "source": "./data/iris.csv", "target": "species" }', 4, 3));
    const page = builder.page;
    await builder.waitForPage('document.querySelector("#network-input .io-origin").textContent === "· from iris.csv (4 numeric columns)"');
    await page.locator('#data-panel select[name="data-kind"]').selectOption('builtin');
    await builder.waitFor(() => builder.edits.length === 1, 'the data edit');
    await builder.settle();
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'builtin:xor' });
    assert.equal(model.input.size, 2);
    assert.equal((model.layers[0] as { in: number }).in, 2);
    await builder.waitForPage('document.querySelector("#network-input").getAttribute("aria-label") === "Input: 2 features · from builtin:xor"');
    await builder.finish();
  });

  it('choosing the generated pictures builtin:shapes sets input.shape [1, 16, 16] in place of input.size, and the Input card shows it', async () => {
    builder = await open(XOR_MODEL);
    const page = builder.page;
    await page.locator('#data-panel select[name="data-builtin"]').selectOption('shapes');
    await builder.waitFor(() => builder.edits.length === 1, 'the data edit');
    await builder.settle();
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'builtin:shapes' });
    assert.deepEqual(model.input, { shape: [1, 16, 16] });
    await builder.waitForPage('document.querySelector("#network-input .io-width").textContent === "1×16×16 image"');
    assert.equal(await page.locator('#network-input .data-problem').count(), 0);
    // the MLP's first Linear now comes after a 3-D shape: the design-time error says to flatten it
    assert.match(await page.locator('.layer-card').nth(0).locator('.card-problem').first().textContent() ?? '', /fc1: Linear takes one dimension of features.*flatten it first/);
    await builder.finish();
  });

  it('the feature chooser writes data.features, by mouse and keyboard, and the input width follows', async () => {
    builder = await open(xorWith('{ "source": "wine.csv", "target": "class" }', 13, 3));
    const page = builder.page;
    const boxes = '[...document.querySelectorAll("#data-panel input[name=data-feature]")]';
    await builder.waitForPage(`${boxes}.length === 13`);
    assert.deepEqual(await builder.evaluate<string[]>(`${boxes}.map((box) => box.value)`), WINE_COLUMNS, 'every column but the target');
    assert.ok(await builder.evaluate<boolean>(`${boxes}.every((box) => box.checked)`), 'all checked while data.features is absent');

    await page.locator('#data-panel label', { hasText: 'proline' }).click();
    await builder.waitFor(() => builder.edits.length === 1, 'the features edit');
    await builder.settle();
    let model = modelOf(builder.text);
    assert.deepEqual(model.data?.features, WINE_COLUMNS.slice(0, 12));
    assert.equal(model.input.size, 12);
    assert.equal((model.layers[0] as { in: number }).in, 12);
    await builder.waitForPage('document.querySelector("#network-input .io-origin").textContent === "· from wine.csv (12 numeric columns)"');

    const ash = page.locator('#data-panel input[name="data-feature"][value="ash"]');
    await ash.focus();
    await page.keyboard.press('Space');
    await builder.waitFor(() => builder.edits.length === 2, 'the keyboard edit');
    await builder.settle();
    model = modelOf(builder.text);
    assert.deepEqual(model.data?.features, WINE_COLUMNS.slice(0, 12).filter((column) => column !== 'ash'));
    assert.equal(model.input.size, 11);
    assert.equal(await builder.evaluate<string>('document.activeElement.value'), 'ash', 'focus stays on the checkbox');

    // checking every column again leaves data.features out (all columns)
    for (const column of ['ash', 'proline']) await page.locator('#data-panel label', { hasText: new RegExp(`^${column}$`) }).click();
    await builder.waitFor(() => builder.edits.length === 4, 'two more edits');
    await builder.settle();
    model = modelOf(builder.text);
    assert.equal(model.data?.features, undefined);
    assert.equal(model.input.size, 13);
    await builder.finish();
  });

  it('keeps the current ./data/iris.csv, listed once when data/iris.csv arrives in the list', async () => {
    const text = xorWith('{ "source": "./data/iris.csv", "target": "species" }', 4, 3);
    builder = await open(text);
    const page = builder.page;
    const files = page.locator('#data-panel select[name="data-csv"] option');
    await builder.waitForPage('document.querySelectorAll("#data-panel select[name=data-csv] option").length === 3');
    assert.deepEqual(await files.allTextContents(), ['data/digits.csv', 'data/iris.csv', 'wine.csv'], 'each file once');
    assert.equal(await page.locator('#data-panel select[name="data-csv"]').inputValue(), './data/iris.csv', "the file's own spelling");
    await builder.send({ type: 'csvFiles', files: ['data/iris.csv', 'data/digits.csv'] });
    assert.equal(await files.count(), 2);
    assert.equal(await page.locator('#data-panel select[name="data-csv"]').inputValue(), './data/iris.csv');
    await page.locator('#data-panel select[name="data-csv"]').selectOption('data/iris.csv');
    await builder.settle();
    assert.equal(builder.text, text, 'the panel, the list and choosing the same file under another spelling never change data.source');
    assert.equal(builder.edits.length, 0);
    assert.equal(builder.messagesOf('setData').length, 0);
    await builder.finish();
  });

  it('checks the last layer against the classes, and its fix button sets the width', async () => {
    builder = await open(xorWith('{ "source": "./data/iris.csv", "target": "species" }', 4, 2));
    const page = builder.page;
    const fix = page.locator('.layer-card[data-layer-id="fc2"] .fix-data');
    await fix.waitFor();
    assert.equal(await fix.textContent(), 'Set fc2.out to 3 (iris.csv has 3 classes)');
    assert.match(await page.locator('.layer-card[data-layer-id="fc2"] .data-problem').textContent() ?? '', /fc2\.out is 2 but iris\.csv has 3 classes \(setosa, versicolor, virginica\)/);
    assert.ok(await page.locator('.layer-card[data-layer-id="fc2"]').evaluate((card) => card.classList.contains('has-error')));
    assert.match(await page.locator('#problems').textContent() ?? '', /fc2\.out is 2 but iris\.csv has 3 classes/);
    await fix.click();
    await builder.waitFor(() => builder.edits.length === 1, 'the fix');
    await builder.settle();
    assert.deepEqual(modelOf(builder.text).layers[2], { type: 'Linear', id: 'fc2', in: 8, out: 3 });
    await builder.waitForPage('document.querySelectorAll(".data-problem").length === 0');
    assert.equal(await page.locator('#problems').isHidden(), true);
    await builder.finish();
  });

  it('from Blank: a CSV and its target set the input, and the Output offers the layers the classes need', async () => {
    builder = await open(writeModel(modelFromTemplate('blank')));
    const page = builder.page;
    await builder.waitForPage('document.querySelector("#network-input").getAttribute("aria-label") === "Input: 2 features (no data source)"');
    await page.locator('#data-panel select[name="data-kind"]').selectOption('csv');
    await page.locator('#data-panel select[name="data-csv"]').selectOption('wine.csv');
    await builder.waitFor(() => builder.edits.length === 1, 'the CSV edit');
    await page.waitForSelector('#data-panel select[name="data-target"] option[value="class"]', { state: 'attached' });
    await page.locator('#data-panel select[name="data-target"]').selectOption('class');
    await builder.waitFor(() => builder.edits.length === 2, 'the target edit');
    await builder.settle();
    assert.equal(modelOf(builder.text).input.size, 13);
    const fix = page.locator('#network-output .fix-data');
    await fix.waitFor();
    assert.equal(await fix.textContent(), 'Add a Linear layer with 3 outputs and a SoftMax (wine.csv has 3 classes)');
    await fix.click();
    await builder.waitFor(() => builder.edits.length === 3, 'the fix');
    await builder.settle();
    assert.deepEqual(modelOf(builder.text).layers, // the added Linear's in follows input.size
      [{ type: 'Linear', id: 'fc1', out: 3 }, { type: 'SoftMax', id: 'softmax1' }]);
    assert.deepEqual(readModel(builder.text).diagnostics, [], 'a trainable model, without opening the JSON');
    await builder.waitForPage('document.querySelectorAll(".data-problem").length === 0');
    await builder.finish();
  });

  it('None, then Train: asks the host for the data, writes it with the input width, then trains', async () => {
    builder = await open(xorWith('{ "source": "builtin:xor" }'), { trainingData: { source: 'data/iris.csv', target: 'species', normalize: 'standard' } });
    const page = builder.page;
    await page.locator('#data-panel select[name="data-kind"]').selectOption('none');
    await builder.waitFor(() => builder.edits.length === 1, 'the data removal');
    await builder.settle();
    assert.equal(modelOf(builder.text).data, undefined);
    assert.equal(modelOf(builder.text).input.size, 2, 'no data: the input keeps its size');
    await builder.waitForPage('document.querySelector("#network-input").getAttribute("aria-label") === "Input: 2 features (no data source)"');

    await page.locator('#train-button').click();
    await builder.waitFor(() => builder.trainRequests === 1, 'the training request');
    assert.equal(builder.trainingDataRequests, 1, 'the host was asked for the data');
    assert.equal(builder.edits.length, 2, 'the choice is one edit');
    const model = modelOf(builder.text);
    assert.deepEqual(model.data, { source: 'data/iris.csv', target: 'species', normalize: 'standard' });
    assert.equal(model.input.size, 4);
    assert.equal((model.layers[0] as { in: number }).in, 4);
    await builder.finish();
  });

  it('does not train when the user cancels the data question', async () => {
    builder = await open(xorWith(undefined));
    await builder.page.locator('#train-button').click();
    await builder.waitFor(() => builder.trainingDataRequests === 1, 'the data question');
    await builder.settle();
    assert.equal(builder.trainRequests, 0);
    assert.equal(builder.edits.length, 0);
    await builder.finish();
  });
});
