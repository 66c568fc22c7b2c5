/** The builder page in headless Chromium: widths that follow, and trained weights when the architecture changes. */
import * as assert from 'node:assert/strict';
import { buildNetwork, withTrainedParameters } from '../../src/model/bridge';
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import type { NnJsonModel, ParametersJson } from '../../src/shared/nnjson';
import { XOR_MODEL } from './fixtures';
import { useBuilderPages, type BuilderPage } from './harness';

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

/** XOR_MODEL after a run: its initial weights written as trained parameters, and a history. */
function trainedXor(): string {
  const model = read(XOR_MODEL);
  return writeModel({ ...withTrainedParameters(model, buildNetwork(model)), history: [{ epoch: 1, loss: 0.69, seconds: 0.1 }] });
}

function parameters(text: string): ParametersJson | undefined {
  return read(text).parameters;
}

/** The visible note's text, or null when no note shows. */
function visibleNote(builder: BuilderPage): Promise<string | null> {
  return builder.evaluate<string | null>('(() => { const note = document.getElementById("builder-note"); return note.hidden ? null : note.textContent; })()');
}

describe('builder webview: widths and trained weights', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('lets a stated width follow: clearing Linear.in removes the key and shows the width coming in', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('.layer-card').nth(2).click();
    const input = page.locator('#inspector input[name="in"]');
    assert.equal(await input.inputValue(), '8');
    await input.fill('');
    assert.equal(await input.getAttribute('aria-invalid'), null, 'an empty width is valid: it follows');
    await input.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 1, 'setLayerValue');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('setLayerValue')[0], { type: 'setLayerValue', id: 'fc2', key: 'in', value: undefined });
    assert.equal(builder.text, XOR_MODEL.replace('"id": "fc2", "in": 8, "out": 2', '"id": "fc2", "out": 2'));
    assert.equal(await input.getAttribute('placeholder'), '8');
    assert.equal(await page.locator('.layer-card').nth(2).locator('.card-settings').textContent(), '8 → 2');
    // fc1 now gives 5: fc2, which follows, needs no edit of its own and shows the new width
    await page.locator('.layer-card').nth(0).click();
    const out = page.locator('#inspector input[name="out"]');
    await out.fill('5');
    await out.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 2, 'out setLayerValue');
    await builder.settle();
    assert.equal(builder.edits[1].length, 1, 'one number changes');
    await builder.waitForPage('document.querySelectorAll(".layer-card")[2].querySelector(".card-settings").textContent === "5 → 2"');
    assert.equal(await page.locator('.layer-card.has-error').count(), 0);
    await builder.finish();
  });

  it('on a trained model, a width change drops exactly that layer\'s tensors in the same edit and says so', async () => {
    const text = trainedXor();
    builder = await pages.open({ text });
    const page = builder.page;
    assert.equal(await visibleNote(builder), null);
    await page.locator('.layer-card').nth(2).click();
    const out = page.locator('#inspector input[name="out"]');
    await out.fill('3');
    await out.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 1, 'setLayerValue');
    await builder.settle();
    assert.equal(builder.edits.length, 1, 'one undoable edit');
    const after = parameters(builder.text);
    assert.deepEqual(Object.keys(after ?? {}), ['fc1'], 'fc2 starts afresh');
    assert.deepEqual(after?.fc1, parameters(text)?.fc1, 'fc1 keeps its trained weights');
    assert.deepEqual(read(builder.text).history, read(text).history);
    const message = 'fc2 starts from fresh weights: its shape changed from [8, 2] to [8, 3].';
    await builder.waitForPage('!document.getElementById("builder-note").hidden');
    assert.equal((await visibleNote(builder))?.trim(), message);
    // information, announced politely: not an alert, not error-coloured
    assert.equal(await page.locator('#note-announcer').getAttribute('role'), 'status');
    assert.equal(await page.locator('#note-announcer').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('#note-announcer').textContent(), message);
    assert.equal(await page.locator('#builder-note [role="alert"], #builder-note .codicon-error').count(), 0);
    assert.equal(await page.locator('#builder-note .codicon-info').count(), 1);
    // the theme's info colours (#1b80b2 border on #063b49), not its error colours
    assert.deepEqual(await builder.evaluate<string[]>(`(() => {
      const style = getComputedStyle(document.getElementById('builder-note'));
      return [style.borderTopColor, style.backgroundColor];
    })()`), ['rgb(27, 128, 178)', 'rgb(6, 59, 73)']);
    assert.ok(await page.locator('#builder-note').isVisible());
    // undo (the text goes back): the note no longer describes the file and goes
    await builder.setText(text);
    await builder.waitForPage('document.getElementById("builder-note").hidden');
    await builder.finish();
  });

  it('resets one layer from the inspector, then all layers from the training panel', async () => {
    const text = trainedXor();
    builder = await pages.open({ text });
    const page = builder.page;
    // a layer without weights (ReLU) offers no reset
    await page.locator('.layer-card').nth(1).click();
    assert.equal(await page.locator('#reset-layer-weights').isVisible(), false);
    await page.locator('.layer-card').nth(0).click();
    const resetLayer = page.locator('#reset-layer-weights');
    assert.ok(await resetLayer.isVisible());
    assert.equal(await resetLayer.getAttribute('aria-label'), 'Reset the trained weights of fc1');
    await resetLayer.click();
    await builder.waitFor(() => builder.messagesOf('resetWeights').length === 1, 'resetWeights');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('resetWeights')[0], { type: 'resetWeights', id: 'fc1' });
    assert.deepEqual(Object.keys(parameters(builder.text) ?? {}), ['fc2']);
    assert.deepEqual(parameters(builder.text)?.fc2, parameters(text)?.fc2);
    assert.deepEqual(read(builder.text).history, read(text).history, 'the other layer\'s training, and its history, stay');
    assert.equal((await visibleNote(builder))?.trim(), 'fc1 starts from fresh weights.');
    await builder.waitForPage('document.getElementById("reset-layer-weights").closest(".inspector-actions").hidden');

    const resetAll = page.locator('#reset-all-weights');
    assert.equal(await resetAll.getAttribute('disabled'), null);
    await resetAll.click();
    await builder.waitFor(() => builder.messagesOf('resetWeights').length === 2, 'resetWeights all');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('resetWeights')[1], { type: 'resetWeights' });
    const model = read(builder.text);
    assert.equal(model.parameters, undefined);
    assert.equal(model.history, undefined);
    assert.equal((await visibleNote(builder))?.trim(), 'Every layer starts from fresh weights; its training history was removed.');
    await builder.waitForPage('document.getElementById("reset-all-weights").hasAttribute("disabled")');
    assert.match(await page.locator('#training-status').textContent() ?? '', /Not trained yet/);
    await builder.finish();
  });
});
