/** The builder page in headless Chromium at the editor widths people use: nothing wraps, hides or scrolls. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../src/model/reader';
import { writeModel } from '../../src/model/writer';
import { XOR_MODEL } from './fixtures';
import { BuilderPage, paintedPixels, useBuilderPages } from './harness';
import { recordTrainingRun } from './training-run';

/** examples/iris.nnjson (four features, a CSV) through a wider hidden layer and a dropout: "4 → 64", "320 params", "p 0.2". */
function irisModel(): string {
  const { model } = readModel(readFileSync(join('examples', 'iris.nnjson'), 'utf8'));
  assert.ok(model);
  model.layers = [
    { type: 'Linear', id: 'fc1', in: 4, out: 64 },
    { type: 'ReLU', id: 'relu1' },
    { type: 'Dropout', id: 'drop1', p: 0.2 },
    { type: 'Linear', id: 'fc2', in: 64, out: 3 },
    { type: 'SoftMax', id: 'softmax' },
  ];
  model.training = { ...model.training, epochs: 5 };
  return writeModel(model);
}

interface CardBox { id: string; height: number; rowHeight: number; tallestItem: number; widthX: number; paramsX: number }

async function cardBoxes(builder: BuilderPage): Promise<CardBox[]> {
  return builder.evaluate(`[...document.querySelectorAll('.layer-card')].map((card) => {
    const main = card.querySelector('.card-main');
    const items = [...main.children].map((child) => child.getBoundingClientRect().height);
    return {
      id: card.dataset.layerId,
      height: card.getBoundingClientRect().height,
      rowHeight: main.getBoundingClientRect().height,
      tallestItem: Math.max(...items),
      widthX: card.querySelector('.card-width').getBoundingClientRect().x,
      paramsX: card.querySelector('.card-params').getBoundingClientRect().x,
    };
  })`);
}

interface TableBox { scrollWidth: number; clientWidth: number; hiddenHeaders: string[]; boundaryShown: boolean; firstColumnX: number; gridX: number }

async function parameterTable(builder: BuilderPage): Promise<TableBox> {
  return builder.evaluate(`(() => {
    const stats = document.querySelector('.stats');
    const visible = stats.getBoundingClientRect();
    const grid = document.querySelector('.insight-grid');
    const first = [...grid.children].find((child) => child.offsetParent !== null);
    return {
      scrollWidth: stats.scrollWidth,
      clientWidth: stats.clientWidth,
      hiddenHeaders: [...stats.querySelectorAll('th[scope="col"]')]
        .filter((th) => th.getBoundingClientRect().right > visible.right + 0.5)
        .map((th) => th.textContent),
      boundaryShown: document.querySelector('.boundary').offsetParent !== null,
      firstColumnX: first.getBoundingClientRect().x,
      gridX: grid.getBoundingClientRect().x,
    };
  })()`);
}

describe('builder webview: layout', function () {
  this.timeout(120000);
  const pages = useBuilderPages();
  let iris = '';
  let xor = '';

  before(async () => {
    iris = (await recordTrainingRun(irisModel(), join(process.cwd(), 'examples'))).trainedText;
    xor = (await recordTrainingRun(XOR_MODEL)).trainedText;
  });

  for (const width of [700, 1050, 1280]) {
    it(`keeps every layer card to one row with aligned columns, and the parameter table in view, at ${width} px`, async () => {
      const builder = await pages.open({ text: iris, viewport: { width, height: 900 } });
      // the selected card shows its action buttons: they must fit in its row as well
      await builder.page.locator('.layer-card[data-layer-id="fc1"]').click();
      const cards = await cardBoxes(builder);
      assert.equal(cards.length, 5);
      for (const card of cards) {
        assert.ok(card.rowHeight <= card.tallestItem + 1, `${card.id}: one row (${card.rowHeight} px high, its tallest item ${card.tallestItem} px)`);
        assert.ok(Math.abs(card.height - cards[0].height) < 0.5, `${card.id} is as high as ${cards[0].id}: ${card.height} vs ${cards[0].height}`);
        assert.ok(Math.abs(card.widthX - cards[0].widthX) < 0.5, `${card.id}'s width column lines up: x ${card.widthX} vs ${cards[0].widthX}`);
        assert.ok(Math.abs(card.paramsX - cards[0].paramsX) < 0.5, `${card.id}'s parameter count lines up: x ${card.paramsX} vs ${cards[0].paramsX}`);
      }
      assert.equal(await builder.page.locator('.layer-card[data-layer-id="fc1"] .card-settings').textContent(), '4 → 64');
      assert.equal(await builder.evaluate<boolean>('(() => { const s = document.querySelector(".layer-card .card-settings"); return s.scrollWidth <= s.clientWidth; })()'), true,
        'the settings text is not cut');

      const table = await parameterTable(builder);
      assert.ok(table.scrollWidth <= table.clientWidth, `the parameter table needs no horizontal scroll (${table.scrollWidth} px in ${table.clientWidth} px)`);
      assert.deepEqual(table.hiddenHeaders, [], 'every column, Std and Histogram too, is in view');
      // four features: no decision boundary, and no empty column kept for it
      assert.equal(table.boundaryShown, false);
      assert.ok(Math.abs(table.firstColumnX - table.gridX) < 0.5, 'the first shown picture starts at the left edge');
      assert.equal(await builder.page.locator('#boundary-note').isVisible(), true);
      await builder.finish();
    });
  }

  for (const width of [901, 1000, 1280]) {
    it(`shows a CNN's settings whole at ${width} px: a line of their own where the row has no room, never cut, and its fixes inside the card`, async () => {
      const cnn = readFileSync(join('examples', 'digits-cnn.nnjson'), 'utf8');
      const builder = await pages.open({ text: cnn, dataDir: 'examples', viewport: { width, height: 900 } });
      const settings = await builder.evaluate<{ id: string; text: string; scrollWidth: number; clientWidth: number; right: number; cardRight: number }[]>(
        `[...document.querySelectorAll('.layer-card .card-settings')].map((element) => ({
          id: element.closest('.layer-card').dataset.layerId,
          text: element.textContent,
          scrollWidth: element.scrollWidth,
          clientWidth: element.clientWidth,
          right: element.getBoundingClientRect().right,
          cardRight: element.closest('.layer-card').getBoundingClientRect().right,
        }))`);
      assert.deepEqual(settings.map(({ id, text }) => [id, text]), [
        ['conv1', '1 → 16, 3×3, padding 1'], ['conv2', '16 → 32, 3×3, padding 1'], ['pool1', '2×2'], ['drop1', 'p 0.25'], ['fc1', '512 → 64'], ['fc2', '64 → 10'],
      ]);
      for (const item of settings) {
        assert.ok(item.scrollWidth <= item.clientWidth, `${item.id}: "${item.text}" is not cut (${item.scrollWidth} px of text in ${item.clientWidth} px)`);
        assert.ok(item.right <= item.cardRight, `${item.id}: the settings stay inside the card`);
      }
      // a fix's title wraps inside its card rather than running out of it
      await builder.setText(cnn.replace('"outChannels": 32, "kernelSize": 3', '"inChannels": 3, "outChannels": 32, "kernelSize": 3'));
      const fix = await builder.evaluate<{ right: number; cardRight: number }>(`(() => {
        const button = document.querySelector('.layer-card[data-layer-id="conv2"] .fix-layer');
        return { right: button.getBoundingClientRect().right, cardRight: button.closest('.layer-card').getBoundingClientRect().right };
      })()`);
      assert.ok(fix.right <= fix.cardRight, `the fix button ends inside the card (${fix.right} px, the card at ${fix.cardRight} px)`);
      await builder.finish();
    });
  }

  it('moves a CNN\'s settings to a line of their own when the editor narrows, and back when it widens', async () => {
    const builder = await pages.open({ text: readFileSync(join('examples', 'digits-cnn.nnjson'), 'utf8'), dataDir: 'examples', viewport: { width: 1600, height: 900 } });
    const conv = '.layer-card[data-layer-id="conv2"] .card-settings';
    const state = () => builder.evaluate<{ below: boolean; cut: boolean }>(
      `(() => { const s = document.querySelector('${conv}'); return { below: s.classList.contains('below'), cut: s.scrollWidth > s.clientWidth }; })()`);
    assert.deepEqual(await state(), { below: false, cut: false }, 'wide: in the card\'s row');
    await builder.page.setViewportSize({ width: 901, height: 900 });
    await builder.waitForPage(`document.querySelector('${conv}').classList.contains('below')`);
    assert.deepEqual(await state(), { below: true, cut: false }, 'narrow: a line of its own');
    await builder.page.setViewportSize({ width: 1600, height: 900 });
    await builder.waitForPage(`!document.querySelector('${conv}').classList.contains('below')`);
    assert.deepEqual(await state(), { below: false, cut: false }, 'wide again: back in the row');
    await builder.finish();
  });

  it('fits boundary, confusion matrix and parameter table at 1,050 px for two-feature data', async () => {
    const builder = await pages.open({ text: xor, viewport: { width: 1050, height: 900 } });
    const table = await parameterTable(builder);
    assert.equal(table.boundaryShown, true);
    assert.ok(await builder.evaluate<number>(paintedPixels('#boundary-canvas')) > 10000, 'the boundary is drawn');
    assert.ok(table.scrollWidth <= table.clientWidth, `no horizontal scroll (${table.scrollWidth} px in ${table.clientWidth} px)`);
    assert.deepEqual(table.hiddenHeaders, []);
    assert.equal(await builder.page.locator('#boundary-note').isVisible(), false);
    await builder.finish();
  });
});
