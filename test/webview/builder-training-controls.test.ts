/**
 * The builder page in headless Chromium: the model panel edits the weight decay, the learning-rate schedule,
 * gradient clipping and early stopping as one small edit of the document each, shows each rule's formula and checks
 * values as they are typed; after a real run with a schedule, the chart under the loss draws the learning rate of
 * every epoch; a run that early stopping ended says so.
 */
import * as assert from 'node:assert/strict';
import type { TextEdit } from '../../src/model/edit';
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import { overfittingModel } from '../unit/training/overfitting-model';
import { XOR_MODEL } from './fixtures';
import { BuilderPage, paintedPixels, useBuilderPages } from './harness';
import { recordTrainingRun } from './training-run';

const panel = '#model-panel';

/** Commits the value typed into the model panel's field `name` with Enter and waits for the edit it makes. */
async function typeInto(builder: BuilderPage, name: string, value: string): Promise<void> {
  const edits = builder.edits.length;
  const input = builder.page.locator(`${panel} input[name="${name}"]`);
  await input.fill(value);
  await input.press('Enter');
  await builder.waitFor(() => builder.edits.length === edits + 1, `the edit of ${name}`);
  await builder.settle();
}

/** The text an edit removed and the text it wrote. */
function changed(before: string, edits: TextEdit[]): { removed: string; inserted: string }[] {
  return edits.map((edit) => ({ removed: before.slice(edit.offset, edit.offset + edit.length), inserted: edit.content }));
}

describe('builder webview: training controls', function () {
  this.timeout(120000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('edits weight decay, the schedule, clipping and early stopping as minimal edits, each with its formula', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const formulaOf = (field: string) => page.locator(`${panel} [data-field="${field}"] .formula`).textContent();
    assert.equal(await formulaOf('optimizer-weightDecay'), 'before the rule: g ← g + λ·w');
    assert.equal(await formulaOf('optimizer-decoupledWeightDecay'), 'before the rule, instead: w ← w − lr·λ·w');
    // the formula is read with its field
    const weightDecay = page.locator(`${panel} input[name="optimizer-weightDecay"]`);
    const described = (await weightDecay.getAttribute('aria-describedby'))?.split(' ') ?? [];
    assert.ok(await page.locator(`[id="${described[1]}"]`).textContent() === 'before the rule: g ← g + λ·w', 'aria-describedby names the formula');

    let before = builder.text;
    await typeInto(builder, 'optimizer-weightDecay', '0.01');
    assert.deepEqual(builder.messagesOf('setValue').at(-1), { type: 'setValue', path: ['optimizer', 'weightDecay'], value: 0.01 });
    assert.equal(builder.text, before.replace('"lr": 0.05 }', '"lr": 0.05, "weightDecay": 0.01 }'), 'one value added, nothing else touched');

    before = builder.text;
    await page.locator(`${panel} vscode-checkbox[name="optimizer-decoupledWeightDecay"]`).click();
    await builder.waitFor(() => builder.text !== before, 'the decoupled edit');
    assert.equal(builder.text, before.replace('"weightDecay": 0.01 }', '"weightDecay": 0.01, "decoupledWeightDecay": true }'));

    // a new optimizer keeps the weight decay
    await page.locator(`${panel} select[name="optimizer"]`).selectOption('SGD');
    await builder.waitFor(() => readModel(builder.text).model?.optimizer.type === 'SGD', 'the optimizer change');
    assert.deepEqual(readModel(builder.text).model?.optimizer, { type: 'SGD', lr: 0.05, weightDecay: 0.01, decoupledWeightDecay: true });

    // the schedule: a select reached by its label, then its own settings
    assert.equal(await page.locator(`${panel} [data-field="lrSchedule"] + .formula`).isVisible(), false, 'no schedule, no formula');
    const schedule = page.getByLabel('Learning-rate schedule');
    await schedule.focus();
    assert.equal(await builder.evaluate<string>('document.activeElement.name'), 'lrSchedule');
    before = builder.text;
    await schedule.selectOption('step');
    await builder.waitFor(() => builder.text !== before, 'the schedule edit');
    await builder.settle();
    assert.deepEqual(changed(before, builder.edits.at(-1)!).map(({ removed }) => removed.includes('"epochs"')), [false], 'the edit inserts, it rewrites no setting');
    assert.match(builder.text, /"training": \{ "epochs": 20, "batchSize": 16, "shuffle": true, "validationSplit": 0\.2, "seed": 42, "lrSchedule": \{ "type": "step", "stepSize": 10 \} \}/);
    assert.equal(await page.locator(`${panel} .formula:visible`).filter({ hasText: 'lr = lr₀·γ^⌊e/k⌋' }).count(), 1);
    assert.equal(await page.locator(`${panel} input[name="lrSchedule-gamma"]`).getAttribute('placeholder'), '0.1');
    assert.equal(await formulaOf('lrSchedule-warmupEpochs'), 'lr = lr₀·(e+1)/w while e < w, then the schedule on e − w');

    const gamma = page.locator(`${panel} input[name="lrSchedule-gamma"]`);
    const sent = builder.messagesOf('setValue').length;
    await gamma.fill('2');
    assert.equal(await gamma.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`${panel} [data-field="lrSchedule-gamma"] .field-message`).textContent() ?? '', /at most 1/);
    await gamma.press('Enter');
    await builder.settle();
    assert.equal(builder.messagesOf('setValue').length, sent, 'an invalid value is not sent');
    await typeInto(builder, 'lrSchedule-gamma', '0.5');
    await typeInto(builder, 'lrSchedule-warmupEpochs', '2');
    assert.deepEqual(builder.messagesOf('setValue').at(-1), { type: 'setValue', path: ['training', 'lrSchedule', 'warmupEpochs'], value: 2 });
    assert.deepEqual(readModel(builder.text).model?.training?.lrSchedule, { type: 'step', stepSize: 10, gamma: 0.5, warmupEpochs: 2 });

    // another schedule keeps the warm-up
    await schedule.selectOption('cosine');
    await builder.waitFor(() => readModel(builder.text).model?.training?.lrSchedule?.type === 'cosine', 'the cosine schedule');
    assert.deepEqual(readModel(builder.text).model?.training?.lrSchedule, { type: 'cosine', warmupEpochs: 2 });
    assert.equal(await page.locator(`${panel} input[name="lrSchedule-stepSize"]`).count(), 0);
    assert.equal(await page.locator(`${panel} input[name="lrSchedule-lrMin"]`).getAttribute('placeholder'), '0');

    before = builder.text;
    await typeInto(builder, 'clipGradNorm', '1');
    assert.equal(builder.text, before.replace('"warmupEpochs": 2 } }', '"warmupEpochs": 2 }, "clipGradNorm": 1 }'));
    assert.match(await formulaOf('clipGradNorm') ?? '', /g ← g·min\(1, c\/\(‖g‖ \+ 10⁻⁶\)\)/);

    // early stopping: switched on it writes what it watches; its settings appear with its rule
    assert.equal(await page.locator(`${panel} input[name="earlyStopping-patience"]`).count(), 0);
    before = builder.text;
    await page.locator(`${panel} vscode-checkbox[name="earlyStopping"]`).click();
    await builder.waitFor(() => builder.text !== before, 'the early-stopping edit');
    await builder.settle();
    assert.equal(builder.text, before.replace('"clipGradNorm": 1 }', '"clipGradNorm": 1, "earlyStopping": { "monitor": "validationLoss", "patience": 5 } }'));
    assert.equal(await page.locator(`${panel} .early-stopping .formula`).isVisible(), true);
    await typeInto(builder, 'earlyStopping-patience', '3');
    await page.locator(`${panel} select[name="earlyStopping-monitor"]`).selectOption('validationAccuracy');
    await builder.waitFor(() => readModel(builder.text).model?.training?.earlyStopping?.monitor === 'validationAccuracy', 'the monitor edit');
    assert.equal(await builder.evaluate<boolean>(`document.querySelector('${panel} vscode-checkbox[name="earlyStopping-restoreBest"]').checked`), true, 'restoreBest shows its default');
    assert.deepEqual(readModel(builder.text).diagnostics, []);

    // switched off, the setting goes and the schedule goes back to none
    await page.locator(`${panel} vscode-checkbox[name="earlyStopping"]`).click();
    await builder.waitFor(() => !builder.text.includes('earlyStopping'), 'early stopping removed');
    await schedule.selectOption('');
    await builder.waitFor(() => !builder.text.includes('lrSchedule'), 'the schedule removed');
    assert.equal(readModel(builder.text).model?.training?.clipGradNorm, 1);
    await builder.finish();
  });

  it('charts the learning rate of each epoch under the loss after a run with a schedule', async () => {
    const scheduled = XOR_MODEL.replace('"seed": 42 }', '"seed": 42, "lrSchedule": { "type": "step", "stepSize": 5, "gamma": 0.5, "warmupEpochs": 2 } }');
    const run = await recordTrainingRun(scheduled);
    const rates = run.trainedModel.history!.map((record) => record.lr);
    assert.deepEqual(rates.slice(0, 8), [0.025, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025], 'the history has each epoch\'s rate');

    builder = await pages.open({ text: scheduled });
    const page = builder.page;
    assert.equal(await page.locator('#lr-chart').isVisible(), false, 'no learning-rate chart before a run');
    for (const event of run.events) builder.post({ type: 'training', event });
    await builder.settle();
    await builder.setText(run.trainedText);
    await builder.waitForPage('document.getElementById("lr-chart").dataset.epochs === "20"');
    assert.equal(await page.locator('#lr-chart').isVisible(), true);
    assert.equal(await page.locator('#lr-chart').getAttribute('aria-label'), 'Learning-rate chart: 20 epochs, from 0.0250 to 0.00625, lowest 0.00625, highest 0.0500');
    assert.ok(await builder.evaluate<number>(paintedPixels('#lr-chart')) > 300, 'the learning rate is drawn');
    const series = JSON.parse(await page.locator('#lr-chart').getAttribute('data-series') ?? '[]') as { label: string }[];
    assert.deepEqual(series.map((set) => set.label), ['Learning rate']);
    const loss = await page.locator('#loss-chart').boundingBox();
    const lr = await page.locator('#lr-chart').boundingBox();
    assert.ok(loss && lr && lr.y >= loss.y + loss.height && Math.abs(lr.x - loss.x) < 1, `under the loss chart: loss ${JSON.stringify(loss)}, lr ${JSON.stringify(lr)}`);
    await builder.finish();
  });

  it('says where early stopping ended a run, and the file says it after', async () => {
    const overfitting = writeModel(overfittingModel({ patience: 10 }));
    const run = await recordTrainingRun(overfitting);
    const finished = run.events.at(-1);
    assert.ok(finished?.type === 'finished' && finished.outcome.status === 'completed' && finished.outcome.earlyStop);
    const { epoch, bestEpoch } = finished.outcome.earlyStop;

    builder = await pages.open({ text: overfitting });
    for (const event of run.events) builder.post({ type: 'training', event });
    await builder.settle();
    await builder.setText(run.trainedText);
    const status = builder.page.locator('#training-status');
    await builder.waitForPage(`document.getElementById("training-status").textContent.startsWith("Stopped early at epoch ${epoch}, best epoch ${bestEpoch}.")`);
    assert.match(await status.textContent() ?? '', new RegExp(`^Stopped early at epoch ${epoch}, best epoch ${bestEpoch}\\. ${epoch} epochs in total`));
    await builder.finish();

    // opened again later, the page reads it from the file's trainingStatus
    builder = await pages.open({ text: run.trainedText });
    assert.match(await builder.page.locator('#training-status').textContent() ?? '', new RegExp(`^Stopped early at epoch ${epoch}, best epoch ${bestEpoch}\\.`));
    await builder.finish();
  });
});
