/**
 * The builder page in headless Chromium: shape errors of an image model on their cards, each with its one-click
 * fix (the one the Problems panel offers too), by mouse and by keyboard; and convolution layers dropped from the palette.
 */
import * as assert from 'node:assert/strict';
import { readModel } from '../../src/model/reader';
import { BuilderPage, useBuilderPages } from './harness';

/** An image model with a problem in three layers, each of which shows once the one before it is fixed. */
const BROKEN_CNN = `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 8, 8] },
  "layers": [
    { "type": "Conv2D", "id": "conv1", "inChannels": 3, "outChannels": 4, "kernelSize": 3 },
    { "type": "MaxPool2D", "id": "pool1", "kernelSize": 2 },
    { "type": "Conv2D", "id": "conv2", "outChannels": 8, "kernelSize": 5 },
    { "type": "Linear", "id": "fc1", "in": 64, "out": 10 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.001 }
}
`;

const card = (id: string) => `.layer-card[data-layer-id="${id}"]`;

/** The titles of the fix buttons on the card of layer `id`. */
function fixTitles(builder: BuilderPage, id: string): Promise<string[]> {
  return builder.page.locator(`${card(id)} .fix-layer`).allTextContents();
}

/** Waits until the document has `edits` edits, and checks the last one made the text `expected`. */
async function expectText(builder: BuilderPage, edits: number, expected: string): Promise<void> {
  await builder.waitFor(() => builder.edits.length === edits, `edit ${edits}`);
  await builder.settle();
  assert.equal(builder.text, expected);
}

describe('builder webview: shape fixes', function () {
  this.timeout(60000);
  const pages = useBuilderPages();

  it('fixes the channels, a kernel that does not fit and a Linear after an image, one click and one small edit each', async () => {
    const builder = await pages.open({ text: BROKEN_CNN });
    const page = builder.page;
    assert.match(await page.locator(`${card('conv1')} .card-problem`).textContent() ?? '', /conv1: Conv2D's inChannels is 3 but the \[1, 8, 8\] coming in has 1 channels/);
    assert.deepEqual(await fixTitles(builder, 'conv1'), ['Set conv1.inChannels to 1 (the 1 channel coming in)']);

    await page.locator(`${card('conv1')} .fix-layer`).click();
    let expected = BROKEN_CNN.replace('"inChannels": 3', '"inChannels": 1');
    await expectText(builder, 1, expected);
    assert.deepEqual(builder.messagesOf('fixLayer'), [{ type: 'fixLayer', id: 'conv1', title: 'Set conv1.inChannels to 1 (the 1 channel coming in)' }]);
    await builder.waitForPage(`!document.querySelector('${card('conv1')}').classList.contains('has-error')`);
    assert.equal(await page.locator(`${card('conv1')} .card-width`).textContent(), '→ 4×6×6');

    // conv2 now knows its input: 4×3×3 after the pool, too small for its 5×5 kernel
    assert.match(await page.locator(`${card('conv2')} .card-problem`).textContent() ?? '', /kernelSize 5×5 is larger than its padded input 3×3/);
    assert.deepEqual(await fixTitles(builder, 'conv2'), [
      'Set conv2.kernelSize to 3 (the largest that fits the 3×3 input)',
      'Set conv2.padding to 2 (half the 5×5 kernel: the 3×3 input padded to 7×7)',
    ]);
    await page.locator(`${card('conv2')} .fix-layer`).first().click();
    expected = expected.replace('"outChannels": 8, "kernelSize": 5', '"outChannels": 8, "kernelSize": 3');
    await expectText(builder, 2, expected);
    assert.equal(await page.locator(`${card('conv2')} .card-width`).textContent(), '→ 8×1×1');
    assert.equal(await page.locator(`${card('conv2')} .card-problem`).count(), 0);

    // fc1, an MLP's head stating the 64 pixels, after an image: a Flatten before it and its in set to 8·1·1
    assert.match(await page.locator(`${card('fc1')} .card-problem`).textContent() ?? '', /fc1: Linear takes one dimension of features but the shape coming in is \[8, 1, 1\]: flatten it first/);
    const flattenFix = 'Insert a Flatten layer before fc1 and set fc1.in to 8 (8×1×1 flattened)';
    assert.deepEqual(await fixTitles(builder, 'fc1'), [flattenFix]);
    await page.locator(`${card('fc1')} .fix-layer`).click();
    expected = expected.replace('    { "type": "Linear", "id": "fc1", "in": 64', '    { "type": "Flatten", "id": "flatten1" },\n    { "type": "Linear", "id": "fc1", "in": 8');
    await expectText(builder, 3, expected);
    assert.equal(builder.edits[2].length <= 2, true, `an inserted line and a changed number: ${JSON.stringify(builder.edits[2])}`);
    const { model, diagnostics } = readModel(builder.text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model?.layers.map((layer) => layer.id), ['conv1', 'pool1', 'conv2', 'flatten1', 'fc1', 'softmax']);
    await builder.waitForPage('document.querySelectorAll(".layer-card.has-error, .card-problem").length === 0');
    assert.equal(await page.locator(`${card('flatten1')} .card-width`).textContent(), '→ 8');
    assert.equal(await page.locator('#network-output .io-width').textContent(), '10 wide');
    await builder.finish();
  });

  it('reaches a card\'s fixes from the keyboard: Ctrl+. on the card, Tab to the next, Enter applies', async () => {
    const text = BROKEN_CNN.replace('"inChannels": 3, ', '')
      .replace('{ "type": "MaxPool2D", "id": "pool1", "kernelSize": 2 }', '{ "type": "BatchNorm", "id": "bn1", "features": 8 }')
      .replace('"kernelSize": 5', '"kernelSize": 3');
    const builder = await pages.open({ text });
    const page = builder.page;
    assert.deepEqual(await fixTitles(builder, 'bn1'), ['Set bn1.features to 4 (the 4 channels coming in)']);
    await page.locator(card('bn1')).focus();
    await page.keyboard.press('Control+.');
    assert.equal(await builder.evaluate<string>('document.activeElement.textContent'), 'Set bn1.features to 4 (the 4 channels coming in)');
    await page.keyboard.press('Enter');
    await expectText(builder, 1, text.replace('"features": 8', '"features": 4'));

    // now fc1 (after conv2's 8×4×4) needs its Flatten: Tab from the card reaches its fix, Space presses it
    await page.locator(card('fc1')).focus();
    await page.keyboard.press('Tab');
    assert.equal(await builder.evaluate<string>('document.activeElement.getAttribute("aria-label")'),
      'Fix: Insert a Flatten layer before fc1 and set fc1.in to 128 (8×4×4 flattened)');
    await page.keyboard.press('Space');
    await builder.waitFor(() => builder.edits.length === 2, 'the Flatten fix');
    await builder.settle();
    assert.deepEqual(readModel(builder.text).diagnostics, []);
    await builder.finish();
  });

  it('inserts Conv2D, MaxPool2D and Flatten dragged from the palette into an image model, each shape after them shown', async () => {
    const text = BROKEN_CNN.replace(/"layers": \[[\s\S]*?\n {2}\]/, `"layers": [
    { "type": "Linear", "id": "fc1", "out": 10 },
    { "type": "SoftMax", "id": "softmax" }
  ]`);
    const builder = await pages.open({ text });
    const page = builder.page;
    assert.equal(await page.locator('#network-input .io-width').textContent(), '1×8×8 image');
    /** Drags the palette entry with the mouse, as a person does, onto the upper or lower half of a card. */
    const drop = async (type: string, onto: string, half: 'upper' | 'lower') => {
      const inserts = builder.messagesOf('insertLayer').length;
      await page.locator(`.palette-entry[data-layer-type="${type}"]`).hover();
      // measured once the hover has scrolled the entry into view
      const box = await page.locator(card(onto)).boundingBox();
      assert.ok(box);
      const y = half === 'upper' ? box.y + 10 : box.y + box.height - 10;
      await page.mouse.down();
      await page.mouse.move(box.x + 20, y + (half === 'upper' ? 4 : -4), { steps: 8 });
      await page.mouse.move(box.x + 22, y, { steps: 2 });
      await builder.waitForPage('document.querySelector(".drop-marker") !== null');
      await page.mouse.up();
      await builder.waitFor(() => builder.messagesOf('insertLayer').length === inserts + 1, `${type} inserted`);
      await builder.settle();
    };
    const shapes = () => page.locator('.layer-card .card-width').allTextContents();

    await drop('Conv2D', 'fc1', 'upper');
    assert.deepEqual(builder.messagesOf('insertLayer')[0], { type: 'insertLayer', layerType: 'Conv2D', place: { before: 'fc1' }, via: 'drag' });
    assert.equal(builder.text, text.replace('    { "type": "Linear"', '    { "type": "Conv2D", "id": "conv1", "outChannels": 8, "kernelSize": 3 },\n    { "type": "Linear"'),
      'one new line; inChannels left out, so it follows the image\'s channel');
    assert.equal(await page.locator(`${card('conv1')} .card-settings`).textContent(), '1 → 8, 3×3');
    assert.equal(await page.locator(`${card('conv1')} .card-params`).textContent(), '80 params');
    // the inspector shows the new layer, and says what its empty inChannels means: the channels coming in
    assert.equal(await page.locator('#inspector .inspector-heading strong').textContent(), 'Conv2D');
    assert.equal(await page.locator('#inspector input[name="inChannels"]').getAttribute('placeholder'), '1');
    assert.match(await page.locator('#inspector [data-field="inChannels"] .field-message').textContent() ?? '',
      /Empty: the channels coming in; a number set here must equal them\. Coming in: 1 channel \(1×8×8\)\./);

    await drop('MaxPool2D', 'conv1', 'lower');
    await drop('Flatten', 'fc1', 'upper');
    assert.deepEqual(builder.messagesOf('insertLayer').slice(1).map((message) => [message.layerType, message.place]),
      [['MaxPool2D', { before: 'fc1' }], ['Flatten', { before: 'fc1' }]]);
    await builder.waitForPage('document.querySelectorAll(".layer-card").length === 5');
    assert.deepEqual(await page.locator('.layer-card .card-id').allTextContents(), ['conv1', 'maxpool1', 'flatten1', 'fc1', 'softmax']);
    assert.deepEqual(await shapes(), ['→ 8×6×6', '→ 8×3×3', '→ 72', '→ 10', '→ 10']);
    assert.equal(await page.locator(`${card('maxpool1')} .card-settings`).textContent(), '2×2');
    assert.equal(await page.locator('.layer-card.has-error').count(), 0);
    assert.deepEqual(readModel(builder.text).diagnostics, []);
    await builder.finish();
  });
});
