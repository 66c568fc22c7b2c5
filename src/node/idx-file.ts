/**
 * Reads an IDX file (MNIST format), gzipped or not, into its array (src/data/idx.ts parses it), whole or only its
 * first items (a preview of a 60,000-image file reads a few kilobytes). Node only.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { DataError } from '../data/errors';
import { idxSize, parseIdx, parseIdxHeader, type IdxArray } from '../data/idx';

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function unreadable(name: string, error: unknown): DataError {
  return new DataError(`${name}: cannot be read (${reasonOf(error)}): check the path (relative to the model file's folder)`);
}

function damagedGzip(name: string, error: unknown): DataError {
  return new DataError(`${name} is a damaged gzip file (${reasonOf(error)}): download it again`);
}

/** A gzip file is known by its first two bytes, whatever its name. */
const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** `name` names the file in messages. */
export async function readIdxFile(path: string, name: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(name, error);
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw damagedGzip(name, error);
    }
  }
  return parseIdx(bytes, name);
}

async function firstBytes(path: string, name: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(2);
      const { bytesRead } = await handle.read(buffer, 0, 2, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(name, error);
  }
}

/**
 * The dimensions of the whole file and the values of its first `items` items (an item is one image of
 * `[count, H, W]`, one label of `[count]`): the file is read, and unpacked, only as far as they go.
 */
export async function readIdxHead(path: string, name: string, items: number): Promise<IdxArray> {
  const gzip = isGzip(await firstBytes(path, name));
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  let fileError: unknown;
  const source: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) {
    file.on('error', (error) => {
      fileError = error;
      source.destroy(error);
    });
  }
  const chunks: Buffer[] = [];
  let length = 0;
  let wanted = Infinity;
  try {
    for await (const chunk of source) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (wanted === Infinity && length >= 4) {
        const head = Buffer.concat(chunks);
        const headerLength = 4 + 4 * head[3];
        if (length >= headerLength) {
          const { dimensions, header } = parseIdxHeader(head, name);
          wanted = header + Math.min(items, dimensions[0]) * idxSize(dimensions.slice(1));
        }
      }
      if (length >= wanted) break;
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw gzip && fileError === undefined ? damagedGzip(name, error) : unreadable(name, error);
  } finally {
    file.destroy();
    source.destroy();
  }
  const bytes = Buffer.concat(chunks);
  // the whole file was read and is shorter than its header says: parseIdx names what is missing
  if (length < wanted || wanted === Infinity) return parseIdx(bytes, name);
  const { dimensions, header } = parseIdxHeader(bytes, name);
  return { dimensions, values: bytes.subarray(header, wanted) };
}
