/**
 * A folder of PNGs in the real VS Code (code-server 4.100.3), from the keyboard: New Model → From images → the
 * folder gives the CNN for images with the pictures' shape and classes, and the builder's data panel shows their
 * labelled thumbnails, read by the extension host.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../src/model/reader';
import { png } from '../shared/image-files';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { answer, builderFrame, runCommand } from './workbench';

const CLASSES = ['cross', 'dot', 'ring'];

/** A 12×12 gray picture of class `label`, shifted by `shift` pixels. */
function picture(label: number, shift: number): Buffer {
  return png(12, 12, (x, y) => {
    const dx = x - 6 - shift;
    const dy = y - 6;
    const on = label === 0 ? dx === 0 || dy === 0 : label === 1 ? dx * dx + dy * dy <= 4 : Math.abs(dx * dx + dy * dy - 16) <= 4;
    const level = on ? 230 : 20;
    return [level, level, level];
  });
}

describe('image data in a real VS Code (code-server)', function () {
  this.timeout(10 * 60_000);
  const session = useVsCodeSession('image-data');

  it('New Model from a folder of PNGs gives the CNN for images, and the data panel shows their labelled thumbnails', async () => {
    const page = await session.start({});
    CLASSES.forEach((name, label) => {
      mkdirSync(join(session.workspace, 'pictures', name), { recursive: true });
      for (let i = 0; i < 4; i++) writeFileSync(join(session.workspace, 'pictures', name, `${name}-${i}.png`), picture(label, i - 2));
    });
    const modelPath = join(session.workspace, 'pictures.nnjson');

    await runCommand(page, 'NN Builder: New Model');
    await answer(page, /Start from your data or a template/, 'From images');
    await answer(page, /The pictures to learn from/, 'pictures');
    await answer(page, /save as/i, undefined);
    await until(() => existsSync(modelPath), (exists) => exists, 'the new model file');
    const { model, diagnostics } = readModel(readFileSync(modelPath, 'utf8'));
    assert.ok(model, diagnostics.map((d) => d.message).join('; '));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(model.input, { shape: [1, 12, 12] }, 'the shape of the gray 12×12 pictures');
    assert.deepEqual(model.data, { source: 'pictures' });
    assert.ok(model.layers.some((layer) => layer.type === 'Conv2D'), 'the CNN for images');
    assert.equal((model.layers.filter((layer) => layer.type === 'Linear').at(-1) as { out: number }).out, 3, 'one output per class');

    const frame = await builderFrame(page);
    const labels = frame.locator('#data-panel .thumbnail-label');
    await until(() => labels.allTextContents(), (texts) => texts.length === 12, 'the twelve thumbnails');
    assert.deepEqual(await labels.allTextContents(), [0, 1, 2, 3].flatMap(() => CLASSES), 'the first of each class in turn');
    assert.equal(await frame.locator('#data-panel select[name="data-kind"]').inputValue(), 'folder');
    assert.equal(await frame.locator('#data-panel .image-grid-caption').textContent(), 'First 12 of 12 images of pictures, the first of each class in turn');
    await until(() => frame.locator('#data-panel .data-facts').textContent(), (text) => text === '12 images of 1×12×12 · 3 classes (cross, dot, ring)', 'the facts line');
    // drawn from the pictures: a thumbnail's canvas holds the 12×12 picture, with light pixels on dark
    const drawn = await frame.evaluate(`(() => {
      const canvas = document.querySelector('#data-panel .thumbnail-canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const levels = [...new Set(Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]))].sort((a, b) => a - b);
      return { width: canvas.width, height: canvas.height, levels };
    })()`);
    assert.deepEqual(drawn, { width: 12, height: 12, levels: [0, 255] });
  });
});
