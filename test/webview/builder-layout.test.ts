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
