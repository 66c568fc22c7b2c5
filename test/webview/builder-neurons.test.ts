/**
 * The builder page in headless Chromium: the neuron pictures. For a two-input classifier every hidden unit's
 * activation over the input plane is drawn in its layer's card, one picture per unit, with the opacity the engine's
 * own activation over the grid gives, in the theme's chart colours; the pictures follow a run as its boundary grids
 * arrive, and hovering (or focusing the card) enlarges them.
 */
import * as assert from 'node:assert/strict';
import { generateBuiltin } from '../../src/data/builtin';
import { predictLayers, Tensor } from '../../src/engine/index';
import { planeGrid, planeRange } from '../../src/insight/decision-boundary';
import { planeDataOf } from '../../src/insight/held-out-data';
import { networkForModel } from '../../src/model/network-state';
import { readModel } from '../../src/model/reader';
import type { NnJsonModel } from '../../src/shared/nnjson';
import type { DecisionBoundary, TrainingEvent } from '../../src/shared/training-events';
import { XOR_MODEL } from './fixtures';
import { switchTheme, useBuilderPages, type BuilderPage } from './harness';
import { HIGH_CONTRAST_THEME } from './theme';
import { recordTrainingRun, type RecordedRun } from './training-run';

/** Cells per side of the grid the webview computes from a file (dataInsight's default). */
const FILE_RESOLUTION = 48;

interface DrawnPicture { width: number; height: number; alpha: number[]; rgb: [number, number, number][]; label: string | null }

/** Every neuron picture of a layer's card, pixel by pixel. */
function pictures(builder: BuilderPage, layerId: string): Promise<DrawnPicture[]> {
  return builder.evaluate(`[...document.querySelectorAll('.layer-card[data-layer-id="${layerId}"] canvas.neuron-picture')].map((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const pixels = data.length / 4;
    return {
      width: canvas.width, height: canvas.height, label: canvas.getAttribute('aria-label'),
      alpha: Array.from({ length: pixels }, (_, i) => data[i * 4 + 3]),
      rgb: Array.from({ length: pixels }, (_, i) => [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]]),
    };
  })`);
}

/** The page's blue and orange chart colours as RGB. */
function signColours(builder: BuilderPage): Promise<{ positive: number[]; negative: number[] }> {
  return builder.evaluate(`(() => {
    const context = document.createElement('canvas').getContext('2d');
    const style = getComputedStyle(document.body);
    const rgb = (name, fallback) => {
      context.fillStyle = style.getPropertyValue(name).trim() || fallback;
      const hex = context.fillStyle;
      return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    };
    return { positive: rgb('--vscode-charts-blue', '#3794ff'), negative: rgb('--vscode-charts-orange', '#d18616') };
  })()`);
}

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

/** The engine's activations of every unit of layer `index` over the file's grid, image row 0 at the top (largest y). */
function engineActivations(model: NnJsonModel, index: number): number[][] {
  // the fixture's data: builtin:xor, 200 samples, noise 0.1
  const plane = planeDataOf(generateBuiltin('xor', { samples: 200, noise: 0.1 }));
  assert.ok(plane);
  const fitted = model.data?.fitted;
  const scaling = fitted?.featureOffset && fitted.featureScale ? { offset: fitted.featureOffset, scale: fitted.featureScale } : undefined;
  const n = FILE_RESOLUTION;
  const grid = planeGrid(planeRange(plane), n, scaling);
  const output = predictLayers(networkForModel(model, model.training?.seed ?? 42), new Tensor(n * n, 2, grid))[index];
  return Array.from({ length: output.cols }, (_, unit) => Array.from({ length: n * n }, (_, pixel) => {
    const row = n - 1 - Math.floor(pixel / n);
    return output.data[(row * n + (pixel % n)) * output.cols + unit];
  }));
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** A picture shows `values`: opacity |value| / max |value| (to a level), blue where positive, orange where negative. */
function assertShows(picture: DrawnPicture, values: number[], colours: { positive: number[]; negative: number[] }, what: string): void {
  const scale = Math.max(...values.map(Math.abs));
  values.forEach((value, pixel) => {
    const expected = scale > 0 ? Math.round((Math.abs(value) / scale) * 255) : 0;
    assert.ok(Math.abs(picture.alpha[pixel] - expected) <= 1, `${what}, pixel ${pixel}: opacity ${picture.alpha[pixel]}, the engine's ${expected}`);
    if (expected < 96) return;
    const colour = picture.rgb[pixel];
    const [near, far] = value > 0 ? [colours.positive, colours.negative] : [colours.negative, colours.positive];
    assert.ok(distance(colour, near) < distance(colour, far), `${what}, pixel ${pixel}: ${value > 0 ? 'positive is blue' : 'negative is orange'} (${colour.join(',')})`);
  });
}

function boundaryOf(event: TrainingEvent): DecisionBoundary | undefined {
  return event.type === 'epochs' || event.type === 'finished' ? event.boundary : undefined;
}

function boundaryEpoch(event: TrainingEvent): number | undefined {
  return event.type === 'epochs' ? event.summaries.at(-1)?.epoch : undefined;
}

describe('builder webview: neuron pictures', function () {
  this.timeout(120000);
  const pages = useBuilderPages();
  let builder: BuilderPage;
  let run: RecordedRun;

  before(async () => {
    run = await recordTrainingRun(XOR_MODEL);
  });

  it('a trained two-input model shows one picture per hidden unit, with the engine\'s activations over the grid', async () => {
    builder = await pages.open({ text: run.trainedText });
    await builder.waitForPage('document.querySelectorAll(".layer-card canvas.neuron-picture").length === 18');
    const model = read(run.trainedText);
    const colours = await signColours(builder);
    const expected = [{ id: 'fc1', units: 8 }, { id: 'relu1', units: 8 }, { id: 'fc2', units: 2 }];
    for (const [index, { id, units }] of expected.entries()) {
      const drawn = await pictures(builder, id);
      assert.equal(drawn.length, units, `${id}: one picture per unit`);
      const activations = engineActivations(model, index);
      drawn.forEach((picture, unit) => {
        assert.deepEqual([picture.width, picture.height], [FILE_RESOLUTION, FILE_RESOLUTION]);
        assertShows(picture, activations[unit], colours, `${id} unit ${unit + 1}`);
        assert.match(picture.label ?? '', new RegExp(`^${id} unit ${unit + 1} over x1 and x2: largest activation `));
      });
    }
    // a ReLU's unit is never negative: nothing of it is orange
    const relu = engineActivations(model, 1);
    assert.ok(relu.flat().every((value) => value >= 0));
    assert.equal(await builder.page.locator('.layer-card[data-layer-id="softmax"] .neuron-picture').count(), 0, 'the output layer has the boundary, not pictures');
    assert.equal(await builder.page.locator('.layer-card[data-layer-id="fc1"] .neuron-strip').getAttribute('aria-label'), 'What each unit of fc1 computes over x1 (across) and x2 (up)');

    // another theme: the same opacities in its chart colours
    const before = await pictures(builder, 'fc1');
    const fc1 = engineActivations(model, 0);
    await switchTheme(builder.page, HIGH_CONTRAST_THEME, 'vscode-high-contrast');
    const contrast = await signColours(builder);
    assert.notDeepEqual(contrast, colours, 'the high-contrast theme has other chart colours');
    await builder.waitForPage(`(() => {
      const canvas = document.querySelector('.layer-card[data-layer-id="fc1"] canvas.neuron-picture');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255) return Math.abs(data[i] - ${contrast.positive[0]}) + Math.abs(data[i + 2] - ${contrast.positive[2]}) <= 2 || Math.abs(data[i] - ${contrast.negative[0]}) + Math.abs(data[i + 2] - ${contrast.negative[2]}) <= 2;
      return false;
    })()`);
    const after = await pictures(builder, 'fc1');
    after.forEach((picture, unit) => {
      assert.deepEqual(picture.alpha, before[unit].alpha, `fc1 unit ${unit + 1} keeps its opacities`);
      assertShows(picture, fc1[unit], contrast, `fc1 unit ${unit + 1} in high contrast`);
    });
    await builder.finish();
  });

  it('follows the run: each boundary grid redraws the pictures with its units', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    assert.equal(await builder.page.locator('.neuron-picture').count(), 0, 'an untrained model shows no pictures yet');
    const colours = await signColours(builder);
    const firstGrid = run.events.findIndex((event) => event.type === 'epochs' && event.boundary?.layers);
    const finished = run.events.at(-1);
    assert.ok(firstGrid > 0 && finished?.type === 'finished' && finished.boundary?.layers, 'the run sent grids during the epochs and at the end');
    const lastEpoch = run.events.filter((event) => event.type === 'epochs').at(-1);
    assert.ok(lastEpoch?.type === 'epochs');
    // a fast run sends one grid during the epochs; the worker's last grid is what a later epoch of a slower run sends
    const later: TrainingEvent = { type: 'epochs', summaries: lastEpoch.summaries.slice(-1), boundary: finished.boundary };
    let previous: number[][] | undefined;
    const shown: { events: TrainingEvent[]; grid: DecisionBoundary }[] = [
      { events: run.events.slice(0, firstGrid + 1), grid: boundaryOf(run.events[firstGrid])! },
      { events: [later], grid: finished.boundary },
    ];
    for (const [step, { events, grid }] of shown.entries()) {
      for (const event of events) builder.post({ type: 'training', event });
      await builder.settle();
      const fc1 = grid.layers!.find((layer) => layer.layerId === 'fc1')!;
      const n = grid.resolution;
      const pixelsOf = (values: number[]) => Array.from({ length: n * n }, (_, pixel) => values[(n - 1 - Math.floor(pixel / n)) * n + (pixel % n)]);
      await builder.waitForPage(`document.querySelectorAll('.layer-card[data-layer-id="fc1"] canvas.neuron-picture').length === 8`);
      // the epoch the boundary canvas was last drawn for: the pictures are drawn with it
      await builder.waitForPage(`document.getElementById("boundary-canvas").dataset.epoch === "${(step === 0 ? boundaryEpoch(run.events[firstGrid]) : lastEpoch.summaries.at(-1)!.epoch)}"`);
      const drawn = await pictures(builder, 'fc1');
      drawn.forEach((picture, unit) => {
        assert.deepEqual([picture.width, picture.height], [n, n]);
        assertShows(picture, pixelsOf(fc1.units[unit].values), colours, `fc1 unit ${unit + 1}, grid ${step + 1}`);
      });
      const now = drawn.map((picture) => picture.alpha);
      if (previous) assert.notDeepEqual(now, previous, 'the pictures change as training goes on');
      previous = now;
    }
    // the run ends and the trained file arrives: the pictures are now the file's
    builder.post({ type: 'training', event: finished });
    await builder.setText(run.trainedText);
    await builder.waitForPage(`document.querySelectorAll(".layer-card canvas.neuron-picture").length === 18 && document.querySelector(".neuron-picture").width === ${FILE_RESOLUTION}`);
    await builder.finish();
  });

  it('hovering a picture enlarges it, and a focused card shows its pictures bigger', async () => {
    builder = await pages.open({ text: run.trainedText });
    const page = builder.page;
    const picture = page.locator('.layer-card[data-layer-id="fc1"] canvas.neuron-picture').first();
    await picture.waitFor();
    const size = async () => (await picture.boundingBox())!.width;
    const small = await size();
    await picture.hover();
    const hovered = await size();
    assert.ok(hovered >= 4 * small, `hover enlarges: ${small} → ${hovered}`);
    await page.mouse.move(0, 0);
    assert.equal(await size(), small);
    await page.locator('.layer-card[data-layer-id="fc1"]').focus();
    const focused = await size();
    assert.ok(focused >= 1.8 * small, `a focused card shows bigger pictures: ${small} → ${focused}`);
    await builder.finish();
  });
});
