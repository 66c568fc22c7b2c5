/**
 * Turns parsed CSV rows into typed columns, checking every value as it arrives so a bad row is reported
 * with its line and column name. Browser-safe; csv.ts feeds it from a file stream.
 *
 * A column is numeric when its first data row holds a number, text (categorical) otherwise; columns listed in
 * `textColumns` are always text (class labels), columns in `numericColumns` must hold numbers everywhere.
 */
import { CsvParser, type CsvDelimiter } from './csv-parser';
import { DataError } from './errors';

export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float32Array;
}

export interface TextColumn {
  name: string;
  kind: 'text';
  /** Index into `levels` per row. */
  codes: Int32Array;
  /** Distinct values in order of first appearance. */
  levels: string[];
}

export type CsvColumn = NumericColumn | TextColumn;

export interface CsvTable {
  source: string;
  delimiter: CsvDelimiter;
  /** All header names, in file order. */
  header: string[];
  /** The kept columns, by name. */
  columns: Map<string, CsvColumn>;
  rows: number;
  /** The file line each data row starts on, for messages about a row found after reading. */
  lines: Int32Array;
}

export interface RequiredColumn {
  name: string;
  /** How the data settings refer to it, for the message: "target column", "feature column". */
  role: string;
  /** Where it is set, for the fix: "data.target". */
  setting: string;
}

export interface CsvTableOptions {
  /** Columns that must exist; checked as soon as the header is read. */
  required?: RequiredColumn[];
  /** Keep only these columns (all when absent). */
  keep?: string[];
  /** Read as text even when the values look like numbers (class labels). */
  textColumns?: string[];
  /** Must hold numbers; text is an error (regression targets, features fitted as numeric). */
  numericColumns?: string[];
  /** For some of `numericColumns`: why they must hold numbers and what to do instead, for the message. */
  numericFixes?: Record<string, string>;
  delimiter?: CsvDelimiter;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Strict number parsing: an empty or partly numeric field is not a number (NaN). Plain decimals of up to
 * 15 digits take a fast path (integer mantissa / 10^k, exact as IEEE division of two exact values); anything
 * else (exponents, more digits) goes through Number().
 */
export function parseNumber(text: string): number {
  const length = text.length;
  if (length === 0) return Number.NaN;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenPoint = false;
  for (; i < length; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (seenPoint) fractionDigits++;
    } else if (c === 46 && !seenPoint) {
      seenPoint = true;
    } else {
      break;
    }
  }
  if (i === length && digits > 0 && digits <= 15) {
    const value = mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** An append-only typed array that doubles its storage when full. */
class Growable<A extends Float32Array | Int32Array> {
  private data: A;
  private length = 0;

  constructor(private readonly allocate: (length: number) => A) {
    this.data = allocate(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A copy holding exactly the pushed values. */
  trimmed(): A {
    const copy = this.allocate(this.length);
    copy.set(this.data.subarray(0, this.length));
    return copy;
  }
}

const growableFloats = (): Growable<Float32Array> => new Growable((length) => new Float32Array(length));
const growableInts = (): Growable<Int32Array> => new Growable((length) => new Int32Array(length));

interface ColumnBuilder {
  name: string;
  index: number;
  kind?: 'numeric' | 'text';
  forcedText: boolean;
  forcedNumeric: boolean;
  numbers: Growable<Float32Array>;
  codes: Growable<Int32Array>;
  levels: string[];
  levelIndex: Map<string, number>;
  firstLine: number;
}

export class CsvTableBuilder {
  private header: string[] | undefined;
  private builders: ColumnBuilder[] = [];
  private rowCount = 0;
  private readonly lines = growableInts();
  readonly parser: CsvParser;

  constructor(private readonly source: string, private readonly options: CsvTableOptions = {}) {
    this.parser = new CsvParser((fields, line) => this.row(fields, line), source, options.delimiter);
  }

  push(chunk: string): void {
    this.parser.push(chunk);
  }

  finish(): CsvTable {
    this.parser.finish();
    if (!this.header) throw new DataError(`${this.source}: the file is empty: add a header row and data rows`);
    if (this.rowCount === 0) {
      throw new DataError(`${this.source}: no data rows after the header: add at least one row of values`);
    }
    const columns = new Map<string, CsvColumn>();
    for (const b of this.builders) {
      columns.set(
        b.name,
        b.kind === 'text'
          ? { name: b.name, kind: 'text', codes: b.codes.trimmed(), levels: b.levels }
          : { name: b.name, kind: 'numeric', values: b.numbers.trimmed() },
      );
    }
    return { source: this.source, delimiter: this.parser.delimiter ?? ',', header: this.header, columns, rows: this.rowCount, lines: this.lines.trimmed() };
  }

  private row(fields: string[], line: number): void {
    if (!this.header) {
      this.readHeader(fields, line);
      return;
    }
    if (fields.length !== this.header.length) {
      throw new DataError(
        `${this.source}: row ${line}: has ${fields.length} values but the header has ${this.header.length} columns` +
          `${fields.length < this.header.length ? ` (column "${this.header[fields.length]}" is missing)` : ''}: ` +
          'give every row one value per column (quote values that contain the delimiter)',
      );
    }
    for (const b of this.builders) this.value(b, fields[b.index].trim(), line);
    this.lines.push(line);
    this.rowCount++;
  }

  private readHeader(fields: string[], line: number): void {
    const header = fields.map((f) => f.trim());
    const seen = new Set<string>();
    header.forEach((name, i) => {
      if (name.length === 0) {
        throw new DataError(`${this.source}: row ${line}: column ${i + 1} of the header has no name: give every column a name`);
      }
      if (seen.has(name)) {
        throw new DataError(`${this.source}: row ${line}: column "${name}" appears twice in the header: rename one of them`);
      }
      seen.add(name);
    });
    for (const required of this.options.required ?? []) {
      if (!seen.has(required.name)) {
        throw new DataError(
          `${this.source}: row ${line}: unknown ${required.role} "${required.name}": ` +
            `set ${required.setting} to one of the columns ${header.map((h) => `"${h}"`).join(', ')}`,
        );
      }
    }
    const keep = this.options.keep ?? header;
    const text = new Set(this.options.textColumns ?? []);
    const numeric = new Set(this.options.numericColumns ?? []);
    this.builders = header
      .map((name, index) => ({ name, index }))
      .filter(({ name }) => keep.includes(name))
      .map(({ name, index }) => ({
        name,
        index,
        kind: text.has(name) ? 'text' : numeric.has(name) ? 'numeric' : undefined,
        forcedText: text.has(name),
        forcedNumeric: numeric.has(name),
        numbers: growableFloats(),
        codes: growableInts(),
        levels: [],
        levelIndex: new Map<string, number>(),
        firstLine: line + 1,
      }));
    this.header = header;
  }

  private value(b: ColumnBuilder, text: string, line: number): void {
    if (text.length === 0) {
      throw new DataError(
        `${this.source}: row ${line}, column "${b.name}": missing value: fill it in or delete the row`,
      );
    }
    if (b.kind === undefined) {
      b.kind = Number.isNaN(parseNumber(text)) ? 'text' : 'numeric';
      b.firstLine = line;
    }
    if (b.kind === 'numeric') {
      const value = parseNumber(text);
      if (Number.isNaN(value)) {
        const fix = this.options.numericFixes?.[b.name];
        if (fix !== undefined) throw new DataError(`${this.source}: row ${line}, column "${b.name}": "${text}" is not a number: ${fix}`);
        const why = b.forcedNumeric ? 'this column must hold numbers' : `the column holds numbers, as in row ${b.firstLine}`;
        throw new DataError(
          `${this.source}: row ${line}, column "${b.name}": "${text}" is not a number (${why}): ` +
            'correct the value or delete the row',
        );
      }
      b.numbers.push(value);
      return;
    }
    let code = b.levelIndex.get(text);
    if (code === undefined) {
      code = b.levels.length;
      b.levels.push(text);
      b.levelIndex.set(text, code);
    }
    b.codes.push(code);
  }
}

/** Build a table from a whole CSV text (previews, tests). */
export function csvTableFromText(text: string, source: string, options: CsvTableOptions = {}): CsvTable {
  const builder = new CsvTableBuilder(source, options);
  builder.push(text);
  return builder.finish();
}
