/**
 * The builder page in headless Chromium: inside a trained CNN. The first convolution's filters, the feature maps of
 * a held-out image the user picks and the misclassified held-out images, each checked against the engine itself,
 * for a CNN on a CSV of digits (the host sends the images) and one on builtin:shapes (the webview makes them).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBuiltin } from '../../src/data/builtin';
import type { Dataset } from '../../src/data/dataset';
import type { FittedData } from '../../src/data/preprocess';
import { predict, Tensor } from '../../src/engine/index';
import { featureMaps } from '../../src/insight/conv-pictures';
import { heldOutRows } from '../../src/insight/held-out-data';
import { buildNetwork, withTrainedParameters } from '../../src/model/bridge';
import { networkForModel } from '../../src/model/network-state';
import { readModel } from '../../src/model/reader';
import { tensorValues } from '../../src/model/tensor-codec';
import { writeModel } from '../../src/model/writer';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { loadRawDataset } from '../../src/worker/plane-data';
import { useBuilderPages, type BuilderPage } from './harness';
import { recordTrainingRun } from './training-run';

const EXAMPLES = join(process.cwd(), 'examples');

const SHAPES_CNN = `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 16, 16] },
  "layers": [
    { "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3 },
    { "type": "ReLU", "id": "relu1" },
    { "type": "AvgPool2D", "id": "pool1", "kernelSize": 2 },
    { "type": "Flatten", "id": "flatten" },
    { "type": "Linear", "id": "fc1", "out": 4 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.01 },
  "training": { "epochs": 2, "batchSize": 16, "shuffle": true, "validationSplit": 0.25, "seed": 7 },
  "data": { "source": "builtin:shapes", "samples": 160, "noise": 0.3 }
}
`;

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

/** The grey levels drawTensorImage gives `values` mapped from their own [min, max] (or a given one). */
function levels(values: ArrayLike<number>, range = { min: Math.min(...Array.from(values)), max: Math.max(...Array.from(values)) }): number[] {
  const scale = range.max > range.min ? 255 / (range.max - range.min) : 0;
  return Array.from(values, (value) => (scale === 0 ? 128 : Math.round((value - range.min) * scale)));
}

/** The red channel of every pixel of each canvas `selector` matches, row-major, and its size. */
function canvasLevels(builder: BuilderPage, selector: string): Promise<{ width: number; height: number; red: number[]; green: number[]; blue: number[] }[]> {
  return builder.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const pick = (offset) => Array.from({ length: data.length / 4 }, (_, i) => data[i * 4 + offset]);
    return { width: canvas.width, height: canvas.height, red: pick(0), green: pick(1), blue: pick(2) };
  })`);
}

function labels(builder: BuilderPage, selector: string): Promise<string[]> {
  return builder.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => element.getAttribute('aria-label'))`);
}

/** What the engine predicts for the held-out rows: "Row r: true X, predicted Y" for each one it gets wrong, in order. */
function misclassifiedByEngine(model: NnJsonModel, raw: Dataset): string[] {
  const held = heldOutRows(raw, model.data?.fitted as FittedData, String(model.data?.source));
  const outputs = predict(networkForModel(model, 42), new Tensor(held.rows.rows, held.rows.cols, held.rows.x));
  const names = raw.classNames ?? [];
  const wrong: string[] = [];
  held.indices.forEach((row, i) => {
    const scores = Array.from(outputs.data.subarray(i * outputs.cols, (i + 1) * outputs.cols));
    const predicted = scores.indexOf(Math.max(...scores));
    if (predicted !== raw.y[row]) wrong.push(`Row ${row + 1}: true ${names[raw.y[row]]}, predicted ${names[predicted]}`);
  });
  return wrong;
}

/** The page's feature maps of the picked row equal the engine's (featureMaps, checked against the forward in unit tests). */
async function assertMapsOf(builder: BuilderPage, model: NnJsonModel, raw: Dataset, expected: { layerId: string; shape: number[] }[]): Promise<number> {
  const row = Number(await builder.evaluate<string>('document.getElementById("feature-maps").dataset.row'));
  const rows = await builder.evaluate<{ id: string; count: number }[]>(
    '[...document.querySelectorAll("#feature-maps .feature-row")].map((row) => ({ id: row.dataset.layerId, count: row.querySelectorAll("canvas").length }))');
  assert.deepEqual(rows, expected.map(({ layerId, shape }) => ({ id: layerId, count: shape[0] })), 'one labelled row per Conv2D and pooling layer, one image per channel');
  const maps = featureMaps(model, networkForModel(model, 42), raw.x.subarray(row * raw.cols, (row + 1) * raw.cols));
  for (const [index, map] of maps.entries()) {
    assert.deepEqual(map.shape, expected[index].shape);
    const drawn = await canvasLevels(builder, `#feature-maps .feature-row[data-layer-id="${map.layerId}"] canvas`);
    const [, height, width] = map.shape;
    drawn.forEach((canvas, channel) => {
      assert.deepEqual([canvas.width, canvas.height], [width, height]);
      assert.deepEqual(canvas.red, levels(map.values.subarray(channel * height * width, (channel + 1) * height * width)), `${map.layerId} channel ${channel}`);
    });
  }
  return row;
}

describe('builder webview: inside a trained CNN', function () {
  this.timeout(180000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('digits CNN on a CSV: filters equal conv1.W, feature maps follow the picked image, misclassified images agree with the engine', async () => {
    const untrained = readFileSync(join(EXAMPLES, 'digits-cnn.nnjson'), 'utf8').replace('"epochs": 40', '"epochs": 3');
    builder = await pages.open({ text: untrained, dataDir: EXAMPLES, heldOut: true, fileName: 'digits-cnn.nnjson' });
    const page = builder.page;
    await builder.waitForPage('!document.getElementById("image-insight").hidden');
    assert.equal((await page.locator('#image-insight .filters').textContent())?.includes('Train the model to see the filters of conv1.'), true);
    assert.match(await page.locator('#image-insight .feature-maps').textContent() ?? '', /Train the model to see its held-out images/);
    assert.match(await page.locator('#image-insight .misclassified').textContent() ?? '', /Train the model/);

    // training finished: the service writes the trained model into the file
    const { trainedText, trainedModel } = await recordTrainingRun(untrained, EXAMPLES);
    await builder.setText(trainedText);
    await builder.waitForPage('document.querySelectorAll("#conv-filters canvas").length === 16');
    const weights = tensorValues(trainedModel.parameters!.conv1.W);
    assert.ok(!('error' in weights));
    const filters = await canvasLevels(builder, '#conv-filters canvas');
    filters.forEach((filter, o) => {
      assert.deepEqual([filter.width, filter.height], [3, 3]);
      assert.deepEqual(filter.red, levels(weights.values.subarray(o * 9, (o + 1) * 9)), `filter ${o} draws conv1.W[${o}]`);
    });
    assert.deepEqual((await labels(builder, '#conv-filters canvas')).slice(0, 2), ['Filter 1 of conv1', 'Filter 2 of conv1']);

    // the held-out images come from the host
    await builder.waitForPage('document.querySelectorAll("#feature-maps .feature-row").length === 3', 60000);
    const raw = await loadRawDataset(trainedModel, { modelDir: EXAMPLES });
    const held = heldOutRows(raw, trainedModel.data?.fitted as FittedData, './data/digits.csv');
    const expected = [{ layerId: 'conv1', shape: [16, 8, 8] }, { layerId: 'conv2', shape: [32, 8, 8] }, { layerId: 'pool1', shape: [32, 4, 4] }];
    const first = await assertMapsOf(builder, trainedModel, raw, expected);
    assert.equal(first, held.indices[0], 'the first validation image is picked to begin with');
    assert.equal(await page.locator('#held-out-images [role="option"]').count(), 24);
    assert.equal(await page.locator('#held-out-images [aria-selected="true"]').getAttribute('data-row'), String(first));
    const before = await canvasLevels(builder, '#feature-maps canvas');

    // keyboard: Tab reaches the picked image, an arrow moves, Enter picks
    await page.locator('#held-out-images [aria-selected="true"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await builder.waitForPage(`document.getElementById("feature-maps").dataset.row === "${held.indices[1]}"`);
    const second = await assertMapsOf(builder, trainedModel, raw, expected);
    assert.notDeepEqual(await canvasLevels(builder, '#feature-maps canvas'), before, 'another image, other maps');
    assert.equal(await page.locator('#held-out-images [aria-selected="true"]').getAttribute('data-row'), String(second));
    assert.match(await page.locator('#feature-maps-caption').textContent() ?? '', new RegExp(`^Row ${second + 1} \\(${raw.classNames![raw.y[second]]}\\)`));

    // the misclassified grid: the engine's own mistakes on the validation rows, in order
    const wrong = misclassifiedByEngine(trainedModel, raw);
    assert.ok(wrong.length > 0 && wrong.length < held.indices.length, `a 3-epoch CNN gets some wrong (${wrong.length})`);
    assert.deepEqual(await labels(builder, '#misclassified-images [role="option"]'), wrong.slice(0, 48));
    assert.match(await page.locator('#image-insight .misclassified .hint').textContent() ?? '', new RegExp(`^Validation split: ${wrong.length} of ${held.indices.length} images misclassified`));
    // a click on a misclassified image shows its maps
    await page.locator('#misclassified-images [role="option"]').first().click();
    const misclassifiedRow = Number(await page.locator('#misclassified-images [role="option"]').first().getAttribute('data-row'));
    await builder.waitForPage(`document.getElementById("feature-maps").dataset.row === "${misclassifiedRow}"`);
    await assertMapsOf(builder, trainedModel, raw, expected);
    await builder.finish();
  });

  it('shapes CNN on builtin:shapes: the webview makes the images itself, and the pictures fit a narrow editor', async () => {
    const { trainedText, trainedModel } = await recordTrainingRun(SHAPES_CNN);
    builder = await pages.open({ text: trainedText, viewport: { width: 420, height: 900 } });
    const page = builder.page;
    await builder.waitForPage('document.querySelectorAll("#feature-maps .feature-row").length === 2');
    const weights = tensorValues(trainedModel.parameters!.conv1.W);
    assert.ok(!('error' in weights));
    const filters = await canvasLevels(builder, '#conv-filters canvas');
    assert.equal(filters.length, 4);
    filters.forEach((filter, o) => assert.deepEqual(filter.red, levels(weights.values.subarray(o * 9, (o + 1) * 9))));

    const raw = generateBuiltin('shapes', { samples: 160, noise: 0.3 });
    const expected = [{ layerId: 'conv1', shape: [4, 14, 14] }, { layerId: 'pool1', shape: [4, 7, 7] }];
    const first = await assertMapsOf(builder, trainedModel, raw, expected);
    await page.locator('#held-out-images [role="option"]').nth(3).click();
    await builder.waitForPage(`document.getElementById("feature-maps").dataset.row !== "${first}"`);
    await assertMapsOf(builder, trainedModel, raw, expected);

    const wrong = misclassifiedByEngine(trainedModel, raw);
    if (wrong.length === 0) assert.match(await page.locator('#image-insight .misclassified').textContent() ?? '', /classifies all 40 held-out images correctly/);
    else assert.deepEqual(await labels(builder, '#misclassified-images [role="option"]'), wrong.slice(0, 48));
    assert.deepEqual(
      (await labels(builder, '#held-out-images [role="option"]')).slice(0, 2),
      Array.from(heldOutRows(raw, trainedModel.data?.fitted as FittedData, 'builtin:shapes').indices.slice(0, 2), (row) => `Row ${row + 1}, ${raw.classNames![raw.y[row]]}`),
    );
    // narrow: the images wrap inside the panel instead of widening it
    const fit = await builder.evaluate<{ inner: number; outer: number; right: number }>(`(() => {
      const section = document.getElementById('image-insight');
      const right = Math.max(...[...section.querySelectorAll('canvas, .image-option')].map((element) => element.getBoundingClientRect().right));
      return { inner: section.scrollWidth, outer: section.clientWidth, right: right - section.getBoundingClientRect().right };
    })()`);
    assert.ok(fit.inner <= fit.outer && fit.right <= 0, `every image stays inside the section at 420 px: ${JSON.stringify(fit)}`);
    await builder.finish();
  });

  it('draws a 3-channel filter in colour and a 2-channel filter one image per input channel, from W', async () => {
    const model = (inChannels: number): string => writeModel(((base: NnJsonModel) => withTrainedParameters(base, buildNetwork(base)))(read(`{
      "format": "nnjson", "version": 1, "input": { "shape": [${inChannels}, 6, 6] },
      "layers": [{ "type": "Conv2D", "id": "conv1", "outChannels": 2, "kernelSize": 2 }, { "type": "Flatten", "id": "flatten" }, { "type": "Linear", "id": "fc1", "out": 2 }, { "type": "SoftMax", "id": "softmax" }],
      "loss": { "type": "CrossEntropy" }, "optimizer": { "type": "Adam" }
    }`)));
    const rgb = model(3);
    builder = await pages.open({ text: rgb });
    await builder.waitForPage('document.querySelectorAll("#conv-filters canvas").length === 2');
    const w = tensorValues(read(rgb).parameters!.conv1.W);
    assert.ok(!('error' in w));
    const drawn = await canvasLevels(builder, '#conv-filters canvas');
    drawn.forEach((filter, o) => {
      const values = w.values.subarray(o * 12, (o + 1) * 12);
      const all = levels(values);
      assert.deepEqual([filter.red, filter.green, filter.blue], [all.slice(0, 4), all.slice(4, 8), all.slice(8, 12)], 'input channels 0, 1, 2 are red, green, blue on one scale');
    });
    assert.match(await builder.page.locator('#image-insight .feature-maps').textContent() ?? '', /choose image data/);

    const two = model(2);
    await builder.setText(two);
    await builder.waitForPage('document.querySelectorAll("#conv-filters .filter-group").length === 2');
    const w2 = tensorValues(read(two).parameters!.conv1.W);
    assert.ok(!('error' in w2));
    const perChannel = await canvasLevels(builder, '#conv-filters canvas');
    assert.equal(perChannel.length, 4);
    const filter0 = levels(w2.values.subarray(0, 8));
    assert.deepEqual([perChannel[0].red, perChannel[1].red], [filter0.slice(0, 4), filter0.slice(4, 8)]);
    assert.deepEqual(await labels(builder, '#conv-filters .filter-group'), ['Filter 1 of conv1', 'Filter 2 of conv1']);
    assert.deepEqual((await labels(builder, '#conv-filters canvas')).slice(0, 2), ['Filter 1 of conv1, input channel 1', 'Filter 1 of conv1, input channel 2']);
    await builder.finish();
  });
});
