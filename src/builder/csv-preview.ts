/** Reads the header and first rows of a CSV file for the data panel, without loading a large file whole. */
import { open } from 'node:fs/promises';
import { parseCsvText } from '../data/csv-parser';
import type { CsvPreview } from '../shared/webview-protocol';

/** Enough bytes for a header and a few dozen ordinary rows. */
const PREVIEW_BYTES = 64 * 1024;

/**
 * The file's text from its start up to the end of its `lines`-th line (all of it when shorter), reading at most
 * `maxBytes`, so a large file is never read whole; a line cut by that limit is left out.
 */
export async function readTextHead(path: string, lines: number, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    let breaks = 0;
    while (length < maxBytes) {
      const buffer = Buffer.alloc(Math.min(PREVIEW_BYTES, maxBytes - length));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, length);
      if (bytesRead === 0) return Buffer.concat(chunks).toString('utf8');
      const chunk = buffer.subarray(0, bytesRead);
      chunks.push(chunk);
      length += bytesRead;
      for (let at = chunk.indexOf(10); at >= 0 && breaks < lines; at = chunk.indexOf(10, at + 1)) {
        breaks += 1;
        if (breaks === lines) return Buffer.concat(chunks).subarray(0, length - bytesRead + at + 1).toString('utf8');
      }
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  } finally {
    await handle.close();
  }
}

export async function readCsvPreview(absolutePath: string, sourcePath: string, maxRows = 8): Promise<CsvPreview> {
  let text: string;
  try {
    text = await readTextHead(absolutePath, Infinity, PREVIEW_BYTES);
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
