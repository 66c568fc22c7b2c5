/**
 * Atomic file replacement, the one writer of a user's files (models, prediction tables, exports): the contents go to a
 * temporary file in the same folder with the mode of the file it replaces, is flushed to disk, then renamed over
 * the target, so a crash or a full disk leaves either the old file or the new one, never half a model.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Permissions of the file being replaced, so replacing it does not change who may read it. */
async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await fs.stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Best effort: make the rename itself durable. Not every platform can open a folder (Windows cannot). */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // the data is already safe on disk; only the rename's durability is not guaranteed here
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Text (written as UTF-8) or bytes. */
export type FileContents = string | Uint8Array;

export async function writeFileAtomic(path: string, contents: FileContents): Promise<void> {
  const temporary = temporaryPathFor(path);
  const mode = await existingMode(path);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx', mode ?? 0o666);
    await handle.writeFile(contents);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/** The same for callers that cannot await (a CLI's SIGINT handler writing what was learned). */
export function writeFileAtomicSync(path: string, contents: FileContents): void {
  const temporary = temporaryPathFor(path);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', mode ?? 0o666);
    // with a descriptor, writeFileSync writes all of it (text as UTF-8) where one writeSync may stop short
    writeFileSync(descriptor, contents);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (descriptor !== undefined) {
      try { closeSync(descriptor); } catch { /* already failing; report the first error */ }
    }
    try { unlinkSync(temporary); } catch { /* it may never have been created */ }
    throw error;
  }
}
