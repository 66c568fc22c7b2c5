/**
 * Reads a CSV file in chunks into typed columns (Node only). The text is never held whole: each chunk is
 * tokenized and converted as it arrives, and awaiting the stream between chunks keeps the process responsive.
 */
import { createReadStream } from 'node:fs';
import { CsvTableBuilder, type CsvTable, type CsvTableOptions } from '../data/csv-table';
import { DataError } from '../data/errors';

const CHUNK_BYTES = 256 * 1024;
/** Longest stretch of parsing before letting timers and messages run (buffered chunks arrive as microtasks). */
const YIELD_EVERY_MS = 30;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ReadCsvOptions extends CsvTableOptions {
  /** How the file is named in messages (defaults to the path). */
  displayName?: string;
}

export async function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<CsvTable> {
  const name = options.displayName ?? path;
  const builder = new CsvTableBuilder(name, options);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    let lastYield = Date.now();
    for await (const chunk of stream) {
      builder.push(chunk as string);
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`${name}: file not found: check data.source (paths are relative to the model file's folder)`);
    if (code === 'EISDIR') throw new DataError(`${name}: is a folder, not a CSV file: point data.source at a .csv file`);
    throw new DataError(`${name}: cannot read the file (${code ?? (error as Error).message})`);
  }
  return builder.finish();
}
