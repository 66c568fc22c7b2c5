import * as assert from 'node:assert/strict';
import { generateBuiltin } from '../../../src/data/builtin';
import { encodeGenerated, prepareForTraining } from '../../../src/data/preprocess';
import { hasValidationRows, heldOutResults, heldOutRows, recordedSplit, validationRowsOf } from '../../../src/insight/held-out-data';

/** The data prepareForTraining split with seed 7 and 25% held out, standardised: the validation part comes last. */
function preparedSpiral() {
  const raw = generateBuiltin('spiral', { samples: 120, classes: 3, seed: 5 });
  const prepared = prepareForTraining(encodeGenerated({ ...raw, x: raw.x.slice() }), { validationSplit: 0.25, seed: 7, shuffle: true, normalize: 'standard', normalizeTarget: 'none' });
  return { raw, prepared };
}

describe('held-out rows', () => {
  it('records the split training made, and finds exactly its validation rows again from the record', () => {
    const { raw, prepared } = preparedSpiral();
    assert.deepEqual(prepared.fitted.split, { seed: 7, validationSplit: 0.25, shuffle: true, rows: 120 });
    assert.ok(hasValidationRows(prepared.fitted));
    const found = validationRowsOf(raw, prepared.fitted, 'builtin:spiral');
    assert.equal(found.rows, 30);
    assert.deepEqual(Array.from(found.x), Array.from(prepared.validation!.x), 'the same rows, scaled the same way');
    assert.deepEqual(Array.from(found.y), Array.from(prepared.validation!.y));
    const held = heldOutRows(raw, prepared.fitted, 'builtin:spiral');
    assert.equal(held.split, 'validation');
    assert.deepEqual(Array.from(held.rows.x), Array.from(found.x));
  });

  it('finds the last rows again from a split made without shuffling, and shuffled rows from a record older than `shuffle`', () => {
    const raw = generateBuiltin('spiral', { samples: 120, classes: 3, seed: 5 });
    const unshuffled = prepareForTraining(encodeGenerated({ ...raw, x: raw.x.slice() }), { validationSplit: 0.25, seed: 7, shuffle: false, normalize: 'none', normalizeTarget: 'none' });
    assert.deepEqual(unshuffled.fitted.split, { seed: 7, validationSplit: 0.25, shuffle: false, rows: 120 });
    const last = validationRowsOf(raw, unshuffled.fitted, 'builtin:spiral');
    assert.deepEqual(Array.from(last.x), Array.from(raw.x.subarray(90 * 2)), 'rows 91 to 120 of the data, in order');
    assert.deepEqual(Array.from(last.y), Array.from(raw.y.subarray(90)));

    const { prepared } = preparedSpiral();
    const { shuffle: _, ...older } = prepared.fitted.split!;
    assert.deepEqual(recordedSplit({ ...prepared.fitted, split: older as never }), { ...older, shuffle: true });
    assert.deepEqual(Array.from(validationRowsOf(raw, { ...prepared.fitted, split: older as never }, 'builtin:spiral').x), Array.from(prepared.validation!.x));
  });

  it('refuses data whose row count changed since training, saying what to do', () => {
    const { prepared } = preparedSpiral();
    const other = generateBuiltin('spiral', { samples: 90, classes: 3, seed: 5 });
    assert.throws(() => validationRowsOf(other, prepared.fitted, 'data/x.csv'), /data\/x\.csv has 90 rows but training split 120: the data changed since training.*evaluate on the whole file, or train again/);
  });

  it('counts every row when the run held none out, or when the file records no split, and says which', () => {
    const raw = generateBuiltin('xor', { samples: 40, seed: 1 });
    const none = prepareForTraining(encodeGenerated({ ...raw, x: raw.x.slice() }), { validationSplit: 0, seed: 3, shuffle: true, normalize: 'none', normalizeTarget: 'none' });
    assert.equal(hasValidationRows(none.fitted), false);
    assert.equal(heldOutRows(raw, none.fitted, 'builtin:xor').split, 'training');
    assert.throws(() => validationRowsOf(raw, none.fitted, 'builtin:xor'), /held no rows out/);
    const { split: _, ...unrecorded } = none.fitted;
    assert.equal(recordedSplit(unrecorded), undefined);
    const all = heldOutRows(raw, unrecorded, 'builtin:xor');
    assert.deepEqual([all.split, all.rows.rows], ['all', 40]);
  });

  it('counts the confusion matrix on the held-out rows with the network it is given', () => {
    const { raw, prepared } = preparedSpiral();
    // a "network" that always answers class 2
    const always2 = (_inputs: Float32Array, rows: number) => Float32Array.from({ length: rows * 3 }, (_, i) => (i % 3 === 2 ? 1 : 0));
    const { confusion, images } = heldOutResults(raw, prepared.fitted, 'builtin:spiral', always2, ['0', '1', '2']);
    assert.equal(images, undefined, 'no image shape, no images');
    assert.equal(confusion.split, 'validation');
    const perClass = [0, 1, 2].map((k) => Array.from(prepared.validation!.y).filter((label) => label === k).length);
    assert.deepEqual(confusion.counts, perClass.map((count) => [0, 0, count]));
  });
});
