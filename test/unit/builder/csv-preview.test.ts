import * as assert from 'node:assert/strict';
import { readCsvPreview } from '../../../src/builder/csv-preview';

describe('CSV preview for the data panel', () => {
  it('reads the header and the first rows of a workspace CSV', async () => {
    const preview = await readCsvPreview('examples/data/iris.csv', 'data/iris.csv', 3);
    assert.equal(preview.error, undefined);
    assert.equal(preview.path, 'data/iris.csv');
    assert.ok(preview.columns.length >= 5);
    assert.equal(preview.rows.length, 3);
    assert.equal(preview.rows[0].length, preview.columns.length);
  });

  it('names the file and the fix when it cannot be read', async () => {
    const preview = await readCsvPreview('examples/data/no-such-file.csv', 'data/no-such-file.csv');
    assert.match(preview.error ?? '', /^Cannot read data\/no-such-file\.csv: .*Check the path in data\.source/);
    assert.deepEqual(preview.columns, []);
  });
});
