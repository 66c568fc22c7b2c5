/**
 * The comparison view (dist/compare.js) in headless Chromium under its production CSP, with two real trained iris
 * models: A as the example trains it, B wider, with another learning rate and more epochs. The test plays the
 * host: it sends the models and the predictions the worker's agreement job computes (run here in process).
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { readModel } from '../../src/model/reader';
import type { FromCompareView, PredictionComparison, ToCompareView } from '../../src/shared/compare-protocol';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { runAgreementJob } from '../../src/worker/inference-jobs';
import { until } from '../shared/until';
import { PageServer, paintedPixels, stubScript, switchTheme, useServedPages } from './harness';
import { DARK_THEME, LIGHT_THEME, themeCss } from './theme';
import { recordTrainingRun } from './training-run';

const EXAMPLES = join(process.cwd(), 'examples');

interface ComparePage {
  page: Page;
  errors: string[];
  received: FromCompareView[];
  send(message: ToCompareView): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  waitFor(expression: string): Promise<void>;
}

/** What the extension's agreement job answers for `a` and `b`, both in examples/. */
async function agreementOf(a: NnJsonModel, b: NnJsonModel): Promise<PredictionComparison> {
  let state: PredictionComparison | undefined;
  await runAgreementJob({ kind: 'agreement', model: a, modelDir: EXAMPLES, kernels: 'typescript', other: { model: b, modelDir: EXAMPLES } }, (message) => {
    if (message.type === 'agreement') state = message.state;
  });
  if (!state) throw new Error('the agreement job posted nothing');
  return state;
}

describe('the comparison view (Chromium)', function () {
  this.timeout(300_000);
  const pages = useServedPages(new PageServer('compare', 'NN Builder: compare'));
  let modelA: NnJsonModel;
  let modelB: NnJsonModel;

  before(async () => {
    const iris = readFileSync(join(EXAMPLES, 'iris.nnjson'), 'utf8').replace('"epochs": 30', '"epochs": 6');
    modelA = (await recordTrainingRun(iris, EXAMPLES)).trainedModel;
    const wider = iris.replace('"out": 16', '"out": 24').replace('"in": 16', '"in": 24').replace('"lr": 0.01', '"lr": 0.03').replace('"epochs": 6', '"epochs": 9');
    modelB = (await recordTrainingRun(wider, EXAMPLES)).trainedModel;
  });

  async function open(): Promise<ComparePage> {
    const page = await pages.newPage({ width: 1280, height: 900 });
    const errors: string[] = [];
    const received: FromCompareView[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    await page.exposeFunction('__hostReceive', (message: FromCompareView) => received.push(message));
    await page.exposeFunction('__reportViolation', (text: string) => errors.push(`CSP violation: ${text}`));
    await page.addInitScript(stubScript(themeCss(DARK_THEME)));
    await page.goto(`${pages.server.origin}/`);
    const evaluate = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
    const waitFor = async (expression: string) => {
      await until(() => evaluate<unknown>(expression), Boolean, `the page: ${expression}`, 20_000, 25);
    };
    const compare: ComparePage = {
      page, errors, received, evaluate, waitFor,
      send: async (message) => {
        await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
      },
    };
    await until(() => received.some((message) => message.type === 'ready'), (ready) => ready, 'the view to say it is ready', 20_000, 20);
    return compare;
  }

  async function openWithModels(a = modelA, b = modelB): Promise<ComparePage> {
    const view = await open();
    await view.send({ type: 'models', a: { label: 'iris.nnjson', model: a }, b: { label: 'iris-wide.nnjson', model: b } });
    await view.send({ type: 'predictions', state: { status: 'computing' } });
    return view;
  }

  it('shows both networks side by side with the changed layers marked in words', async () => {
    const view = await openWithModels();
    await view.waitFor('document.querySelectorAll("#layers-a li").length === 4');
    const marks = await view.evaluate<string[][]>('["a", "b"].map((side) => [...document.querySelectorAll(`#layers-${side} li`)].map((li) => li.dataset.layerId + ":" + li.dataset.status))');
    assert.deepEqual(marks, [['fc1:changed', 'relu1:same', 'fc2:changed', 'softmax:same'], ['fc1:changed', 'relu1:same', 'fc2:changed', 'softmax:same']]);
    const label = await view.evaluate<string>('document.querySelector("#layers-b li").getAttribute("aria-label")');
    assert.match(label, /^Layer 1: fc1, Linear 4 → 24, output 24, 120 parameters; changed: out 16 → 24$/);
    assert.match(await view.evaluate<string>('document.getElementById("compare-overview").textContent'), /^131 → 195 parameters; layers differ \(marked below\); 2 settings differ; trained 6 and 9 epochs\.$/);
    // every card is reached with Tab, in order
    await view.page.focus('#layers-a li');
    await view.page.keyboard.press('Tab');
    assert.equal(await view.evaluate('document.activeElement.dataset.layerId'), 'relu1');
    assert.deepEqual(view.errors, []);
  });

  it('overlays the loss and accuracy curves of both runs on one chart each', async () => {
    const view = await openWithModels();
    await view.waitFor('document.getElementById("loss-chart").dataset.series');
    const series = await view.evaluate<{ label: string; color: string; dash: number[] }[]>('JSON.parse(document.getElementById("loss-chart").dataset.series)');
    assert.deepEqual(series.map((set) => set.label), ['A: loss', 'A: validation loss', 'B: loss', 'B: validation loss']);
    assert.equal(new Set(series.map((set) => JSON.stringify(set.dash))).size, 4, 'each line has its own dash');
    assert.equal(series[0].color, DARK_THEME['--vscode-charts-blue']);
    assert.equal(series[2].color, DARK_THEME['--vscode-charts-purple']);
    const accuracy = await view.evaluate<{ label: string }[]>('JSON.parse(document.getElementById("accuracy-chart").dataset.series)');
    assert.deepEqual(accuracy.map((set) => set.label), ['A: accuracy', 'A: validation accuracy', 'B: accuracy', 'B: validation accuracy']);
    assert.ok(await view.evaluate<number>(paintedPixels('#loss-chart')) > 500, 'the loss chart is drawn');
    const last = (model: NnJsonModel) => model.history![model.history!.length - 1].loss.toPrecision(4);
    assert.equal(await view.evaluate('document.getElementById("loss-chart").getAttribute("aria-label")'),
      `Loss of both runs: A 6 epochs, last loss ${last(modelA)}; B 9 epochs, last loss ${last(modelB)}`);
    // the theme changes: the lines take the new palette
    await switchTheme(view.page, LIGHT_THEME, 'vscode-light');
    await view.waitFor(`JSON.parse(document.getElementById("loss-chart").dataset.series)[0].color === ${JSON.stringify(LIGHT_THEME['--vscode-charts-blue'])}`);
    assert.deepEqual(view.errors, []);
  });

  it('lists every setting with the differences marked, and a bar of how much each tensor changed', async () => {
    const view = await openWithModels();
    await view.waitFor('document.getElementById("settings-table")');
    const changed = await view.evaluate<string[]>('[...document.querySelectorAll("#settings-table tr.is-changed")].map((row) => [...row.children].map((cell) => cell.textContent).join("|"))');
    assert.deepEqual(changed, ['optimizer.lr|0.01|0.03|changed', 'training.epochs|6|9|changed']);
    assert.match(await view.evaluate<string>('document.querySelector("#settings-table caption").textContent'), /^2 of \d+ settings differ \(marked\)\.$/);
    const tensors = await view.evaluate<string[]>('[...document.querySelectorAll("#tensor-changes tbody tr")].map((row) => row.dataset.tensor + "|" + row.textContent)');
    assert.ok(tensors.includes('fc1.W|fc1.Wshape [4, 16] → [4, 24]: not compared'), tensors.join('\n'));
    assert.deepEqual(view.errors, []);
  });

  it('compares two runs of one architecture tensor by tensor, with bars as long as the change', async () => {
    const retrained = (await recordTrainingRun(readFileSync(join(EXAMPLES, 'iris.nnjson'), 'utf8').replace('"epochs": 30', '"epochs": 6').replace('"seed": 1', '"seed": 2'), EXAMPLES)).trainedModel;
    const view = await openWithModels(modelA, retrained);
    await view.waitFor('document.querySelectorAll("#tensor-changes tr[data-relative]").length === 4');
    const bars = await view.evaluate<{ tensor: string; relative: number; width: number; full: number }[]>(
      '[...document.querySelectorAll("#tensor-changes tr[data-relative]")].map((row) => ({ tensor: row.dataset.tensor, relative: Number(row.dataset.relative), width: row.querySelector(".tensor-bar-fill").getBoundingClientRect().width, full: row.querySelector(".tensor-bar").clientWidth }))');
    assert.deepEqual(bars.map((bar) => bar.tensor), ['fc1.W', 'fc1.b', 'fc2.W', 'fc2.b']);
    for (const bar of bars) {
      assert.ok(bar.relative > 0, `${bar.tensor} moved (another seed)`);
      assert.ok(Math.abs(bar.width - Math.min(1, bar.relative) * bar.full) <= 1.5, `${bar.tensor}: bar ${bar.width}px of ${bar.full}px for ${bar.relative}`);
    }
    assert.deepEqual(view.errors, []);
  });

  it('shows both confusion matrices and how often the two classifiers agree, from the models\' own predictions', async () => {
    const state = await agreementOf(modelA, modelB);
    assert.equal(state.status, 'ready');
    if (state.status !== 'ready') return;
    const { agreement } = state;
    // the same validation rows (same seed and split), each model's confusion matrix adds up to them
    assert.equal(agreement.confusionA.split, 'validation');
    assert.equal(agreement.rows, 30);
    for (const confusion of [agreement.confusionA, agreement.confusionB]) assert.equal(confusion.counts.flat().reduce((x, y) => x + y, 0), 30);
    const view = await openWithModels();
    assert.match(await view.evaluate<string>('document.getElementById("predictions").textContent'), /Computing both models' predictions/);
    await view.send({ type: 'predictions', state });
    await view.waitFor('document.getElementById("agreement")');
    const text = await view.evaluate<string>('document.getElementById("agreement").textContent');
    assert.equal(text, `The models predict the same class for ${agreement.agreeing} of 30 rows (${(100 * agreement.agreeing / 30).toFixed(1)}%). Validation split.`);
    const cells = await view.evaluate<number[][]>('["confusion-a", "confusion-b"].map((id) => [...document.querySelectorAll(`#${id} tbody td`)].map((cell) => Number(cell.textContent)))');
    assert.deepEqual(cells, [agreement.confusionA.counts.flat(), agreement.confusionB.counts.flat()]);
    assert.deepEqual(view.errors, []);
  });

  it('says why predictions are not compared for a model that is not trained', async () => {
    const untrained = readModel(readFileSync(join(EXAMPLES, 'iris.nnjson'), 'utf8')).model!;
    const state = await agreementOf(modelA, untrained);
    assert.deepEqual(state, { status: 'none', reason: 'Predictions are compared when both models are trained: train the other one first.' });
    const view = await openWithModels(modelA, untrained);
    await view.send({ type: 'predictions', state });
    await view.waitFor('document.getElementById("predictions").textContent.includes("train the other one first")');
    assert.match(await view.evaluate<string>('document.querySelector("#tensor-changes").textContent'), /only in A/);
    assert.deepEqual(view.errors, []);
  });
});
