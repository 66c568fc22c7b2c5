/** The builder page in headless Chromium: rendering, drag and drop, keyboard. */
import * as assert from 'node:assert/strict';
import { readModel } from '../../src/model/reader';
import { BuilderPage, switchTheme, useBuilderPages } from './harness';
import { BROKEN_TEXT, MISMATCH_MODEL, XOR_MODEL } from './fixtures';
import { THEMES } from './theme';

/** '#f48771' -> 'rgb(244, 135, 113)', as getComputedStyle writes colours. */
function rgb(hex: string): string {
  const value = parseInt(hex.slice(1, 7), 16);
  return `rgb(${value >> 16}, ${(value >> 8) & 255}, ${value & 255})`;
}

function layerIds(text: string): string[] {
  const { model } = readModel(text);
  assert.ok(model, 'the edited text is still a model');
  return model.layers.map((layer) => layer.id);
}

describe('builder webview: network', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('shows the input, one card per layer with type, id, settings, width and params, and the output', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    assert.equal(await page.locator('#network-input .io-width').textContent(), '2 features');
    const cards = page.locator('.layer-card');
    assert.equal(await cards.count(), 4);
    const first = cards.nth(0);
    assert.equal(await first.locator('.card-type').textContent(), 'Linear');
    assert.equal(await first.locator('.card-id').textContent(), 'fc1');
    assert.equal(await first.locator('.card-settings').textContent(), '2 → 8');
    assert.equal(await first.locator('.card-width').textContent(), '→ 8');
    assert.equal(await first.locator('.card-params').textContent(), '24 params');
    assert.match((await first.getAttribute('aria-label')) ?? '', /Linear fc1.*output width 8.*24 parameters/);
    assert.equal(await page.locator('#network-output .io-width').textContent(), '2 wide');
    assert.equal(await page.locator('#layer-list').getAttribute('role'), 'listbox');
    // the one summary the CLI and the Markdown preview show too: 24 + 18 parameters, 168 bytes
    const rows = await page.locator('.summary-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.deepEqual(rows[1], ['1', 'fc1', 'Linear', '2 → 8', '[N, 8]', '24']);
    const totals = await page.locator('.summary-table tfoot tr').allTextContents();
    assert.deepEqual(totals, ['Total params42', 'Trainable params42', 'Non-trainable params0', 'Params size168 B']);
    assert.match(await page.locator('.summary-settings').textContent() ?? '', /LossCrossEntropy.*Trainednot yet/);
    await builder.finish();
  });

  it('shows an image input as C×H×W, each card\'s output shape, the summary\'s [N, C, H, W] and the flatten error on a Linear after it', async () => {
    const text = XOR_MODEL.replace(/"input": \{ "size": 2 \}/, '"input": { "shape": [1, 8, 8] }')
      .replace(/"layers": \[[\s\S]*?\n  \]/, '"layers": [\n    { "type": "ReLU", "id": "relu1" },\n    { "type": "Dropout", "id": "drop1" },\n    { "type": "Linear", "id": "fc1", "out": 2 }\n  ]');
    assert.match(text, /"shape": \[1, 8, 8\][\s\S]*"id": "drop1"/, 'the fixture was rewritten');
    builder = await pages.open({ text });
    const page = builder.page;
    assert.equal(await page.locator('#network-input .io-width').textContent(), '1×8×8 image');
    const cards = page.locator('.layer-card');
    assert.equal(await cards.nth(0).locator('.card-width').textContent(), '→ 1×8×8');
    assert.match((await cards.nth(1).getAttribute('aria-label')) ?? '', /Dropout drop1.*output shape 1×8×8/);
    assert.match(await cards.nth(2).locator('.card-problem').first().textContent() ?? '',
      /fc1: Linear takes one dimension of features but the shape coming in is \[1, 8, 8\]: flatten it first/);
    const rows = await page.locator('.summary-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[4]?.textContent));
    assert.deepEqual(rows.slice(0, 3), ['[N, 1, 8, 8]', '[N, 1, 8, 8]', '[N, 1, 8, 8]']);
    await builder.finish();
  });

  it('counts BatchNorm\'s running statistics as non-trainable in the summary', async () => {
    builder = await pages.open({ text: XOR_MODEL.replace('{ "type": "ReLU", "id": "relu1" }', '{ "type": "BatchNorm", "id": "bn1" }, { "type": "ReLU", "id": "relu1" }') });
    const totals = await builder.page.locator('.summary-table tfoot tr').allTextContents();
    // fc1 24 + fc2 18 trainable, bn1 gamma and beta 16 trainable, its running mean and variance 16 not
    assert.deepEqual(totals.slice(0, 3), ['Total params74', 'Trainable params58', 'Non-trainable params16']);
    await builder.finish();
  });

  it('inserts a dragged palette entry where the drop marker shows, as one minimal edit', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const before = builder.text;
    // drop on the lower half of relu1's card: the new layer goes after relu1, before fc2
    const target = page.locator('.layer-card').nth(1);
    const box = await target.boundingBox();
    assert.ok(box);
    // with the mouse, as a person drags: the marker shows between relu1 and fc2 before the drop
    await page.locator('.palette-entry[data-layer-type="Dropout"]').hover();
    await page.mouse.down();
    await page.mouse.move(box.x + 20, box.y + box.height - 8, { steps: 8 });
    await page.mouse.move(box.x + 22, box.y + box.height - 4, { steps: 2 });
    await builder.waitForPage('document.querySelector(".drop-marker") !== null');
    assert.deepEqual(await builder.evaluate<string[]>(
      '[document.querySelector(".drop-marker").previousElementSibling.dataset.layerId, document.querySelector(".drop-marker").nextElementSibling.dataset.layerId]',
    ), ['relu1', 'fc2']);
    await page.mouse.up();
    await builder.waitFor(() => builder.messagesOf('insertLayer').length === 1, 'insertLayer');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('insertLayer')[0], { type: 'insertLayer', layerType: 'Dropout', place: { before: 'fc2' }, via: 'drag' });
    assert.deepEqual(layerIds(builder.text), ['fc1', 'relu1', 'drop1', 'fc2', 'softmax']);
    assert.equal(builder.edits.length, 1);
    const [edit] = builder.edits[0];
    assert.ok(edit.length < 10 && edit.content.includes('"Dropout"'), `a small insertion, not a rewrite: ${JSON.stringify(edit)}`);
    assert.ok(before.startsWith(builder.text.slice(0, edit.offset)), 'text before the insertion is unchanged');
    await builder.waitForPage('document.querySelectorAll(".layer-card").length === 5');
    assert.equal(await page.locator('.layer-card').nth(2).locator('.card-id').textContent(), 'drop1');
    // the new layer is selected and shown in the inspector
    assert.equal(await page.locator('.layer-card.selected .card-id').textContent(), 'drop1');
    assert.equal(await page.locator('#inspector .inspector-heading strong').textContent(), 'Dropout');
    await builder.finish();
  });

  it('gives a new Linear layer a unique id and the incoming width as its out, and writes no "in"', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('.palette-entry[data-layer-type="Linear"]').click();
    await builder.waitFor(() => builder.messagesOf('insertLayer').length === 1, 'insertLayer');
    await builder.settle();
    const { model } = readModel(builder.text);
    const added = model?.layers[4];
    assert.deepEqual(added, { type: 'Linear', id: 'fc3', out: 2 });
    assert.match(builder.text, /\{ "type": "Linear", "id": "fc3", "out": 2 \}/);
    // the card shows the width it follows; the inspector shows it as the empty field's placeholder
    await builder.waitForPage('document.querySelectorAll(".layer-card").length === 5');
    const card = page.locator('.layer-card').nth(4);
    assert.equal(await card.locator('.card-settings').textContent(), '2 → 2');
    assert.equal(await card.getAttribute('class'), 'layer-card selected');
    const input = page.locator('#inspector input[name="in"]');
    assert.equal(await input.inputValue(), '');
    assert.equal(await input.getAttribute('placeholder'), '2');
    assert.equal(await input.getAttribute('required'), null);
    assert.match(await page.locator('#inspector [data-field="in"] .field-message').textContent() ?? '', /Coming in: 2\./);
    await builder.finish();
  });

  it('reorders layers by dragging a card', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const target = page.locator('.layer-card').nth(0);
    await page.locator('.layer-card').nth(1).dragTo(target, { targetPosition: { x: 30, y: 3 } });
    await builder.waitFor(() => builder.messagesOf('placeLayer').length === 1, 'placeLayer');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('placeLayer')[0], { type: 'placeLayer', id: 'relu1', place: { before: 'fc1' } });
    assert.deepEqual(layerIds(builder.text), ['relu1', 'fc1', 'fc2', 'softmax']);
    await builder.waitForPage('document.querySelector(".layer-card .card-id").textContent === "relu1"');
    await builder.finish();
  });

  it('does everything from the keyboard: focus, move, delete, duplicate, insert by name', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('.layer-card').nth(0).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await builder.focused(), 'relu1');
    assert.equal(await page.locator('.layer-card.selected .card-id').textContent(), 'relu1');

    await page.keyboard.press('Alt+ArrowDown');
    await builder.waitFor(() => builder.messagesOf('moveLayer').length === 1, 'moveLayer');
    await builder.settle();
    assert.deepEqual(layerIds(builder.text), ['fc1', 'fc2', 'relu1', 'softmax']);
    assert.equal(await builder.focused(), 'relu1', 'focus follows the moved layer');

    await page.keyboard.press('Control+d');
    await builder.waitFor(() => builder.messagesOf('duplicateLayer').length === 1, 'duplicateLayer');
    await builder.settle();
    assert.deepEqual(layerIds(builder.text), ['fc1', 'fc2', 'relu1', 'relu2', 'softmax']);

    await page.keyboard.press('Delete');
    await builder.waitFor(() => builder.messagesOf('removeLayer').length === 1, 'removeLayer');
    await builder.settle();
    assert.equal(layerIds(builder.text).length, 4);

    // Insert jumps to the palette filter; typing a name and Enter inserts after the selected layer
    await page.locator('.layer-card').nth(0).focus();
    await page.keyboard.press('Insert');
    assert.equal(await builder.focused(), 'palette-filter');
    await page.keyboard.type('sigm');
    await page.keyboard.press('Enter');
    await builder.waitFor(() => builder.messagesOf('insertLayer').length === 1, 'insertLayer');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('insertLayer')[0], { type: 'insertLayer', layerType: 'Sigmoid', place: { after: 'fc1' } });
    assert.equal(layerIds(builder.text)[1], 'sigmoid1');
    assert.equal(await builder.focused(), 'palette-filter', 'focus stays in the filter for the next name');
    // Escape on the emptied filter returns to the network, on the layer just inserted, ready to move it
    await page.keyboard.press('Escape');
    assert.equal(await builder.focused(), 'sigmoid1');
    // focus is visible: the focused card draws an outline
    await page.locator('.layer-card').nth(0).focus();
    const outline = await builder.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    assert.notEqual(outline, 'none');
    await builder.finish();
  });

  it('marks a width mismatch on the layer and fixes it with one click', async () => {
    builder = await pages.open({ text: MISMATCH_MODEL });
    const page = builder.page;
    const card = page.locator('.layer-card').nth(2);
    assert.match(await card.getAttribute('class') ?? '', /has-error/);
    assert.match(await card.locator('.card-problem').first().textContent() ?? '', /fc2\.in is 4 but 8 come in/);
    await card.locator('vscode-button.fix-width').click();
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 1, 'setLayerValue');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('setLayerValue')[0], { type: 'setLayerValue', id: 'fc2', key: 'in', value: 8 });
    assert.equal(builder.text, XOR_MODEL);
    await builder.waitForPage('document.querySelectorAll(".layer-card.has-error").length === 0');
    await builder.finish();
  });

  it('draws an error as an error and a warning as a warning; a card with an error has a red border in every theme', async () => {
    // fc2's width mismatch is an error; a ReLU with LeakyReLU's slope is a warning
    builder = await pages.open({ text: MISMATCH_MODEL.replace('{ "type": "ReLU", "id": "relu1" }', '{ "type": "ReLU", "id": "relu1", "slope": 0.1 }') });
    const page = builder.page;
    const errorCard = '.layer-card[data-layer-id="fc2"]';
    const warningCard = '.layer-card[data-layer-id="relu1"]';
    const plainCard = '.layer-card[data-layer-id="fc1"]';
    assert.equal(await page.locator(`${errorCard} .card-problem .codicon-error`).count(), 1, 'the width error has the error icon');
    assert.equal(await page.locator(`${errorCard} .card-problem .codicon-warning`).count(), 0);
    assert.equal(await page.locator(`${warningCard} .card-problem .codicon-warning`).count(), 1, 'the warning keeps the warning icon');
    assert.doesNotMatch(await page.locator(warningCard).getAttribute('class') ?? '', /has-error/);
    const style = (selector: string, property: string) =>
      builder.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`);
    for (const theme of THEMES.filter((candidate) => candidate.name !== 'light')) {
      await switchTheme(page, theme.variables, theme.bodyClass);
      const variable = (name: string) => theme.variables[`--vscode-${name}`];
      const highContrast = theme.bodyClass.includes('high-contrast');
      assert.equal(await style(`${errorCard} .card-problem`, 'color'), rgb(variable('errorForeground')), `${theme.name}: the error's text is in the error colour`);
      assert.equal(await style(`${warningCard} .card-problem`, 'color'), rgb(variable('editorWarning-foreground')), `${theme.name}: the warning's text is in the warning colour`);
      // in high contrast the error border is the theme's red, not its (blue) contrast border, which every card has
      const red = highContrast ? variable('errorForeground') : variable('inputValidation-errorBorder');
      assert.equal(await style(errorCard, 'border-top-color'), rgb(red), `${theme.name}: the card with the error has a red border`);
      assert.notEqual(await style(plainCard, 'border-top-color'), rgb(red), `${theme.name}: other cards do not`);
      if (highContrast) assert.equal(await style(plainCard, 'border-top-color'), rgb(variable('contrastBorder')));
    }
    await builder.finish();
  });

  it('shows nothing that looks like the model\'s settings while the text cannot be read, and says where to fix it', async () => {
    /** The text a person sees in the panels beside the palette (hidden elements have no innerText). */
    const visibleText = () => builder.evaluate<string>('[".centre-column", ".side-column", "#insight"].map((s) => document.querySelector(s).innerText).join("\\n")');
    const visibleControls = () => builder.evaluate<number>('[...document.querySelectorAll("#model-panel input, #model-panel select, #model-panel textarea, #data-panel input, #data-panel select")].filter((e) => e.offsetParent !== null).length');
    const assertNothingOfTheModel = async (when: string, settings: RegExp) => {
      const text = await visibleText();
      assert.doesNotMatch(text, settings, `${when}: no setting shows`);
      assert.doesNotMatch(text, /No layers yet|No data source|Not trained yet/, `${when}: no claim about the model`);
      assert.equal(await visibleControls(), 0, `${when}: no form control shows`);
      for (const panel of ['#layer-list', '#model-panel', '#data-panel', '#training-status', '#summary', '#insight']) {
        assert.match(await builder.page.locator(panel).innerText(), /cannot be read as a model: fix the text where the problems above point/, `${when}: ${panel} says why and where`);
      }
    };
    builder = await pages.open({ text: BROKEN_TEXT });
    await assertNothingOfTheModel('opened unreadable', /\bMSE\b|\bSGD\b|CrossEntropy|Adam/);
    await builder.setText(XOR_MODEL);
    assert.equal(await builder.page.locator('#model-panel select[name="loss"]').inputValue(), 'CrossEntropy');
    assert.ok(await visibleControls() > 5);
    // broken again: what was shown for the readable text goes too
    await builder.setText(BROKEN_TEXT);
    await assertNothingOfTheModel('broken after being read', /CrossEntropy|Adam|\bfc1\b|XOR/);
    await builder.finish();
  });

  it('shows the diagnostics of an unreadable text, refuses edits, and recovers when the text is fixed', async () => {
    builder = await pages.open({ text: BROKEN_TEXT });
    const page = builder.page;
    assert.match(await page.locator('.problems-header.blocking').textContent() ?? '', /cannot be read as a model/);
    assert.ok(await page.locator('.problems-list li').count() > 0);
    assert.equal(await page.locator('.palette-entry').first().isDisabled(), true);
    await page.locator('#open-as-text').click();
    await builder.waitFor(() => builder.openAsTextRequests === 1, 'openAsText');
    // an intent that arrives anyway leaves the text untouched
    await builder.session.receive({ type: 'insertLayer', layerType: 'ReLU', place: { at: 'start' } });
    assert.equal(builder.text, BROKEN_TEXT);
    await builder.setText(XOR_MODEL);
    await builder.waitForPage('document.querySelectorAll(".layer-card").length === 4');
    assert.equal(await page.locator('.problems-header.blocking').count(), 0);
    assert.equal(await page.locator('.palette-entry').first().isDisabled(), false);
    await builder.finish();
  });

  it('shows a change made in the text at once', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    await builder.setText(XOR_MODEL.replace('"id": "relu1"', '"id": "act"'));
    await builder.waitForPage('document.querySelectorAll(".layer-card .card-id")[1].textContent === "act"');
    await builder.finish();
  });
});
