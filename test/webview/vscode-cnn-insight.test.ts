/**
 * End to end in the real VS Code (code-server 4.100.3): the digits CNN on its CSV trains in the extension's worker,
 * and the builder then shows the first convolution's filters, the feature maps of the held-out image picked (the
 * host reads the images in a worker of its own) and the misclassified validation images.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { builderFrame, openFile } from './workbench';

describe('a trained CNN in a real VS Code (code-server)', function () {
  this.timeout(10 * 60_000);
  const session = useVsCodeSession('cnn-insight');

  it('trains the digits CNN and shows its filters, the feature maps of a picked image and the misclassified ones', async () => {
    const page = await session.start({ 'nnBuilder.training.saveAfterTraining': false });
    session.copyExample('data/digits.csv');
    // two epochs: enough for the pictures, and some validation images still wrong
    writeFileSync(join(session.workspace, 'digits-cnn.nnjson'), readFileSync(join('examples', 'digits-cnn.nnjson'), 'utf8').replace('"epochs": 40', '"epochs": 2'));

    await openFile(page, 'digits-cnn.nnjson');
    const frame = await builderFrame(page);
    await until(() => frame.locator('#image-insight .filters').textContent(), (text) => (text ?? '').includes('Train the model to see the filters of conv1.'), 'the untrained note');

    await frame.locator('#train-button').click();
    await until(() => frame.locator('#conv-filters canvas').count(), (count) => count === 16, 'the 16 filters of conv1 after training', 5 * 60_000);
    const rows = await until(
      () => frame.locator('#feature-maps .feature-row').evaluateAll((figures) => figures.map((figure) => `${figure.getAttribute('data-layer-id')}:${figure.querySelectorAll('canvas').length}`)),
      (seen) => seen.length === 3,
      'the feature maps the host\'s held-out images give',
    );
    assert.deepEqual(rows, ['conv1:16', 'conv2:32', 'pool1:32']);
    const first = await frame.locator('#feature-maps').getAttribute('data-row');
    await frame.locator('#held-out-images [role="option"]').nth(2).click();
    const picked = await frame.locator('#held-out-images [role="option"]').nth(2).getAttribute('data-row');
    assert.notEqual(picked, first);
    await until(() => frame.locator('#feature-maps').getAttribute('data-row'), (row) => row === picked, 'the maps of the picked image');
    const wrong = await frame.locator('#misclassified-images [role="option"]').count();
    assert.ok(wrong > 0, 'a two-epoch CNN gets some validation digits wrong');
    assert.match(await frame.locator('#misclassified-images [role="option"]').first().getAttribute('aria-label') ?? '', /^Row \d+: true \d, predicted \d$/);
  });
});
