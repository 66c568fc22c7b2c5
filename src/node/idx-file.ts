/** Reads an IDX file (MNIST format), gzipped or not, into its array (src/data/idx.ts parses it). Node only. */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../data/errors';
import { parseIdx, type IdxArray } from '../data/idx';

/** `name` names the file in messages. A gzip file is known by its first two bytes, whatever its name. */
export async function readIdxFile(path: string, name: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataError(`${name}: cannot be read (${error instanceof Error ? error.message : String(error)}): check the path (relative to the model file's folder)`);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new DataError(`${name} is a damaged gzip file (${error instanceof Error ? error.message : String(error)}): download it again`);
    }
  }
  return parseIdx(bytes, name);
}
