import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../../../src/node/csv-file';
import { csvTableFromText } from '../../../src/data/csv-table';

describe('CSV tables and located errors', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnjson-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('reads numeric and text columns from a file in chunks', async () => {
    const rows = ['a;b;label'];
    for (let i = 0; i < 5000; i++) rows.push(`${i};${(i * 0.5).toFixed(1).replace('.', '.')};${i % 3 === 0 ? 'x' : 'y'}`);
    const table = await readCsvFile(file('big.csv', rows.join('\r\n') + '\r\n'));
    assert.equal(table.delimiter, ';');
    assert.equal(table.rows, 5000);
    const a = table.columns.get('a');
    const label = table.columns.get('label');
    assert.ok(a?.kind === 'numeric' && label?.kind === 'text');
    assert.equal(a.values[4999], 4999);
    assert.deepEqual(label.levels, ['x', 'y']);
    assert.equal(label.codes[3], 0);
    assert.equal(table.lines[0], 2);
  });

  it('names file, row and column for a missing value', async () => {
    const path = file('missing.csv', 'x,y,label\n1,2,a\n3,,b\n');
    await assert.rejects(readCsvFile(path, { displayName: 'missing.csv' }), /missing\.csv: row 3, column "y": missing value/);
  });

  it('names file, row and column for text in a numeric column', () => {
    assert.throws(
      () => csvTableFromText('x,y\n1,2\n3,abc\n', 'data.csv'),
      /data\.csv: row 3, column "y": "abc" is not a number/,
    );
  });

  it('names file and row for a ragged row, and the missing column', () => {
    assert.throws(() => csvTableFromText('x,y,z\n1,2,3\n4,5\n', 'r.csv'), /r\.csv: row 3: has 2 values but the header has 3 columns \(column "z" is missing\)/);
    assert.throws(() => csvTableFromText('x,y\n1,2,3\n', 'r.csv'), /r\.csv: row 2: has 3 values/);
  });

  it('names the unknown target column and lists the real ones', () => {
    assert.throws(
      () => csvTableFromText('x,y\n1,2\n', 't.csv', { required: [{ name: 'label', role: 'target column', setting: 'data.target' }] }),
      /t\.csv: row 1: unknown target column "label": set data\.target to one of the columns "x", "y"/,
    );
  });

  it('reads forced text columns as labels even when they hold numbers', () => {
    const table = csvTableFromText('x,digit\n1,7\n2,3\n', 'd.csv', { textColumns: ['digit'] });
    const digit = table.columns.get('digit');
    assert.ok(digit?.kind === 'text');
    assert.deepEqual(digit.levels, ['7', '3']);
  });

  it('reports empty files, header-only files and bad headers', () => {
    assert.throws(() => csvTableFromText('', 'e.csv'), /e\.csv: the file is empty/);
    assert.throws(() => csvTableFromText('a,b\n', 'h.csv'), /h\.csv: no data rows after the header/);
    assert.throws(() => csvTableFromText('a,a\n1,2\n', 'd.csv'), /d\.csv: row 1: column "a" appears twice/);
    assert.throws(() => csvTableFromText('a,,c\n1,2,3\n', 'n.csv'), /n\.csv: row 1: column 2 of the header has no name/);
  });

  it('counts rows by line even after quoted line breaks', () => {
    assert.throws(
      () => csvTableFromText('note,x\n"two\nlines",1\nok,\n', 'q.csv'),
      /q\.csv: row 4, column "x": missing value/,
    );
  });

  it('reports a missing file with the fix', async () => {
    await assert.rejects(readCsvFile(join(dir, 'nope.csv'), { displayName: 'nope.csv' }), /nope\.csv: file not found/);
  });
});

describe('parseNumber', () => {
  it('agrees with Number() on plain decimals and rejects partial numbers', async () => {
    const { parseNumber } = await import('../../../src/data/csv-table');
    for (const text of ['0', '-2.5', '+7', '0.1', '.5', '-.5', '1.', '3.14159', '1e3', '-1.5E-2', '123456789012345678', '1234.567890123']) {
      assert.equal(parseNumber(text), Number(text), text);
    }
    for (const text of ['', '-', '.', 'abc', '1.2.3', '12a', '1 2', 'Infinity', 'NaN']) assert.ok(Number.isNaN(parseNumber(text)), text);
  });
});
