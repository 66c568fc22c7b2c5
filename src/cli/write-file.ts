/**
 * Atomic text writes for the CLI: a temporary file next to the target, then a rename, so an interrupted
 * write never leaves half a file. Refusals name the file and the fix.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cli-error';

export function writeTextAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const fix = code === 'ENOENT' ? 'the folder does not exist: create it first' : code === 'EACCES' ? 'permission denied: choose a writable place' : (error as Error).message;
    throw new CliError(`${path}: cannot write the file: ${fix}`);
  }
}
