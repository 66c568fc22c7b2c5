/**
 * A folder of PNG images, one subfolder per class, as a model's data: its facts for the builder, the fit with the
 * model's input, and `nnjson train` on it.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { wantedInput } from '../../../src/model/data-fit';
import { readModel } from '../../../src/model/reader';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { DataFactsReader } from '../../../src/training/data-facts';
import { runCli, ensureBuilt } from '../cli/cli-helpers';

/** An 8×8 gray picture with a bright bar, across (row `at`) or down (column `at`). */
function bar(direction: 'across' | 'down', at: number): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const on = direction === 'across' ? y === at : x === at;
      image.data.set([on ? 230 : 20, on ? 230 : 20, on ? 230 : 20, 255], (y * 8 + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

function model(input: NnJsonModel['input']): NnJsonModel {
  return {
    format: 'nnjson', version: 1, input,
    layers: [{ type: 'Linear', id: 'fc1', out: 16 }, { type: 'ReLU', id: 'relu1' }, { type: 'Linear', id: 'fc2', out: 2 }, { type: 'SoftMax', id: 'softmax' }],
    loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.05 },
    training: { epochs: 60, batchSize: 8, validationSplit: 0.25, seed: 3 },
    data: { source: './bars' },
  } as NnJsonModel;
}

describe('a folder of images as the data', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'nn-builder-bars-'));
    for (const direction of ['across', 'down'] as const) {
      mkdirSync(join(dir, 'bars', direction), { recursive: true });
      for (let at = 0; at < 8; at++) {
        writeFileSync(join(dir, 'bars', direction, `${at}.png`), bar(direction, at));
        writeFileSync(join(dir, 'bars', direction, `${at}-again.png`), bar(direction, at));
      }
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the builder its classes and picture shape, and fits any image input of 1 or 3 channels', async () => {
    const state = await new DataFactsReader().read({ source: './bars' }, 'classification', { modelDir: dir });
    assert.equal(state.status, 'ready', JSON.stringify(state));
    if (state.status !== 'ready') return;
    const { facts } = state;
    assert.deepEqual([facts.kind, facts.rows, facts.classNames, facts.imageShape], ['image-folder', 32, ['across', 'down'], [1, 8, 8]]);
    assert.equal(wantedInput(model({ shape: [1, 4, 4] }), facts), undefined, 'converted to 4×4');
    assert.equal(wantedInput(model({ shape: [3, 8, 8] }), facts), undefined, 'converted to RGB');
    assert.deepEqual(wantedInput(model({ shape: [2, 8, 8] }), facts), { shape: [1, 8, 8] }, 'two channels are not an image format');
    assert.equal(wantedInput(model({ size: 64 }), facts), undefined, 'flat, at the pictures own size');
  });

  it('reads pictures of mixed sizes at the model\'s input.shape, as training does, and asks for one only without it', async () => {
    const mixed = join(dir, 'mixed');
    for (const [direction, size] of [['across', 8], ['down', 10]] as const) {
      mkdirSync(join(mixed, direction), { recursive: true });
      const image = new PNG({ width: size, height: size });
      image.data.fill(128);
      writeFileSync(join(mixed, direction, 'one.png'), PNG.sync.write(image));
    }
    const reader = new DataFactsReader();
    const unshaped = await reader.read({ source: './mixed' }, 'classification', { modelDir: dir });
    assert.equal(unshaped.status, 'error', JSON.stringify(unshaped));
    if (unshaped.status === 'error') assert.match(unshaped.message, /input\.shape/);
    const shaped = await reader.read({ source: './mixed' }, 'classification', { modelDir: dir }, [1, 6, 6]);
    assert.equal(shaped.status, 'ready', JSON.stringify(shaped));
    if (shaped.status === 'ready') {
      assert.deepEqual([shaped.facts.rows, shaped.facts.imageShape], [2, [1, 6, 6]]);
      assert.equal(wantedInput(model({ shape: [1, 6, 6] }), shaped.facts), undefined, 'the shape fits');
    }
    const other = await reader.read({ source: './mixed' }, 'classification', { modelDir: dir }, [3, 4, 4]);
    assert.ok(other.status === 'ready' && other.facts.imageShape?.join() === '3,4,4', 'another shape is read again, not taken from the cache');
  });

  it('keeps offering the shape to set when the model\'s shape cannot take the pictures (two channels)', async () => {
    const state = await new DataFactsReader().read({ source: './bars' }, 'classification', { modelDir: dir }, [2, 8, 8]);
    assert.equal(state.status, 'ready', JSON.stringify(state));
    if (state.status === 'ready') assert.deepEqual(wantedInput(model({ shape: [2, 8, 8] }), state.facts), { shape: [1, 8, 8] });
  });

  it('trains on it with nnjson train, the classes taken from the subfolders', async () => {
    writeFileSync(join(dir, 'bars.nnjson'), JSON.stringify(model({ size: 64 }), null, 2));
    const result = await runCli(['train', 'bars.nnjson', '--json'], dir);
    assert.equal(result.code, 0, result.stderr);
    const epochs = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { accuracy: number });
    assert.equal(epochs[epochs.length - 1].accuracy, 1, 'bars across and down are told apart');
    const trained = readModel(readFileSync(join(dir, 'bars.nnjson'), 'utf8'));
    assert.deepEqual(trained.diagnostics, []);
    assert.deepEqual(trained.model?.data?.classes, ['across', 'down']);
  });
});
