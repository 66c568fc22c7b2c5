/**
 * Where predictions may be written: never over the model or a data file (the user's work). Node only; used by
 * `nnjson predict --out` and Predict on Data before anything is written.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ProtectedFile {
  path: string;
  /** How the message names it: "the model", "the data file". */
  role: string;
}

/** True when both paths name one file (the same path, or a link or other spelling of an existing file). */
export function isSameFile(a: string, b: string): boolean {
  const first = resolve(a);
  const second = resolve(b);
  if (first === second) return true;
  try {
    const one = statSync(first);
    const other = statSync(second);
    return one.dev === other.dev && one.ino === other.ino;
  } catch {
    return false;
  }
}

/** Why `target` must not be written (it is one of `files`), or undefined when it may. */
export function protectedTargetReason(target: string, files: readonly ProtectedFile[]): string | undefined {
  const hit = files.find((file) => isSameFile(target, file.path));
  return hit ? `${target} is ${hit.role}, and predictions never overwrite it: choose another file, e.g. one ending in -predictions.csv` : undefined;
}
