/** The builder page in headless Chromium: inspector, model and data panels, palette help. */
import * as assert from 'node:assert/strict';
import { readModel } from '../../src/model/reader';
import { PALETTE_GROUPS } from '../../src/registry/layer-descriptor';
import { LAYER_DESCRIPTORS } from '../../src/registry/layers/index';
import { batchNorm } from '../../src/registry/layers/batch-norm';
import { BuilderPage, useBuilderPages, paintedPixels, switchTheme } from './harness';
import { HIGH_CONTRAST_THEME } from './theme';
import { XOR_MODEL } from './fixtures';

describe('builder webview: settings', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('edits the selected layer in the inspector, checking values as they are typed', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('.layer-card').nth(0).click();
    const out = page.locator('#inspector input[name="out"]');
    assert.equal(await out.inputValue(), '8');
    assert.equal(await out.getAttribute('min'), '1');

    await out.fill('-3');
    assert.equal(await out.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#inspector [data-field="out"] .field-message').textContent() ?? '', /at least 1/);
    await out.press('Enter');
    await builder.settle();
    assert.equal(builder.messagesOf('setLayerValue').length, 0, 'an invalid value is not sent');

    await out.fill('16');
    assert.equal(await out.getAttribute('aria-invalid'), null);
    await out.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 1, 'setLayerValue');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('setLayerValue')[0], { type: 'setLayerValue', id: 'fc1', key: 'out', value: 16 });
    assert.match(builder.text, /"id": "fc1", "in": 2, "out": 16 }/);
    // fc2 stated the old width, 8: the same edit (one undo step) sets it to 16, so nothing breaks
    assert.equal(builder.edits.length, 1);
    assert.equal(builder.text, XOR_MODEL.replace('"in": 2, "out": 8', '"in": 2, "out": 16').replace('"in": 8, "out": 2', '"in": 16, "out": 2'));
    await builder.waitForPage('document.querySelectorAll(".layer-card")[2].querySelector(".card-settings").textContent === "16 → 2"');
    assert.equal(await page.locator('.layer-card.has-error').count(), 0);

    // bias checkbox (vscode-checkbox) and a duplicate id
    await page.locator('#inspector vscode-checkbox[name="bias"]').click();
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 2, 'bias setLayerValue');
    assert.deepEqual(builder.messagesOf('setLayerValue')[1], { type: 'setLayerValue', id: 'fc1', key: 'bias', value: false });
    const id = page.locator('#inspector input[name="id"]');
    await id.fill('relu1');
    assert.match(await page.locator('#inspector [data-field="id"] .field-message').textContent() ?? '', /taken/);
    await id.fill('input_layer');
    await id.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 3, 'id setLayerValue');
    await builder.settle();
    assert.equal(readModel(builder.text).model?.layers[0].id, 'input_layer');
    assert.equal(await page.locator('.layer-card.selected .card-id').textContent(), 'input_layer', 'the renamed layer stays selected');
    await builder.finish();
  });

  it('shows the document\'s value in the focused field after an undo or redo, and keeps what is being typed through other changes', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('.layer-card').nth(0).click();
    const out = page.locator('#inspector input[name="out"]');
    const cardWidth = page.locator('.layer-card').nth(0).locator('.card-width');
    const focusedField = () => builder.evaluate<string>('document.activeElement.name');
    await out.fill('16');
    await out.press('Enter');
    await builder.waitFor(() => builder.edits.length === 1, 'the edit');
    await builder.settle();
    assert.equal(await cardWidth.textContent(), '→ 16');
    const edited = builder.text;

    // Ctrl+Z with the field still focused: VS Code undoes the document's edit, card and field both show it
    assert.equal(await focusedField(), 'out');
    await builder.undo();
    assert.equal(await cardWidth.textContent(), '→ 8');
    assert.equal(await out.inputValue(), '8', 'the focused field shows the undone value');
    assert.equal(await focusedField(), 'out', 'and keeps the focus');
    await builder.setText(edited); // redo
    assert.equal(await out.inputValue(), '16', 'the focused field shows the redone value');
    await builder.setText(XOR_MODEL); // undo again
    assert.equal(await out.inputValue(), '8');

    // a change elsewhere in the document leaves what is being typed alone
    await out.fill('32');
    await builder.setText(builder.text.replace('"lr": 0.05', '"lr": 0.01'));
    assert.equal(await out.inputValue(), '32');
    await out.press('Enter');
    await builder.waitFor(() => builder.edits.length === 2, 'the second edit');
    await builder.settle();
    assert.deepEqual(readModel(builder.text).model?.layers[0], { type: 'Linear', id: 'fc1', in: 2, out: 32 });
    // an undo while typing: the document wins over the uncommitted text
    await out.fill('7');
    await builder.undo();
    assert.equal(await out.inputValue(), '8');
    assert.equal(await out.getAttribute('aria-invalid'), null);
    await builder.finish();
  });

  it('edits the model\'s name and description; emptying one removes it from the file', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const name = page.locator('#model-panel input[name="model-name"]');
    const description = page.locator('#model-panel textarea[name="model-description"]');
    assert.equal(await name.inputValue(), 'XOR');
    assert.equal(await description.inputValue(), '');

    await name.fill('XOR classifier');
    await name.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 1, 'name setValue');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('setValue')[0], { type: 'setValue', path: ['name'], value: 'XOR classifier' });
    assert.equal(readModel(builder.text).model?.name, 'XOR classifier');

    // a description is a text area: Enter starts a line, leaving the field writes it
    await description.fill('Two inputs, "exclusive or".');
    await description.press('Enter');
    await description.pressSequentially('A classic.');
    await description.press('Tab');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 2, 'description setValue');
    await builder.settle();
    assert.equal(readModel(builder.text).model?.description, 'Two inputs, "exclusive or".\nA classic.');
    assert.match(builder.text, /"name": "XOR classifier",\n  "description": "Two inputs, \\"exclusive or\\".\\nA classic.",\n  "input"/);

    await name.fill('');
    await name.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 3, 'empty name setValue');
    await builder.settle();
    assert.equal(readModel(builder.text).model?.name, undefined);
    assert.doesNotMatch(builder.text, /"name"/, 'an emptied name is removed, not written as ""');
    await builder.finish();
  });

  it('changes loss, optimizer (with the seed\'s defaults) and training settings', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await page.locator('#model-panel select[name="optimizer"]').selectOption('Momentum');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 1, 'optimizer setValue');
    await builder.settle();
    assert.deepEqual(builder.messagesOf('setValue')[0], { type: 'setValue', path: ['optimizer'], value: { type: 'Momentum', lr: 0.05, momentum: 0.9 } });
    assert.deepEqual(readModel(builder.text).model?.optimizer, { type: 'Momentum', lr: 0.05, momentum: 0.9 });
    assert.equal(await page.locator('#model-panel input[name="optimizer-momentum"]').inputValue(), '0.9');
    assert.equal(await page.locator('#model-panel input[name="optimizer-momentum"]').getAttribute('placeholder'), '0.9');

    const epochs = page.locator('#model-panel input[name="epochs"]');
    assert.equal(await epochs.inputValue(), '20');
    await epochs.fill('5');
    await epochs.press('Tab');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 2, 'epochs setValue');
    assert.deepEqual(builder.messagesOf('setValue')[1], { type: 'setValue', path: ['training', 'epochs'], value: 5 });

    const split = page.locator('#model-panel input[name="validationSplit"]');
    await split.fill('1');
    assert.match(await page.locator('#model-panel [data-field="validationSplit"] .field-message').textContent() ?? '', /below 1/);

    await page.locator('#model-panel select[name="loss"]').selectOption('MSE');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 3, 'loss setValue');
    await builder.settle();
    assert.equal(readModel(builder.text).model?.loss.type, 'MSE');
    await builder.finish();
  });

  it('picks a generated set, shows its options and a preview', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    assert.ok(await builder.evaluate<number>(paintedPixels('#data-panel canvas')) > 100, 'the XOR preview is drawn');
    assert.match(await page.locator('#data-panel figure.preview figcaption').textContent() ?? '', /200 samples, 2 features, classification/);
    await page.locator('#data-panel select[name="data-builtin"]').selectOption('spiral');
    await builder.waitFor(() => builder.messagesOf('setData').length === 1, 'setData');
    await builder.settle();
    assert.deepEqual(readModel(builder.text).model?.data, { source: 'builtin:spiral' });
    assert.equal(await page.locator('#data-panel input[name="data-classes"]').getAttribute('placeholder'), '3');
    await page.locator('#data-panel input[name="data-samples"]').fill('90');
    await page.locator('#data-panel input[name="data-samples"]').press('Enter');
    await builder.waitFor(() => builder.messagesOf('setValue').length === 1, 'samples setValue');
    await builder.settle();
    assert.match(await page.locator('#data-panel figure.preview figcaption').textContent() ?? '', /90 samples/);
    await builder.finish();
  });

  it('picks a CSV file from the workspace, shows its columns and first rows, and sets the target', async () => {
    builder = await pages.open({
      text: XOR_MODEL,
      csvFiles: ['data/iris.csv'],
      csvPreviews: {
        'data/iris.csv': {
          path: 'data/iris.csv',
          columns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'],
          rows: [['5.1', '3.5', '1.4', '0.2', 'setosa'], ['7.0', '3.2', '4.7', '1.4', 'versicolor']],
        },
      },
    });
    const page = builder.page;
    await page.locator('#data-panel select[name="data-kind"]').selectOption('csv');
    await page.locator('#data-panel select[name="data-csv"]').selectOption('data/iris.csv');
    await builder.waitFor(() => builder.messagesOf('setData').length === 1, 'setData');
    await builder.settle();
    assert.deepEqual(readModel(builder.text).model?.data, { source: 'data/iris.csv', normalize: 'standard' });
    await page.waitForSelector('#data-panel table');
    assert.deepEqual(await page.locator('#data-panel thead th').allTextContents(), ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    assert.equal(await page.locator('#data-panel tbody tr').count(), 2);
    await page.locator('#data-panel select[name="data-target"]').selectOption('species');
    await builder.waitFor(() => builder.messagesOf('setData').length === 2, 'target setData');
    await builder.settle();
    assert.equal(readModel(builder.text).model?.data?.target, 'species');
    assert.equal(await page.locator('#data-panel th.target-column').textContent(), 'species (target)');
    await builder.finish();
  });

  it('draws the layer and optimizer formulas legibly in the high-contrast theme', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    await switchTheme(page, HIGH_CONTRAST_THEME, 'vscode-high-contrast');
    await page.locator('.layer-card').nth(0).click();
    // the layer's formula in the inspector, the optimizer's and the training controls' in the model panel
    await builder.waitForPage('document.querySelector("#inspector .formula") !== null');
    // each formula's text colour against the background it is painted on (its own or the nearest ancestor's)
    const pairs = await builder.evaluate<{ text: string; colour: string; background: string }[]>(`[...document.querySelectorAll('.formula')].filter((element) => element.checkVisibility()).map((element) => {
      let painted = element;
      while (painted && getComputedStyle(painted).backgroundColor === 'rgba(0, 0, 0, 0)') painted = painted.parentElement;
      return { text: element.textContent, colour: getComputedStyle(element).color, background: painted ? getComputedStyle(painted).backgroundColor : 'none' };
    })`);
    for (const pair of pairs) {
      assert.ok(pair.text.length > 0);
      assert.notEqual(pair.colour, pair.background, `"${pair.text}" is drawn in its background's colour`);
    }
    await builder.finish();
  });

  it('describes each palette entry with its formula on hover, and walks the palette with the arrows', async () => {
    builder = await pages.open({ text: XOR_MODEL });
    const page = builder.page;
    const entry = page.locator('.palette-entry[data-layer-type="LeakyReLU"]');
    assert.equal(await entry.locator('.tooltip').isVisible(), false);
    await entry.hover();
    assert.equal(await entry.locator('.tooltip').isVisible(), true);
    assert.match(await entry.locator('.tooltip-formula').textContent() ?? '', /slope·x/);
    assert.deepEqual(await page.locator('.palette-group-title').allTextContents(), PALETTE_GROUPS);
    // arrows move through the entries (Linear, then the Convolution group's first), Enter appends the focused one
    await page.locator('#palette-filter').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await builder.evaluate<string>('document.activeElement.dataset.layerType'), 'Conv2D');
    await page.keyboard.press('Enter');
    await builder.waitFor(() => builder.messagesOf('insertLayer').length === 1, 'insertLayer');
    assert.deepEqual(builder.messagesOf('insertLayer')[0], { type: 'insertLayer', layerType: 'Conv2D', place: { at: 'end' } });
    await builder.finish();
  });

  it('builds the palette, the inspector form and the cards from the layer descriptors', async () => {
    builder = await pages.open({ text: XOR_MODEL.replace('{ "type": "ReLU", "id": "relu1" }', '{ "type": "BatchNorm", "id": "bn1", "momentum": 0.2 }') });
    const page = builder.page;
    // one palette entry per descriptor, in its group, with its explanation and formula as the hover text
    const entries = await page.locator('.palette-entry').evaluateAll((buttons) => buttons.map((button) => ({
      type: button.getAttribute('data-layer-type'),
      group: button.closest('.palette-group')?.querySelector('.palette-group-title')?.textContent,
      icon: button.querySelector('.codicon')?.className,
      explanation: button.querySelector('.tooltip-description')?.textContent,
      formula: button.querySelector('.tooltip-formula')?.textContent,
    })));
    const byGroup = (list: { group: string }[]) => PALETTE_GROUPS.flatMap((group) => list.filter((entry) => entry.group === group));
    assert.deepEqual(entries, byGroup(LAYER_DESCRIPTORS.map((descriptor) => ({
      type: descriptor.type, group: descriptor.group, icon: `codicon codicon-${descriptor.codicon}`, explanation: descriptor.explanation, formula: descriptor.formula,
    }))));
    // the inspector's fields are the descriptor's settings, with their labels, ranges and defaults
    await page.locator('.layer-card[data-layer-id="bn1"]').click();
    const fields = await page.locator('#inspector .field').evaluateAll((elements) => elements.map((element) => {
      const input = element.querySelector('input');
      return [element.getAttribute('data-field'), element.querySelector('label')?.textContent, input?.getAttribute('placeholder') ?? null, input?.value];
    }));
    assert.deepEqual(fields, [
      ['id', 'Id', null, 'bn1'],
      ['features', batchNorm.settings.features.label, '8', ''],
      ['eps', batchNorm.settings.eps.label, String(batchNorm.settings.eps.default), ''],
      ['momentum', batchNorm.settings.momentum.label, String(batchNorm.settings.momentum.default), '0.2'],
    ]);
    assert.equal(await page.locator('#inspector [data-field="momentum"] .field-message').textContent(),
      'The weight of the newest batch in the running mean and variance: between 0 and 1.');
    assert.equal(await page.locator('#inspector .formula').textContent(), batchNorm.formula);
    assert.equal(await page.locator('.layer-card[data-layer-id="bn1"] .codicon').first().getAttribute('class'), `codicon codicon-${batchNorm.codicon}`);
    await builder.finish();
  });
});
