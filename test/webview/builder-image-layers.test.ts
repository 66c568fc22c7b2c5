/** The builder page in headless Chromium: an image model's convolution settings in the inspector. */
import * as assert from 'node:assert/strict';
import { readModel } from '../../src/model/reader';
import { BuilderPage, useBuilderPages } from './harness';

const CNN_MODEL = `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 8, 8] },
  "layers": [
    { "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": [3, 5], "padding": [1, 2] },
    { "type": "ReLU", "id": "relu1" },
    { "type": "MaxPool2D", "id": "pool1", "kernelSize": 2 },
    { "type": "Flatten", "id": "flatten" },
    { "type": "Linear", "id": "fc1", "out": 10 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.001 }
}
`;

describe('builder webview: convolution settings', function () {
  this.timeout(60000);
  const pages = useBuilderPages();
  let builder: BuilderPage;

  it('shows a kernel of [height, width] as "3, 5", takes one number or two, and refuses what does not fit', async () => {
    builder = await pages.open({ text: CNN_MODEL });
    const page = builder.page;
    await page.locator('.layer-card[data-layer-id="conv1"]').click();
    const kernel = page.locator('#inspector input[name="kernelSize"]');
    assert.equal(await kernel.inputValue(), '3, 5');
    assert.equal(await page.locator('#inspector input[name="padding"]').inputValue(), '1, 2');
    assert.equal(await page.locator('#inspector input[name="stride"]').inputValue(), '', 'left out: its default');

    await kernel.fill('3, 0');
    assert.equal(await kernel.getAttribute('aria-invalid'), '');
    assert.match(await page.locator('#inspector [data-field="kernelSize"] .field-message').textContent() ?? '', /Kernel size must be/);
    await kernel.fill('1, 2, 3');
    assert.match(await page.locator('#inspector [data-field="kernelSize"] .field-message').textContent() ?? '', /one number, or two for height and width/);
    await kernel.press('Enter');
    await builder.settle();
    assert.equal(builder.messagesOf('setLayerValue').length, 0, 'an invalid value is not sent');

    await kernel.fill('3');
    await kernel.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 1, 'one number');
    assert.deepEqual(builder.messagesOf('setLayerValue')[0], { type: 'setLayerValue', id: 'conv1', key: 'kernelSize', value: 3 });
    await builder.settle();
    await kernel.fill('5 x 3');
    await kernel.press('Enter');
    await builder.waitFor(() => builder.messagesOf('setLayerValue').length === 2, 'two numbers');
    await builder.settle();
    const conv = readModel(builder.text).model?.layers[0];
    assert.deepEqual(conv, { type: 'Conv2D', id: 'conv1', outChannels: 4, kernelSize: [5, 3], padding: [1, 2] });
    assert.equal(readModel(builder.text).diagnostics.filter((d) => d.severity === 'error').length, 0);
    await builder.waitForPage('document.querySelector(\'.layer-card[data-layer-id="conv1"] .card-settings\').textContent.includes("5×3")');
    await builder.finish();
  });
});
