import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFactsReader } from '../../../src/training/data-facts';

const examples = resolve('examples');

/** A small CSV with a numeric and a text feature and a numeric (regression) target. */
const HOUSES = ['size,colour,price', '50,red,100', '70,blue,150', '65,green,140', '40,red,90', '80,blue,170', '55,green,120', ''].join('\n');

describe('data facts', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnjson-facts-'));
    writeFileSync(join(dir, 'houses.csv'), HOUSES);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the input width, columns, classes and rows of iris as training reads it', async () => {
    const state = await new DataFactsReader().read({ source: './data/iris.csv', target: 'species' }, 'classification', { modelDir: examples });
    assert.equal(state.status, 'ready');
    if (state.status !== 'ready') return;
    assert.deepEqual(state.facts, {
      source: './data/iris.csv', label: 'iris.csv', kind: 'csv', task: 'classification', rows: 150,
      inputColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      featureColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      oneHotColumns: [], targetColumns: ['species'], classNames: ['setosa', 'versicolor', 'virginica'],
    });
  });

  it('reads the 64 pixels and 10 digit classes of digits, numbers sorted as numbers', async () => {
    const state = await new DataFactsReader().read({ source: 'data/digits.csv', target: 'digit' }, 'classification', { modelDir: examples });
    assert.ok(state.status === 'ready');
    assert.equal(state.facts.inputColumns.length, 64);
    assert.equal(state.facts.rows, 1797);
    assert.deepEqual(state.facts.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('counts one-hot inputs for a text feature column and the target columns of a regression', async () => {
    const state = await new DataFactsReader().read({ source: 'houses.csv', target: 'price' }, 'regression', { modelDir: dir });
    assert.ok(state.status === 'ready');
    assert.deepEqual(state.facts.inputColumns, ['size', 'colour=blue', 'colour=green', 'colour=red']);
    assert.deepEqual(state.facts.featureColumns, ['size', 'colour']);
    assert.deepEqual(state.facts.oneHotColumns, [{ column: 'colour', width: 3 }]);
    assert.deepEqual(state.facts.targetColumns, ['price']);
    assert.equal(state.facts.classNames, undefined);
    const narrowed = await new DataFactsReader().read({ source: 'houses.csv', target: 'price', features: ['size'] }, 'regression', { modelDir: dir });
    assert.ok(narrowed.status === 'ready');
    assert.deepEqual(narrowed.facts.inputColumns, ['size']);
  });

  it('names the file and the fix when the data cannot be read as the settings say', async () => {
    const reader = new DataFactsReader();
    const text = await reader.read({ source: 'houses.csv', target: 'colour' }, 'regression', { modelDir: dir });
    assert.ok(text.status === 'error');
    assert.match(text.message, /column "colour": "red" is not a number: an MSE target must hold numbers; for class labels use the loss CrossEntropy/);
    const missing = await reader.read({ source: 'data/nowhere.csv', target: 'y' }, 'classification', { modelDir: dir });
    assert.ok(missing.status === 'error');
    assert.match(missing.message, /nowhere\.csv: file not found: check data\.source/);
    const column = await reader.read({ source: 'houses.csv', target: 'cost' }, 'regression', { modelDir: dir });
    assert.ok(column.status === 'error');
    assert.match(column.message, /unknown target column "cost": set data\.target to one of the columns "size", "colour", "price"/);
    const wrongTask = await reader.read({ source: 'builtin:sine' }, 'classification', { modelDir: dir });
    assert.ok(wrongTask.status === 'error');
    assert.match(wrongTask.message, /builtin:sine is a regression set but the loss is CrossEntropy: use MSE/);
    assert.deepEqual(await reader.read(undefined, 'classification', { modelDir: dir }), { status: 'none' });
  });

  it('gives a generated set its two inputs and classes', async () => {
    const state = await new DataFactsReader().read({ source: 'builtin:spiral', classes: 4 }, 'classification', { modelDir: dir });
    assert.ok(state.status === 'ready');
    assert.equal(state.facts.kind, 'builtin');
    assert.equal(state.facts.label, 'builtin:spiral');
    assert.deepEqual(state.facts.inputColumns, ['x1', 'x2']);
    assert.deepEqual(state.facts.classNames, ['0', '1', '2', '3']);
  });

  it('answers from its cache until the file or the settings change', async () => {
    const reader = new DataFactsReader();
    const path = join(dir, 'cached.csv');
    writeFileSync(path, HOUSES);
    const spec = { source: 'cached.csv', target: 'price' };
    const first = await reader.read(spec, 'regression', { modelDir: dir });
    assert.deepEqual(await reader.read({ ...spec }, 'regression', { modelDir: dir }), first);
    assert.equal(reader.reads, 1, 'the same file and settings are read once');

    await reader.read({ ...spec, features: ['size'] }, 'regression', { modelDir: dir });
    assert.equal(reader.reads, 2, 'other features: read again');

    writeFileSync(path, HOUSES.replace('size,colour,price', 'size,colour,price,rooms').replace(/\n(\d+,\w+,\d+)/g, '\n$1,3'));
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const changed = await reader.read(spec, 'regression', { modelDir: dir });
    assert.equal(reader.reads, 3, 'a changed file is read again');
    assert.ok(changed.status === 'ready');
    assert.deepEqual(changed.facts.featureColumns, ['size', 'colour', 'rooms']);

    await reader.read({ source: 'gone.csv', target: 'y' }, 'regression', { modelDir: dir });
    await reader.read({ source: 'gone.csv', target: 'y' }, 'regression', { modelDir: dir });
    assert.equal(reader.reads, 5, 'a missing file is not cached: it may appear');
  });
});
