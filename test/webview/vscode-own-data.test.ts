/**
 * A newcomer's path, end to end in the real VS Code (code-server 4.100.3), with the mouse and keyboard only and
 * no JSON opened: a CSV the product has never seen → New Model → From a CSV file → train → Stop → train again →
 * Evaluate on a second CSV (a held-out test file) → Predict to a file the user names.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../src/engine/random';
import { readModel } from '../../src/model/reader';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { answer, builderFrame, runCommand, saveAs } from './workbench';

const FEATURES = ['length', 'width', 'depth', 'weight', 'hardness', 'gloss', 'acidity', 'sugar', 'ash', 'tannin', 'colour', 'hue', 'aroma'];
const CLASSES = ['north', 'south', 'valley'];

/** Rows of a made-up three-class data set: each class shifts the 13 measurements its own way, plus noise. */
function csvText(rows: number, seed: number): string {
  const random = new Random(seed);
  const lines = [[...FEATURES, 'region'].join(',')];
  for (let r = 0; r < rows; r++) {
    const k = r % CLASSES.length;
    const values = FEATURES.map((_, f) => (10 + 3 * Math.sin(f * (k + 1)) + random.normal() * 0.6).toFixed(2));
    lines.push([...values, CLASSES[k]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('a newcomer\'s own data in a real VS Code (code-server)', function () {
  this.timeout(15 * 60_000);
  const session = useVsCodeSession('own-data');

  it('goes from a CSV to a trained model, its evaluation on a test file and a predictions file, without opening the JSON', async () => {
    const page = await session.start({});
    writeFileSync(join(session.workspace, 'orchards.csv'), csvText(150, 3));
    writeFileSync(join(session.workspace, 'held-out.csv'), csvText(45, 77));
    const modelPath = join(session.workspace, 'orchards.nnjson');

    // New Model → From a CSV file: the file, its target column, the features (all), the task, where to save
    await runCommand(page, 'NN Builder: New Model');
    await answer(page, /Start from your data or a template/, 'From a CSV');
    await answer(page, /The CSV file with your data/, 'orchards');
    await answer(page, /The column to predict/, 'region');
    await answer(page, /The columns to predict from/, undefined);
    // a column of text labels can only be classes: no question about the task
    await answer(page, /save as/i, undefined);
    const created = await until(() => existsSync(modelPath), (exists) => exists, 'the new model file');
    assert.ok(created);
    const first = readModel(readFileSync(modelPath, 'utf8'));
    assert.ok(first.model, first.diagnostics.map((d) => d.message).join('; '));
    assert.equal(first.model.input.size, 13);
    assert.equal(first.model.loss.type, 'CrossEntropy');
    assert.deepEqual(first.diagnostics.filter((d) => d.severity === 'error'), []);

    const frame = await builderFrame(page);
    await until(() => frame.locator('.layer-card').count(), (count) => count >= 3, 'the layers of the new model');
    assert.match(await frame.locator('#network-input').textContent() ?? '', /13 features.*orchards\.csv/);
    const tab = page.locator('.tab.active');
    assert.equal(await tab.evaluate((element) => element.classList.contains('preview') || element.querySelector('.italic') !== null), false, 'the new model is pinned, not a preview tab');

    // a long run, stopped after a few epochs
    const epochs = frame.locator('#model-panel input[name="epochs"]');
    await epochs.fill('100000');
    await epochs.press('Enter');
    await until(() => epochs.inputValue(), (value) => value === '100000', 'epochs 100000');
    await frame.locator('#train-button').click();
    await until(async () => Number(await frame.locator('#loss-chart').getAttribute('data-epochs')), (value) => value >= 3, 'a few epochs');
    await frame.locator('#stop-button').click();
    const stopped = await until(() => readFileSync(modelPath, 'utf8'), (text) => text.includes('"trainingStatus": "stopped"'), 'the stopped run in the file', 60_000)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}; the training panel says: ${await frame.locator('#training-status').textContent()}`);
      });
    const stoppedAt = readModel(stopped).model?.history?.at(-1)?.epoch ?? 0;
    assert.ok(stoppedAt >= 3 && stoppedAt < 100_000, `stopped at epoch ${stoppedAt}`);
    await until(() => frame.locator('#train-button').getAttribute('disabled'), (disabled) => disabled === null, 'Train enabled again');

    // train again, to the end of a short run that goes on from where the first stopped
    await epochs.fill('40');
    await epochs.press('Enter');
    await until(() => epochs.inputValue(), (value) => value === '40', 'epochs 40');
    await frame.locator('#train-button').click();
    const trained = await until(() => readModel(readFileSync(modelPath, 'utf8')).model, (model) => !model?.trainingStatus && (model?.history?.at(-1)?.epoch ?? 0) === stoppedAt + 40, 'the second run in the file', 5 * 60_000);
    const lastEpoch = trained?.history?.at(-1);
    assert.ok(lastEpoch?.valAccuracy !== undefined && lastEpoch.valAccuracy > 0.8, `learned the regions (validation accuracy ${lastEpoch?.valAccuracy})`);

    // Evaluate on the held-out test file: a report with per-class figures and the confusion matrix
    await until(() => frame.locator('#evaluate-button').getAttribute('disabled'), (disabled) => disabled === null, 'Evaluate enabled');
    await frame.locator('#evaluate-button').click();
    await answer(page, /Evaluate.*which data/i, 'held-out');
    const reports = join(session.temp, 'user-data', 'User', 'globalStorage', 'nn-builder.nn-builder', 'evaluations');
    // the report is written, then shown: read it once its text is all there
    const reportText = await until(() => {
      const files = existsSync(reports) ? readdirSync(reports).filter((name) => name.endsWith('.md')) : [];
      return files.length > 0 ? readFileSync(join(reports, files[0]), 'utf8') : '';
    }, (text) => text.includes('Confusion matrix'), 'the evaluation report');
    assert.match(reportText, /held-out\.csv/);
    assert.match(reportText, /45 rows/);
    for (const name of CLASSES) assert.match(reportText, new RegExp(`\\|\\s*${name}\\s*\\|`), `a row for class ${name}`);
    assert.match(reportText, /[Pp]recision/);
    assert.match(reportText, /F1/);
    assert.match(reportText, /[Cc]onfusion/);
    await until(() => page.locator('.tab').allTextContents(), (titles) => titles.some((title) => /evaluation/i.test(title)), 'the report tab');

    // Predict on the test file, with its inputs, to a file named in the save dialog
    await frame.locator('#predict-button').click();
    await answer(page, /Predict.*which data/i, 'held-out');
    await answer(page, /Include the input columns/, 'Yes');
    const output = join(session.workspace, 'held-out-predictions.csv');
    await saveAs(page, /Save the predictions of orchards\.nnjson/, output);
    const predictions = await until(() => (existsSync(output) ? readFileSync(output, 'utf8') : ''), (text) => text.length > 0, 'the predictions file');
    const [header, ...rows] = predictions.trim().split('\n');
    assert.deepEqual(header.split(','), ['row', ...FEATURES, 'predicted_region', ...CLASSES.map((name) => `probability_${name}`)]);
    assert.equal(rows.length, 45);
    const correct = rows.filter((row, i) => row.split(',')[FEATURES.length + 1] === CLASSES[i % CLASSES.length]).length;
    assert.ok(correct / rows.length > 0.8, `predictions agree with the held-out labels (${correct} of ${rows.length})`);
    await until(() => page.locator('.tab').allTextContents(), (titles) => titles.some((title) => title.includes('held-out-predictions.csv')), 'the predictions open in an editor');

    // the model's JSON was never opened
    const titles = await page.locator('.tab').allTextContents();
    assert.equal(titles.filter((title) => title.includes('orchards.nnjson')).length, 1, `one tab for the model, the builder (tabs: ${titles.join(' | ')})`);
  });
});
