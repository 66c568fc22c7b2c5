import * as assert from 'node:assert/strict';
import { CsvParser, detectDelimiter, parseCsvText } from '../../../src/data/csv-parser';

describe('CSV tokenizer', () => {
  it('splits on commas and detects semicolons from the header', () => {
    assert.deepEqual(parseCsvText('a,b\n1,2\n').rows, [['a', 'b'], ['1', '2']]);
    assert.deepEqual(parseCsvText('a;b\n1,5;2\n').rows, [['a', 'b'], ['1,5', '2']]);
    assert.equal(detectDelimiter('a;b;c'), ';');
    assert.equal(detectDelimiter('"x;y",b'), ',');
  });

  it('reads quoted fields with delimiters, line breaks and doubled quotes', () => {
    const { rows, lines } = parseCsvText('name,text\n"a,b","say ""hi""\nthere"\nc,"d"\n');
    assert.deepEqual(rows, [['name', 'text'], ['a,b', 'say "hi"\nthere'], ['c', 'd']]);
    assert.deepEqual(lines, [1, 2, 4]);
  });

  it('handles CRLF line ends, blank lines and a missing final newline', () => {
    const { rows, lines } = parseCsvText('a,b\r\n1,2\r\n\r\n3,4');
    assert.deepEqual(rows, [['a', 'b'], ['1', '2'], ['3', '4']]);
    assert.deepEqual(lines, [1, 2, 4]);
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const text = '\ufeffx;"y"\r\n1;"q""uo;te"\r\n2;"multi\r\nline"\r\n3;z\r\n';
    const whole = parseCsvText(text).rows;
    for (let size = 1; size <= 7; size++) {
      const rows: string[][] = [];
      const parser = new CsvParser((fields) => rows.push(fields), 'chunks');
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      parser.finish();
      assert.deepEqual(rows, whole, `chunk size ${size}`);
    }
    assert.deepEqual(whole[0], ['x', 'y']);
    assert.deepEqual(whole[1], ['1', 'q"uo;te']);
  });

  it('keeps empty fields and treats spaces before an opening quote as layout', () => {
    assert.deepEqual(parseCsvText('a,b,c\n1,,3\n4, "5,5",6\n').rows, [['a', 'b', 'c'], ['1', '', '3'], ['4', '5,5', '6']]);
  });

  it('reports a quoted field that never closes with its file and row', () => {
    assert.throws(() => parseCsvText('a,b\n1,"open\n2,3\n', 'bad.csv'), /bad\.csv: row 2: a quoted field never closes/);
  });
});
