/** The builder page in headless Chromium: training controls, live charts, history, and the trained model. */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrainingEvent } from '../../src/shared/training-events';
import { XOR_MODEL } from './fixtures';
import { BuilderPage, useBuilderPages, paintedPixels, switchTheme } from './harness';
import { LIGHT_THEME, THEMES } from './theme';
import { recordTrainingRun, type RecordedRun } from './training-run';

/** Pixels of a canvas whose colour is exactly rgb(r, g, b). */
function pixelsOfColour(selector: string, [r, g, b]: [number, number, number]): string {
  return `(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === ${r} && data[i + 1] === ${g} && data[i + 2] === ${b} && data[i + 3] === 255) count++;
    return count;
  })()`;
}

/** Sends events in one page task, as a burst that arrives faster than the charts redraw. */
async function sendBurst(builder: BuilderPage, events: TrainingEvent[]): Promise<void> {
  const messages = events.map((event) => ({ type: 'training', event }));
  await builder.evaluate(`(() => {
    for (const data of ${JSON.stringify(messages)}) window.dispatchEvent(new MessageEvent('message', { data }));
  })()`);
}

/** The hue of '#rrggbb' in degrees. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const range = max - Math.min(r, g, b);
  if (range === 0) return 0;
  const sector = max === r ? ((g - b) / range + 6) % 6 : max === g ? (b - r) / range + 2 : (r - g) / range + 4;
  return sector * 60;
}

function hueDistance(a: string, b: string): number {
  const distance = Math.abs(hue(a) - hue(b)) % 360;
  return Math.min(distance, 360 - distance);
}

interface DrawnSeries { label: string; color: string; dash: number[] }

async function drawnSeries(builder: BuilderPage, canvas: string): Promise<DrawnSeries[]> {
  return JSON.parse(await builder.evaluate<string>(`document.getElementById(${JSON.stringify(canvas)}).dataset.series`)) as DrawnSeries[];
}

/** XOR with a history whose loss falls from 1 to 1e-9, as a model that fits its data exactly does. */
function tinyLossModel(): string {
  const records = Array.from({ length: 30 }, (_, i) => `    { "epoch": ${i + 1}, "loss": ${(10 ** (-9 * i / 29)).toPrecision(3)}, "seconds": 0.01 }`);
  return XOR_MODEL.replace(/\n}\n$/, `,\n  "history": [\n${records.join(',\n')}\n  ]\n}\n`);
}

async function chartState(builder: BuilderPage): Promise<{ epochs: number; batches: number; redraws: number; label: string }> {
  return builder.evaluate(`(() => {
    const canvas = document.getElementById('loss-chart');
    return { epochs: Number(canvas.dataset.epochs), batches: Number(canvas.dataset.batches), redraws: Number(canvas.dataset.redraws), label: canvas.getAttribute('aria-label') };
  })()`);
}

describe('builder webview: training', function () {
  this.timeout(120000);
  const pages = useBuilderPages();
  let builder: BuilderPage;
  let run: RecordedRun;

  before(async () => {
    run = await recordTrainingRun(XOR_MODEL);
  });

  it('asks the training service to train and to stop, and shows the run live', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('#train-button').click();
    await builder.waitFor(() => builder.trainRequests === 1, 'train request');
    assert.deepEqual(builder.messagesOf('train'), [{ type: 'train' }]);

    const started = run.events.findIndex((event) => event.type === 'started');
    const epochEvents = run.events.filter((event) => event.type === 'epochs');
    const sixth = run.events.indexOf(epochEvents[5]);
    for (const event of run.events.slice(started, sixth + 1)) builder.post({ type: 'training', event });
    await builder.settle();
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "6"');
    assert.equal(await page.locator('#train-button').getAttribute('disabled'), '');
    assert.equal(await page.locator('#stop-button').getAttribute('disabled'), null);
    assert.match(await page.locator('#training-status').textContent() ?? '', /^Epoch 6 of 20; batch 10\/10, loss /);
    const state = await chartState(builder);
    assert.equal(state.batches, 60, 'one smoothed point per batch');
    assert.match(state.label, /6 epochs, first loss [\d.e+-]+, last loss/);
    assert.ok(await builder.evaluate<number>(paintedPixels('#loss-chart')) > 500, 'the loss chart is drawn');
    assert.equal(await page.locator('#accuracy-chart').isVisible(), true);
    assert.equal(await page.locator('#accuracy-chart').getAttribute('data-epochs'), '6');
    // the decision boundary follows the epochs, drawn under the points (the worker sends one at most four times a
    // second, so the latest one sent may be older than the sixth epoch)
    const lastBoundary = run.events.slice(started, sixth + 1)
      .filter((event): event is Extract<TrainingEvent, { type: 'epochs' }> => event.type === 'epochs' && event.boundary !== undefined)
      .at(-1);
    assert.ok(lastBoundary, 'the recorded run sent a decision boundary');
    assert.equal(await page.locator('#boundary-canvas').getAttribute('data-epoch'), String(lastBoundary.summaries.at(-1)?.epoch));
    assert.equal(await page.locator('#boundary-canvas').getAttribute('data-has-boundary'), 'true');

    await page.locator('#stop-button').click();
    await builder.waitFor(() => builder.stopRequests === 1, 'stop request');
    await builder.send({ type: 'training', event: { type: 'finished', outcome: { status: 'stopped', epoch: 6, batch: 10 }, written: 'model' } });
    assert.match(await page.locator('#training-status').textContent() ?? '', /^Stopped at epoch 6 of 20\. 6 epochs in total; loss/);
    assert.equal(await page.locator('#stop-button').getAttribute('disabled'), '');
    await builder.finish();
  });

  it('coalesces a burst of progress into one redraw (at most 10 a second)', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const started = run.events.filter((event) => event.type === 'started');
    await sendBurst(builder, started);
    await builder.waitForPage('Number(document.getElementById("loss-chart").dataset.redraws) >= 1');
    const before = await chartState(builder);
    const batches = run.events.filter((event) => event.type === 'batch').slice(0, 100);
    await sendBurst(builder, batches);
    await builder.waitForPage(`document.getElementById("loss-chart").dataset.batches === "100"`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await chartState(builder);
    assert.equal(after.redraws - before.redraws, 1, '100 batch events in one task cause exactly one redraw');
    await builder.finish();
  });

  it('switches the loss axis between linear and log', async () => {
    builder = await pages.open({ text: run.trainedText });
    const toggle = builder.page.locator('#scale-toggle');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await builder.waitForPage('/log scale/.test(document.getElementById("loss-chart").getAttribute("aria-label"))');
    await toggle.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await builder.finish();
  });

  it('writes the log axis\'s labels as 1e-9, not 0.000000001', async () => {
    builder = await pages.open({ text: tinyLossModel() });
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "30"');
    await builder.page.locator('#scale-toggle').click();
    await builder.waitForPage('/log scale/.test(document.getElementById("loss-chart").getAttribute("aria-label"))');
    const labels = JSON.parse(await builder.evaluate<string>('document.getElementById("loss-chart").dataset.yTicks')) as string[];
    assert.ok(labels.includes('1e-9'), `the lowest decade reads 1e-9: ${labels.join(' ')}`);
    assert.ok(labels.includes('0.1') && labels.includes('0.001'), `figures from 0.001 up stay plain: ${labels.join(' ')}`);
    for (const label of labels) assert.match(label, /^(\d+(\.\d+)?|\d(\.\d+)?e-?\d+)$/, `"${label}" is a plain figure or in 1e-9 style`);
    assert.ok(labels.every((label) => !/0\.0000/.test(label)), `no label spells out the zeros: ${labels.join(' ')}`);
    await builder.finish();
  });

  it('gives each series its own theme colour and the validation series a dash, in dark, light and both high-contrast themes', async () => {
    builder = await pages.open({ text: run.trainedText });
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "20"');
    for (const theme of THEMES) {
      await switchTheme(builder.page, theme.variables, theme.bodyClass);
      const palette = Object.entries(theme.variables).filter(([name]) => name.startsWith('--vscode-charts-')).map(([, value]) => value.toLowerCase());
      await builder.waitForPage(`JSON.parse(document.getElementById("loss-chart").dataset.series)[0].color === ${JSON.stringify(theme.variables['--vscode-charts-blue'])}`);
      const series = [...await drawnSeries(builder, 'loss-chart'), ...await drawnSeries(builder, 'accuracy-chart')]
        .filter((set) => set.label !== 'Batch loss (smoothed)');
      assert.deepEqual(series.map((set) => set.label), ['Loss', 'Validation loss', 'Accuracy', 'Validation accuracy']);
      for (const set of series) {
        assert.ok(palette.includes(set.color.toLowerCase()), `${theme.name}: ${set.label} is drawn in a colour of the theme's chart palette (${set.color})`);
        assert.equal(set.dash.length > 0, set.label.startsWith('Validation'), `${theme.name}: ${set.label} is ${set.label.startsWith('Validation') ? 'dashed' : 'solid'}`);
      }
      for (let i = 0; i < series.length; i++) {
        for (let j = i + 1; j < series.length; j++) {
          const [a, b] = [series[i], series[j]];
          assert.ok(hueDistance(a.color, b.color) >= 30, `${theme.name}: ${a.label} (${a.color}) and ${b.label} (${b.color}) differ in hue`);
        }
      }
    }
    await builder.finish();
  });

  it('marks a failed run\'s message as out of date once the document changes (the change may have fixed its cause)', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const status = page.locator('#training-status');
    // an edit, a failed run, then Ctrl+Z
    await page.locator('.layer-card').nth(0).click();
    await page.locator('#inspector input[name="out"]').fill('16');
    await page.locator('#inspector input[name="out"]').press('Enter');
    await builder.waitFor(() => builder.edits.length === 1, 'the edit');
    await builder.settle();
    const failure = 'Training test.nnjson failed: set fc2.in to 16. The file was left as it was.';
    await builder.send({ type: 'training', event: { type: 'failed', message: failure } });
    assert.equal(await status.textContent(), failure);
    assert.match(await status.getAttribute('class') ?? '', /error-text/, 'a current failure shows as an error');
    await builder.undo();
    assert.equal(await status.textContent(), `Before the file last changed, training failed: ${failure} Train again to check the change.`);
    assert.doesNotMatch(await status.getAttribute('class') ?? '', /error-text/, 'no longer shown as a current error');
    assert.match(await status.getAttribute('class') ?? '', /\bstale\b/);
    // the next run replaces it
    await builder.send({ type: 'training', event: run.events.find((event) => event.type === 'started') as TrainingEvent });
    assert.equal(await status.textContent(), 'Starting…');
    await builder.finish();
  });

  it('shows the history from the file on open, the summary, parameter statistics, confusion matrix and boundary', async () => {
    builder = await pages.open({ text: run.trainedText });
    const page = builder.page;
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "20"');
    assert.match(await page.locator('#training-status').textContent() ?? '', /^20 epochs in total; loss .*accuracy/);
    const tensors = await page.locator('#stats-table tbody th').allTextContents();
    assert.deepEqual(tensors, ['fc1.W', 'fc1.b', 'fc2.W', 'fc2.b']);
    const firstRow = await page.locator('#stats-table tbody tr').first().locator('td').allTextContents();
    assert.equal(firstRow[0], '[2×8]');
    assert.ok(Number(firstRow[1]) < Number(firstRow[2]), 'min below max');
    assert.ok(await builder.evaluate<number>(paintedPixels('#stats-table canvas')) > 20, 'a weight histogram is drawn');
    // the confusion matrix counts the 40 validation rows of 200
    const caption = await page.locator('#confusion-table caption').textContent();
    assert.match(caption ?? '', /Validation split: \d+ of 40 correct/);
    assert.equal(await page.locator('#boundary-canvas').getAttribute('data-has-boundary'), 'true');
    assert.ok(await builder.evaluate<number>(paintedPixels('#boundary-canvas')) > 10000);
    await builder.finish();
  });

  it('replays a run in progress to a panel that opens mid-run', async () => {
    const upToEpoch3 = run.events.slice(0, run.events.indexOf(run.events.filter((e) => e.type === 'epochs')[2]) + 1);
    builder = await pages.open({ text: XOR_MODEL, runningEvents: upToEpoch3 });
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "3"');
    assert.equal(await builder.page.locator('#stop-button').getAttribute('disabled'), null);
    await builder.finish();
  });

  it('recolours the charts when the theme changes', async () => {
    builder = await pages.open({ text: run.trainedText });
    const page = builder.page;
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "20"');
    const lightBlue: [number, number, number] = [0x1a, 0x85, 0xff];
    assert.equal(await builder.evaluate<number>(pixelsOfColour('#loss-chart', lightBlue)), 0);
    await switchTheme(page, LIGHT_THEME, 'vscode-light');
    await builder.waitForPage(`${pixelsOfColour('#loss-chart', lightBlue)} > 20`);
    await builder.finish();
  });

  it('takes the README screenshot during a second training run of a trained model', async () => {
    const second = await recordTrainingRun(run.trainedText);
    builder = await pages.open({ text: run.trainedText, fileName: 'xor.nnjson', viewport: { width: 1360, height: 1000 } });
    const page = builder.page;
    const epochs = second.events.filter((event) => event.type === 'epochs');
    const cut = second.events.indexOf(epochs[7]);
    for (const event of second.events.slice(0, cut + 4)) builder.post({ type: 'training', event });
    await builder.settle();
    await page.locator('.layer-card').nth(2).click();
    // the history in the file (20 epochs) continues with the live ones; the status counts this run's epochs
    await builder.waitForPage('document.getElementById("loss-chart").dataset.epochs === "28"');
    assert.match(await page.locator('#training-status').textContent() ?? '', /^Epoch 9 of 20 in this run \(29 in total\); batch /);
    const progress = await builder.evaluate<number>('document.querySelector(".training-progress").value');
    assert.ok(progress > 0.4 && progress < 0.45, `the progress bar shows this run's progress (8 of 20 epochs and a bit), not the history's: ${progress}`);
    assert.equal(await page.locator('#model-panel [data-field="epochs"] label').textContent(), 'Epochs per run');
    assert.equal(await page.locator('#stats-table tbody tr').count(), 4);
    assert.equal(await page.locator('#confusion-table').count(), 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const target = join('out', 'screenshots', 'builder-training.png');
    mkdirSync(dirname(target), { recursive: true });
    await page.screenshot({ path: target, fullPage: true });
    if (process.env.NN_BUILDER_UPDATE_SCREENSHOT === '1') copyFileSync(target, join('media', 'screenshot-builder.png'));
    await builder.finish();
  });

  it('offers Evaluate, Predict and Export once the model is trained, from the mouse and the keyboard, and not during a run', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    for (const id of ['#evaluate-button', '#predict-button', '#export-button']) {
      assert.equal(await page.locator(id).getAttribute('disabled'), '', `${id} is disabled on an untrained model`);
      assert.match(await page.locator(id).getAttribute('aria-label') ?? '', /train the model first/);
    }
    await builder.setText(run.trainedText);
    assert.equal(await page.locator('#evaluate-button').getAttribute('disabled'), null);
    await page.locator('#evaluate-button').click();
    await page.locator('#predict-button').focus();
    await page.keyboard.press('Enter');
    await builder.waitFor(() => builder.predictRequests === 1, 'the predict request');
    await page.locator('#export-button').focus();
    await page.keyboard.press('Enter');
    await builder.waitFor(() => builder.exportRequests === 1, 'the export request');
    assert.equal(builder.evaluateRequests, 1);
    assert.deepEqual(builder.received.filter((m) => ['evaluate', 'predict', 'exportModel'].includes(m.type)), [{ type: 'evaluate' }, { type: 'predict' }, { type: 'exportModel' }]);
    await builder.send({ type: 'training', event: run.events[0] });
    for (const id of ['#predict-button', '#export-button']) assert.equal(await page.locator(id).getAttribute('disabled'), '', `${id}: not while a run changes the parameters`);
    await builder.finish();
  });

  it('draws the confusion matrix the host computed for a classifier trained on a file, after a placeholder; a failure says why', async () => {
    const onFile = run.trainedText.replace('"source": "builtin:xor"', '"source": "data/points.csv", "target": "label"');
    assert.notEqual(onFile, run.trainedText);
    builder = await pages.open({ text: onFile });
    const page = builder.page;
    assert.equal(await page.locator('#confusion-table').count(), 0);
    assert.match(await page.locator('.confusion-body').textContent() ?? '', /^Computing the confusion matrix on the rows training held out/);
    await builder.send({ type: 'heldOut', state: { status: 'ready', results: { confusion: { classNames: ['0', '1'], counts: [[4, 1], [2, 5]], split: 'validation' } } } });
    assert.equal(await page.locator('#confusion-table caption').textContent(), 'Validation split: 9 of 12 correct. Rows: true class; columns: predicted.');
    assert.deepEqual(await page.locator('#confusion-table tbody td').allTextContents(), ['4', '1', '2', '5']);
    await builder.send({ type: 'heldOut', state: { status: 'computing' } });
    assert.equal(await page.locator('#confusion-table').count(), 0, 'new parameters: the old matrix goes');
    await builder.send({ type: 'heldOut', state: { status: 'failed', message: 'data/points.csv: file not found: check data.source' } });
    assert.equal(await page.locator('.confusion-body .error-text').textContent(), "The confusion matrix needs the model's data: data/points.csv: file not found: check data.source");
    await builder.finish();
  });
});
