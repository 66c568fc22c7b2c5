/**
 * Fifty intents fired as fast as a user can press keys at a model with 20,000 epochs of history (2.6 MB): every
 * one applies, in order, to the layer the user meant, and focus stays on it. Before intents named layers by id,
 * two quick Alt+Down presses cancelled each other and a second Delete removed the wrong layer.
 */
import * as assert from 'node:assert/strict';
import { editsForIntent } from '../../src/builder/intent-edits';
import { applyTextEdits } from '../../src/model/edit';
import { readModel } from '../../src/model/reader';
import type { NnJsonModel } from '../../src/shared/nnjson';
import type { FromWebview } from '../../src/shared/webview-protocol';
import { ExpectedLayers } from '../shared/expected-layers';
import { longHistoryText } from '../shared/big-models';
import { BuilderPage, useBuilderPages } from './harness';

function modelOf(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, diagnostics.map((d) => d.message).join('; '));
  return model;
}


/** The messages the user's keys and clicks send here: edits of the model, not the page's own notices (ready, insightSeen). */
const isEdit = (message: FromWebview) => message.type !== 'ready' && message.type !== 'insightSeen';

describe('builder webview: rapid intents on a big model', function () {
  this.timeout(180_000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('applies 50 rapid moves, duplicates, deletes and width edits in order, none lost, focus on the layer moved', async () => {
    const original = longHistoryText(20_000);
    assert.ok(original.length > 2_000_000, `a 2 MB model (${original.length} bytes)`);
    builder = await pages.open({ text: original });
    const page = builder.page;
    const expected = new ExpectedLayers(structuredClone(modelOf(original).layers));
    const card = (id: string) => page.locator(`.layer-card[data-layer-id="${id}"]`);
    let fired = 0;
    const press = async (key: string) => {
      await page.keyboard.press(key);
      fired += 1;
    };

    // moves: presses do not wait for the document to come back
    await card('fc2').click();
    // (fc2 never reaches either end: at an end the card does not even send the move)
    for (const by of [1, 1, -1, 1, -1, -1, -1, 1, 1, -1, 1, 1, -1, 1, -1, -1]) {
      await press(by > 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      expected.move('fc2', by);
    }
    // duplicates of the focused layer, and more moves of it
    for (let i = 0; i < 4; i++) {
      await press('Control+d');
      expected.duplicate('fc2');
    }
    for (const by of [1, 1, -1, 1, -1, -1]) {
      await press(by > 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      expected.move('fc2', by);
    }
    // width edits of the selected layer, one after another (a duplicate that arrives selects itself: pick fc2)
    await card('fc2').click();
    const out = page.locator('#inspector input[name="out"]');
    for (const width of [7, 9, 12, 5, 11, 24, 6, 10]) {
      await out.fill(String(width));
      await out.press('Enter');
      fired += 1;
      expected.set('fc2', 'out', width);
    }
    // two Deletes at once remove the focused layer and then the one shown after it (the one focus moved to)
    await builder.waitFor(() => builder.received.filter(isEdit).length === fired, () => `the host to catch up (${builder.received.filter(isEdit).length} of ${fired}: ${JSON.stringify(builder.received.map((m) => m.type === "moveLayer" ? m.by : m.type === "setLayerValue" ? "w" + String(m.value) : m.type))})`, 60_000);
    await builder.settle();
    await card('fc4').click();
    const shown = await builder.evaluate<string[]>('[...document.querySelectorAll(".layer-card")].map((card) => card.dataset.layerId)');
    const after = shown[shown.indexOf('fc4') + 1] ?? shown[shown.indexOf('fc4') - 1];
    await press('Delete');
    await press('Delete');
    expected.remove('fc4');
    expected.remove(after);
    for (const id of ['fc5', 'relu1', 'fc7']) {
      await card(id).click();
      await press('Delete');
      expected.remove(id);
    }
    await builder.waitFor(() => builder.received.filter(isEdit).length === fired, () => `the host to catch up (${builder.received.filter(isEdit).length} of ${fired}: ${JSON.stringify(builder.received.map((m) => m.type === "moveLayer" ? m.by : m.type === "setLayerValue" ? "w" + String(m.value) : m.type))})`, 60_000);
    await builder.settle();
    await card('fc2').click();
    for (const wanted of [1, 1, -1, 1, -1, -1, 1, 1, 1, -1, 1, -1]) {
      const at = expected.layers.findIndex((layer) => layer.id === 'fc2');
      const by = at <= 0 ? 1 : at >= expected.layers.length - 1 ? -1 : wanted;
      await press(by > 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      expected.move('fc2', by);
    }
    assert.equal(fired, 51);

    await builder.waitFor(() => builder.received.filter(isEdit).length === fired, 'every intent at the host', 60_000);
    await builder.settle();
    const final = modelOf(builder.text);
    assert.deepEqual(final.layers, expected.layers, 'every intent applied to the layer the user meant, in order');
    assert.equal(await builder.focused(), 'fc2', 'focus stayed on the moved layer');
    assert.equal(await page.locator('.layer-card').count(), expected.layers.length, 'the cards show the final document');

    // nothing else of the file changed: the 20,000 epochs and fc1's weights (its shape never changed) are as they were
    const before = modelOf(original);
    assert.deepEqual(final.history, before.history);
    assert.deepEqual(final.parameters?.fc1, before.parameters?.fc1);
    assert.equal(final.parameters?.fc2, undefined, 'fc2 changed its width: its weights start afresh');
    // and the text is exactly what the same intents give one after another, so no edit was lost or doubled
    let replayed = original;
    for (const intent of builder.received.filter(isEdit)) {
      const plan = editsForIntent(replayed, modelOf(replayed), intent as Parameters<typeof editsForIntent>[2]);
      assert.ok(!('error' in plan), JSON.stringify(plan));
      replayed = applyTextEdits(replayed, plan.edits);
    }
    assert.equal(builder.text, replayed);
    await builder.finish();
  });
});
