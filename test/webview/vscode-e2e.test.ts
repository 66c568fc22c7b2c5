/**
 * End to end in the real VS Code (code-server 4.100.3) with the extension: open examples/xor.nnjson in the
 * builder, insert a layer by drag and drop, change the optimizer, train and watch the chart grow, undo the
 * training result, save, and check the file on disk. Then a burst of intents at a 2.6 MB model with 20,000
 * epochs of history, where VS Code itself applies (or refuses) each edit. Then a CNN built on a folder of PNGs:
 * the Flatten fix on a card, Conv2D and MaxPool2D dropped from the palette, every shape shown, and training.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { drawShape, SHAPE_CLASSES, SHAPES_IMAGE } from '../../src/data/builtin-shapes';
import { Random } from '../../src/engine/random';
import { readModel } from '../../src/model/reader';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { ExpectedLayers } from '../shared/expected-layers';
import { longHistoryText } from '../shared/big-models';
import { png } from '../shared/image-files';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { builderFrame, openFile } from './workbench';

/** `perClass` grayscale PNGs of each of builtin:shapes' figures under `folder/<class>/`, as torchvision's ImageFolder reads them. */
function writeShapePictures(folder: string, perClass: number): void {
  const [, height, width] = SHAPES_IMAGE;
  const random = new Random(7);
  const pixels = new Float32Array(height * width);
  for (let index = 0; index < perClass * SHAPE_CLASSES.length; index++) {
    const label = drawShape(pixels, index, 0.1, random);
    mkdirSync(join(folder, SHAPE_CLASSES[label]), { recursive: true });
    const picture = png(width, height, (x, y) => {
      const level = Math.round(pixels[y * width + x] * 255);
      return [level, level, level];
    });
    writeFileSync(join(folder, SHAPE_CLASSES[label], `${String(index).padStart(3, '0')}.png`), picture);
  }
}

describe('builder in a real VS Code (code-server)', function () {
  this.timeout(10 * 60_000);
  const session = useVsCodeSession('e2e');
  const cspViolations: string[] = [];

  /** The workbench of the tests before, or a new one when a test runs alone. */
  async function workbench(): Promise<Page> {
    if (session.page) return session.page;
    const page = await session.start({ 'nnBuilder.training.saveAfterTraining': false });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  it('edits by drag and drop, trains with a growing chart, undoes, saves, and the file on disk agrees', async () => {
    const page = await workbench();
    const file = join(session.workspace, 'xor.nnjson');
    copyFileSync(join('examples', 'xor.nnjson'), file);
    const original = readFileSync(file, 'utf8');

    await openFile(page, 'xor.nnjson');
    const frame = await builderFrame(page);
    await until(() => frame.locator('.layer-card').count(), (count) => count === 4, 'the four XOR layers');

    // drag Dropout onto the lower half of relu1's card
    const relu = frame.locator('.layer-card').nth(1);
    const box = await relu.boundingBox();
    assert.ok(box);
    await frame.locator('.palette-entry[data-layer-type="Dropout"]').dragTo(relu, { targetPosition: { x: 20, y: box.height - 4 } });
    await until(() => frame.locator('.layer-card').count(), (count) => count === 5, 'the inserted layer');
    assert.equal(await frame.locator('.layer-card').nth(2).locator('.card-id').textContent(), 'drop1');
    // the builder's keys reach it inside VS Code (Ctrl+D is not taken by the editor's own binding)
    await frame.locator('.layer-card').nth(2).click();
    await page.keyboard.press('Control+d');
    await until(() => frame.locator('.layer-card').count(), (count) => count === 6, 'the duplicated layer');
    await frame.locator('.layer-card').nth(3).click();
    await page.keyboard.press('Delete');
    await until(() => frame.locator('.layer-card').count(), (count) => count === 5, 'the removed duplicate');

    await frame.locator('#model-panel select[name="optimizer"]').selectOption('Momentum');
    await until(() => frame.locator('#model-panel input[name="optimizer-momentum"]').count(), (count) => count === 1, 'the momentum field');
    // enough epochs (a few seconds) for the chart to be seen growing
    const epochs = frame.locator('#model-panel input[name="epochs"]');
    await epochs.fill('3000');
    await epochs.press('Enter');
    await until(() => epochs.inputValue(), (value) => value === '3000', 'epochs 3000');

    await frame.locator('#train-button').click();
    const seen = new Set<number>();
    // what fc1's first unit computes over the plane (its picture's opacities), as the run redraws it
    const pictures = new Set<string>();
    const firstPicture = `(() => {
      const canvas = document.querySelector('.layer-card[data-layer-id="fc1"] canvas.neuron-picture');
      return canvas ? Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 3)).join(',') : '';
    })()`;
    await until(async () => {
      const value = Number(await frame.locator('#loss-chart').getAttribute('data-epochs'));
      seen.add(value);
      if (value < 3000) pictures.add(await frame.evaluate<string>(firstPicture));
      const idle = (await frame.locator('#train-button').getAttribute('disabled')) === null;
      return { value, idle };
    }, ({ value, idle }) => value === 3000 && idle, 'the end of training', 8 * 60_000);
    const intermediate = [...seen].filter((value) => value > 0 && value < 3000);
    assert.ok(intermediate.length > 0, `the chart grew during training (saw ${[...seen].join(', ')})`);
    pictures.delete('');
    assert.ok(pictures.size >= 2, `the neuron pictures changed during training (${pictures.size} different)`);
    // one picture per hidden unit: fc1, relu1 and drop1 have 8, fc2 has 2; the output layer has the boundary
    await until(() => frame.locator('.layer-card canvas.neuron-picture').count(), (count) => count === 26, 'the neuron pictures of the trained model');
    const picture = frame.locator('.layer-card[data-layer-id="fc1"] canvas.neuron-picture').first();
    const small = (await picture.boundingBox())!.width;
    await picture.hover();
    const enlarged = (await picture.boundingBox())!.width;
    assert.ok(enlarged >= 4 * small, `hovering a neuron picture enlarges it: ${small} → ${enlarged}`);

    // undo the training result (it is one edit of the document), then save
    await frame.locator('.layer-card').nth(0).click();
    await page.keyboard.press('Control+Z');
    await until(() => frame.locator('#stats-table').count(), (count) => count === 0, 'the parameters to be undone');
    const afterTraining = readFileSync(file, 'utf8');
    await page.keyboard.press('Control+S');
    const saved = await until(
      () => Promise.resolve(readFileSync(file, 'utf8')),
      (text) => text !== original && !text.includes('"parameters"'),
      `the save (on disk after training: ${afterTraining.length} characters, parameters ${afterTraining.includes('"parameters"')})`,
      60_000,
    );
    const { model, diagnostics } = readModel(saved);
    assert.ok(model, diagnostics.map((d) => d.message).join('; '));
    assert.deepEqual(model.layers.map((layer) => layer.id), ['fc1', 'relu1', 'drop1', 'fc2', 'softmax']);
    assert.equal(model.optimizer.type, 'Momentum');
    assert.equal(model.training?.epochs, 3000);
    assert.equal(model.parameters, undefined, 'the undone training result is not saved');
    assert.equal(model.history, undefined);
    assert.deepEqual(cspViolations, []);
  });

  it('applies a burst of moves, duplicates, width edits and deletes at a 20,000-epoch model, none lost, in order', async () => {
    const page = session.page;
    assert.ok(page, 'the session of the test before');
    // keys typed into the builder stay in its frame: give the focus back to the workbench (the editor's tab)
    await page.locator('.tab.active').click();
    const file = join(session.workspace, 'long.nnjson');
    const original = longHistoryText(20_000);
    writeFileSync(file, original);
    await openFile(page, 'long.nnjson');
    const frame = await builderFrame(page);
    await until(() => frame.locator('.layer-card').count(), (count) => count === 6, 'the six layers');
    const expected = new ExpectedLayers(readModel(original).model!.layers.map((layer) => ({ ...layer })));
    const card = (id: string) => frame.locator(`.layer-card[data-layer-id="${id}"]`);
    // A click lands where the mouse is when it goes down. While documents are still coming back the list shifts
    // under it, as under a user's mouse, and the click can take the card beside the one meant: click until the
    // card meant is the selected, focused one (the keys act on the focused card).
    const choose = async (id: string) => {
      for (let attempt = 1; ; attempt++) {
        await card(id).click();
        const chosen = () => frame.evaluate<boolean>(`(() => { const card = document.activeElement; return card?.dataset.layerId === ${JSON.stringify(id)} && card.getAttribute('aria-selected') === 'true'; })()`).catch(() => false);
        if (await until(chosen, (yes) => yes, `${id} chosen`, 2_000).catch(() => false)) return;
        if (attempt === 10) throw new Error(`could not choose ${id}`);
      }
    };

    // presses do not wait for the document to come back (fc2 never reaches an end, where no move is sent)
    await choose('fc2');
    for (const by of [1, 1, -1, 1, -1, -1, -1, 1, 1, -1, 1, 1, -1, 1, -1, -1]) {
      await page.keyboard.press(by > 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      expected.move('fc2', by);
    }
    // a duplicate takes the selection when its document comes back: choose fc2 again for each one
    for (let i = 0; i < 3; i++) {
      await choose('fc2');
      await page.keyboard.press('Control+d');
      expected.duplicate('fc2');
    }
    await choose('fc2');
    const out = frame.locator('#inspector input[name="out"]');
    for (const width of [7, 9, 12, 5, 11, 24, 6, 10]) {
      await out.fill(String(width));
      await out.press('Enter');
      expected.set('fc2', 'out', width);
    }
    for (const id of ['fc5', 'relu1']) {
      await choose(id);
      await page.keyboard.press('Delete');
      expected.remove(id);
    }
    await choose('fc2');
    for (const by of [1, -1, 1, 1, -1, -1, 1, -1, 1, -1, 1, -1, -1, 1, 1, -1]) {
      await page.keyboard.press(by > 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      expected.move('fc2', by);
    }

    // a last width seen nowhere before: once it shows, every intent before it has been applied (the moves up and
    // down pass through the final order several times on the way)
    await choose('fc2');
    // the inspector is drawn again as each move comes back: type until the field holds the width, then press Enter
    await until(async () => { await out.fill('33'); return out.inputValue(); }, (value) => value === '33', 'the width typed');
    await out.press('Enter');
    expected.set('fc2', 'out', 33);
    const shown = () => frame.locator('.layer-card .card-id').allTextContents();
    await until(() => card('fc2').locator('.card-width').textContent(), (text) => text === '→ 33', 'the last intent applied', 120_000);
    assert.deepEqual(await shown(), expected.layers.map((layer) => layer.id), 'the builder shows every intent applied');
    await page.keyboard.press('Control+S');
    // a 2.6 MB save takes a moment to land on disk: wait for a whole model with the last width (the workbench may
    // have saved an earlier state meanwhile: seen in code-server during bursts of Alt+arrow keys)
    const lastWidth = (read: NnJsonModel | undefined) => read?.layers.find((layer) => layer.id === 'fc2');
    const model = await until(() => Promise.resolve(readModel(readFileSync(file, 'utf8')).model), (read) => {
      const fc2 = lastWidth(read);
      return fc2?.type === 'Linear' && fc2.out === 33;
    }, 'the save', 60_000);
    assert.ok(model);
    assert.deepEqual(model.layers, expected.layers, `the file holds every intent, applied to the layer meant, in order (the builder shows ${JSON.stringify(await shown())})`);
    assert.equal(model.history?.length, 20_000, 'the history is untouched');
    // each change that left trained tensors without a fit dropped them in the same edit: none is left unfit
    const unfit = readModel(readFileSync(file, 'utf8')).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(unfit.map((d) => d.message), []);
  });

  it('builds a CNN on a folder of PNGs: the Flatten fix on a card, Conv2D and MaxPool2D dropped in, every shape, and the loss falls', async () => {
    const page = await workbench();
    // keys typed into a builder stay in its frame: give the focus back to the workbench for Quick Open
    if (await page.locator('.tab.active').count() > 0) await page.locator('.tab.active').click();
    writeShapePictures(join(session.workspace, 'pictures'), 30);
    // a dense classifier on the pictures: its Linear cannot take the 1×16×16 images until a Flatten comes before it
    writeFileSync(join(session.workspace, 'pictures.nnjson'), `{
  "format": "nnjson",
  "version": 1,
  "name": "Shapes",
  "input": { "shape": [1, 16, 16] },
  "layers": [
    { "type": "Linear", "id": "fc1", "out": 4 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.01 },
  "training": { "epochs": 15, "batchSize": 16, "shuffle": true, "validationSplit": 0.2, "seed": 1 },
  "data": { "source": "./pictures" }
}
`);
    await openFile(page, 'pictures.nnjson');
    const frame = await builderFrame(page);
    const card = (id: string) => frame.locator(`.layer-card[data-layer-id="${id}"]`);
    const shapes = () => frame.locator('.layer-card .card-width').allTextContents();
    await until(() => frame.locator('#network-input').textContent(), (text) => /1×16×16 image\s*· from pictures/.test(text ?? ''), 'the image input and its folder');
    assert.match(await card('fc1').locator('.card-problem').textContent() ?? '', /fc1: Linear takes one dimension of features but the shape coming in is \[1, 16, 16\]: flatten it first/);

    const fix = card('fc1').locator('.fix-layer');
    assert.equal(await fix.textContent(), 'Insert a Flatten layer before fc1 (1×16×16 → 256 features)');
    await fix.click();
    await until(shapes, (seen) => seen.join(' ') === '→ 256 → 4 → 4', 'the Flatten the fix inserts');
    assert.equal(await frame.locator('.card-problem').count(), 0);

    // Conv2D onto the upper half of the Flatten's card: it goes before the Flatten
    await frame.locator('.palette-entry[data-layer-type="Conv2D"]').dragTo(card('flatten1'), { targetPosition: { x: 30, y: 10 } });
    await until(shapes, (seen) => seen.join(' ') === '→ 8×14×14 → 1568 → 4 → 4', 'the Conv2D before the Flatten');
    assert.equal(await card('conv1').locator('.card-settings').textContent(), '1 → 8, 3×3');
    // MaxPool2D onto the lower half of the Conv2D's card: it goes after it
    const convBox = await card('conv1').boundingBox();
    assert.ok(convBox);
    await frame.locator('.palette-entry[data-layer-type="MaxPool2D"]').dragTo(card('conv1'), { targetPosition: { x: 30, y: convBox.height - 6 } });
    await until(shapes, (seen) => seen.join(' ') === '→ 8×14×14 → 8×7×7 → 392 → 4 → 4', 'the MaxPool2D after the Conv2D');
    assert.deepEqual(await frame.locator('.layer-card .card-id').allTextContents(), ['conv1', 'maxpool1', 'flatten1', 'fc1', 'softmax']);
    assert.deepEqual(await frame.locator('.layer-card .card-params').allTextContents(), ['80 params', '0 params', '0 params', '1,572 params', '0 params']);
    assert.equal(await frame.locator('.layer-card.has-error').count(), 0);

    await frame.locator('#train-button').click();
    // the chart's label names the first and the last epoch's loss, however fast the run went by
    const end = await until(async () => {
      const chart = frame.locator('#loss-chart');
      const idle = (await frame.locator('#train-button').getAttribute('disabled')) === null;
      return { epochs: Number(await chart.getAttribute('data-epochs')), idle, label: await chart.getAttribute('aria-label') ?? '' };
    }, ({ epochs, idle }) => epochs === 15 && idle, 'the end of training', 5 * 60_000);
    const [, first, last] = /first loss ([\d.e+-]+), last loss ([\d.e+-]+)/.exec(end.label)?.map(Number) ?? [];
    assert.ok(last < 0.8 * first, `the loss falls: ${end.label}`);
    assert.equal(await frame.locator('.layer-card.has-error').count(), 0);

    // inside the trained CNN: conv1's 8 filters, and the feature maps of a held-out picture for conv1 and maxpool1
    await until(() => frame.locator('#conv-filters canvas').count(), (count) => count === 8, 'the 8 filters of conv1 after training', 2 * 60_000);
    await until(
      () => frame.locator('#feature-maps .feature-row').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-layer-id')}:${row.querySelectorAll('canvas').length}`)),
      (rows) => rows.join(' ') === 'conv1:8 maxpool1:8',
      'the feature maps of a held-out picture',
      2 * 60_000,
    );
    const firstPicked = await frame.locator('#feature-maps').getAttribute('data-row');
    const other = frame.locator('#held-out-images [role="option"]').nth(1);
    const otherRow = await other.getAttribute('data-row');
    assert.notEqual(otherRow, firstPicked);
    await other.click();
    await until(() => frame.locator('#feature-maps').getAttribute('data-row'), (row) => row === otherRow, 'the maps of the picture picked');
    assert.deepEqual(cspViolations, []);
  });
});
