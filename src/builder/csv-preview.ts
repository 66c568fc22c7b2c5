/** Reads the header and first rows of a CSV file for the data panel, without loading a large file whole. */
import { open } from 'node:fs/promises';
import { parseCsvText } from '../data/csv-parser';
import type { CsvPreview } from '../shared/webview-protocol';

/** Enough bytes for a header and a few dozen ordinary rows. */
const PREVIEW_BYTES = 64 * 1024;

export async function readCsvPreview(absolutePath: string, sourcePath: string, maxRows = 8): Promise<CsvPreview> {
  let text: string;
  try {
    const handle = await open(absolutePath, 'r');
    try {
      const buffer = Buffer.alloc(PREVIEW_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, PREVIEW_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
      if (bytesRead === PREVIEW_BYTES) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
    } finally {
      await handle.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { path: sourcePath, columns: [], rows: [], error: `Cannot read ${sourcePath}: ${reason}. Check the path in data.source (relative to the model file).` };
  }
  try {
    const { rows } = parseCsvText(text.replace(/^\uFEFF/, ''), sourcePath);
    const [header, ...body] = rows;
    if (!header || header.length === 0) {
      return { path: sourcePath, columns: [], rows: [], error: `${sourcePath} is empty: it needs a header row with the column names.` };
    }
    return { path: sourcePath, columns: header, rows: body.slice(0, maxRows) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { path: sourcePath, columns: [], rows: [], error: reason };
  }
}
