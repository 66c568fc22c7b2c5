import * as assert from 'node:assert/strict';
import { normalizeSourcePath, sameSourcePath, sourceLabel, uniqueSourcePaths } from '../../../src/data/source-path';

describe('data source paths', () => {
  it('spells one file one way for comparison and display', () => {
    assert.equal(normalizeSourcePath('./data/iris.csv'), 'data/iris.csv');
    assert.equal(normalizeSourcePath('data//./iris.csv'), 'data/iris.csv');
    assert.equal(normalizeSourcePath('data\\iris.csv'), 'data/iris.csv');
    assert.equal(normalizeSourcePath('other/../data/iris.csv'), 'data/iris.csv');
    assert.equal(normalizeSourcePath('../shared/iris.csv'), '../shared/iris.csv');
    assert.equal(normalizeSourcePath('/abs/./x.csv'), '/abs/x.csv');
    assert.ok(sameSourcePath('./data/iris.csv', 'data/iris.csv'));
    assert.ok(!sameSourcePath('data/iris.csv', 'iris.csv'));
  });

  it('lists each file once, keeping the current source as the file spells it', () => {
    assert.deepEqual(uniqueSourcePaths(['data/digits.csv', 'data/iris.csv'], './data/iris.csv'), ['data/digits.csv', './data/iris.csv']);
    assert.deepEqual(uniqueSourcePaths(['data/iris.csv', './data/iris.csv']), ['data/iris.csv']);
    assert.deepEqual(uniqueSourcePaths(['data/iris.csv'], 'elsewhere/wine.csv'), ['elsewhere/wine.csv', 'data/iris.csv'], 'a current source not in the list comes first');
  });

  it('names a source by its file name', () => {
    assert.equal(sourceLabel('./data/iris.csv'), 'iris.csv');
    assert.equal(sourceLabel('builtin:xor'), 'builtin:xor');
  });
});
