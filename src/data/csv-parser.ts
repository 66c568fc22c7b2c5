/**
 * Streaming CSV tokenizer: text chunks in, rows of fields out. Browser-safe; the file reading lives in csv.ts.
 *
 * - The delimiter (comma or semicolon) is detected from the header line unless given.
 * - Quoted fields may hold delimiters, line breaks and `""` for a literal quote.
 * - CRLF and LF line ends; blank lines are skipped.
 * - Each row is reported with the 1-based line number it starts on (the header is line 1 of a plain file).
 */
import { DataError } from './errors';

export type CsvDelimiter = ',' | ';';
export type CsvRowHandler = (fields: string[], line: number) => void;

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Pick the delimiter that occurs more often (outside quotes) in the header line; comma on a tie. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export class CsvParser {
  private delimiterCode = -1;
  private pending = '';
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private quoteSeenInQuotes = false;
  private fieldWasQuoted = false;
  private line = 1;
  private rowLine = 1;
  private started = false;
  private finished = false;

  constructor(
    private readonly onRow: CsvRowHandler,
    private readonly sourceName: string,
    delimiter?: CsvDelimiter,
  ) {
    if (delimiter) this.delimiterCode = delimiter.charCodeAt(0);
  }

  get delimiter(): CsvDelimiter | undefined {
    return this.delimiterCode < 0 ? undefined : (String.fromCharCode(this.delimiterCode) as CsvDelimiter);
  }

  push(chunk: string): void {
    if (this.finished) throw new Error('CsvParser.push after finish');
    if (!this.started) {
      if (chunk.length === 0) return;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      this.started = true;
    }
    if (this.delimiterCode < 0) {
      this.pending += chunk;
      const end = this.pending.indexOf('\n');
      if (end < 0) return;
      this.delimiterCode = detectDelimiter(this.pending.slice(0, end)).charCodeAt(0);
      chunk = this.pending;
      this.pending = '';
    }
    this.scan(chunk);
  }

  /** Flush the last row. Throws DataError for a quoted field that never closes. */
  finish(): void {
    if (this.finished) return;
    if (this.delimiterCode < 0) {
      this.delimiterCode = detectDelimiter(this.pending).charCodeAt(0);
      const rest = this.pending;
      this.pending = '';
      this.scan(rest);
    }
    this.finished = true;
    if (this.quoteSeenInQuotes) {
      this.inQuotes = false;
      this.quoteSeenInQuotes = false;
    }
    if (this.inQuotes) {
      throw new DataError(
        `${this.sourceName}: row ${this.rowLine}: a quoted field never closes: add the missing closing quote (")`,
      );
    }
    if (this.fields.length > 0 || this.field.length > 0 || this.fieldWasQuoted) this.endRow();
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldWasQuoted = false;
  }

  private endRow(): void {
    const blank = this.fields.length === 0 && this.field.length === 0 && !this.fieldWasQuoted;
    this.endField();
    const row = this.fields;
    this.fields = [];
    if (!blank) this.onRow(row, this.rowLine);
  }

  private scan(text: string): void {
    const delimiter = this.delimiterCode;
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (this.inQuotes) {
        if (this.quoteSeenInQuotes) {
          this.quoteSeenInQuotes = false;
          if (text.charCodeAt(i) === QUOTE) {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false;
          continue;
        }
        const close = text.indexOf('"', i);
        const runEnd = close < 0 ? length : close;
        const run = text.slice(i, runEnd);
        for (let k = run.indexOf('\n'); k >= 0; k = run.indexOf('\n', k + 1)) this.line++;
        this.field += run;
        if (close < 0) return;
        this.quoteSeenInQuotes = true;
        i = close + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === delimiter) {
        this.endField();
        i++;
      } else if (c === LF) {
        this.endRow();
        this.line++;
        this.rowLine = this.line;
        i++;
      } else if (c === CR) {
        i++;
      } else if (c === QUOTE && !this.fieldWasQuoted && this.field.trim().length === 0) {
        // Spaces before an opening quote (`1, "text"`) are layout, not content.
        this.field = '';
        this.inQuotes = true;
        this.fieldWasQuoted = true;
        i++;
      } else {
        let end = i + 1;
        while (end < length) {
          const d = text.charCodeAt(end);
          if (d === delimiter || d === LF || d === CR) break;
          if (d === QUOTE && !this.fieldWasQuoted && (this.field + text.slice(i, end)).trim().length === 0) break;
          end++;
        }
        this.field += text.slice(i, end);
        i = end;
      }
    }
  }
}

/** Parse a whole CSV text at once (tests, previews of small files). */
export function parseCsvText(text: string, sourceName = 'CSV text', delimiter?: CsvDelimiter): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const parser = new CsvParser((fields, line) => {
    rows.push(fields);
    lines.push(line);
  }, sourceName, delimiter);
  parser.push(text);
  parser.finish();
  return { rows, lines };
}
