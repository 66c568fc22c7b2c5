/** Reading a model file for a command: the model, or one clear line about the first problem. */
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../shared/diagnostics';
import type { NnJsonModel } from '../shared/nnjson';
import { readModelOrErrors } from '../model/reader';
import { CliError } from './cli-error';

export function readTextFile(path: string, what = 'model file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path}: ${what} not found: check the path (or create one with nnjson init ${path})`);
    if (code === 'EISDIR') throw new CliError(`${path}: is a folder: give the path of a .nnjson file`);
    throw new CliError(`${path}: cannot read the ${what} (${code ?? (error as Error).message})`);
  }
}

/** The model in `path`; a file with errors stops the command with the first error and a pointer to `validate`. */
export function loadModelFile(path: string): NnJsonModel {
  const result = readModelOrErrors(readTextFile(path));
  if ('errors' in result) {
    const [first] = result.errors;
    const more = result.errors.length - 1;
    const hint = more > 0 ? ` (${more} more problem${more === 1 ? '' : 's'}: run nnjson validate ${path})` : '';
    throw new CliError(`${formatDiagnostic(first, path)}${hint}`);
  }
  return result.model;
}
