import * as assert from 'node:assert/strict';
import { BUILTIN_NAMES, generateBuiltin } from '../../../src/data/builtin';
import { classCounts } from '../../../src/data/dataset';

describe('generated data sets', () => {
  it('gives identical data for the same seed and different data for another seed', () => {
    for (const name of BUILTIN_NAMES) {
      const a = generateBuiltin(name, { seed: 7 });
      const b = generateBuiltin(name, { seed: 7 });
      const c = generateBuiltin(name, { seed: 8 });
      assert.deepEqual(a.x, b.x, name);
      assert.deepEqual(a.y, b.y, name);
      assert.notDeepEqual(a.x, c.x, name);
    }
  });

  it('has the requested shape and balanced classes', () => {
    const spiral = generateBuiltin('spiral', { samples: 300, classes: 5 });
    assert.equal(spiral.rows, 300);
    assert.equal(spiral.cols, 2);
    assert.equal(spiral.x.length, 600);
    assert.deepEqual(spiral.classNames, ['0', '1', '2', '3', '4']);
    assert.deepEqual(classCounts(spiral), [60, 60, 60, 60, 60]);
    const blobs = generateBuiltin('blobs', { samples: 90, classes: 4 });
    assert.equal(blobs.classNames?.length, 4);
    for (const name of ['xor', 'circles', 'moons'] as const) {
      const set = generateBuiltin(name, { samples: 100 });
      assert.equal(set.task, 'classification');
      assert.deepEqual(classCounts(set), [50, 50], name);
    }
  });

  it('gives the XOR truth table without noise', () => {
    const xor = generateBuiltin('xor', { samples: 4, noise: 0 });
    assert.deepEqual(Array.from(xor.x), [0, 0, 0, 1, 1, 0, 1, 1]);
    assert.deepEqual(Array.from(xor.y), [0, 1, 1, 0]);
  });

  it('makes sine a one-feature regression set close to sin(x)', () => {
    const sine = generateBuiltin('sine', { samples: 50, noise: 0 });
    assert.equal(sine.task, 'regression');
    assert.equal(sine.cols, 1);
    assert.equal(sine.classNames, undefined);
    for (let i = 0; i < 50; i++) assert.ok(Math.abs(sine.y[i] - Math.sin(sine.x[i])) < 1e-6);
  });

  it('rejects unknown names and bad options with the fix', () => {
    assert.throws(() => generateBuiltin('spirals'), /unknown generated set "builtin:spirals": use one of builtin:xor/);
    assert.throws(() => generateBuiltin('moons', { samples: 0 }), /data\.samples is 0/);
    assert.throws(() => generateBuiltin('moons', { noise: -1 }), /data\.noise is -1/);
    assert.throws(() => generateBuiltin('xor', { classes: 3 }), /always has 2 classes/);
  });
});
