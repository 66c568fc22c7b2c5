/** Atomic writes for the CLI (temporary file, then rename), with refusals that name the file and the fix. */
import { writeFileAtomicSync, type FileContents } from '../node/atomic-write';
import { CliError } from './cli-error';

export function writeAtomic(path: string, contents: FileContents): void {
  try {
    writeFileAtomicSync(path, contents);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const fix = code === 'ENOENT' ? 'the folder does not exist: create it first'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied: choose a writable place'
        : code === 'EISDIR' ? 'it is a folder: give a file name' : (error as Error).message;
    throw new CliError(`${path}: cannot write the file: ${fix}`);
  }
}
