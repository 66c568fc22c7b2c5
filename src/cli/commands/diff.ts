/** `nnjson diff A B [--json]`: what changed from model A to model B (src/compare/model-diff.ts), as text or JSON. */
import { diffModels } from '../../compare/model-diff';
import { diffLines } from '../../compare/diff-text';
import type { NnJsonModel } from '../../shared/nnjson';
import { booleanFlag, expectPositionals, parseArgs } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';

export const DIFF_USAGE = 'nnjson diff A.nnjson B.nnjson [--json]';

/** Both models, or one error naming the problem of each file that cannot be read (so both can be fixed at once). */
function loadBoth(files: readonly string[]): NnJsonModel[] {
  const models: NnJsonModel[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      models.push(loadModelFile(file));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  return models;
}

export function diffCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'diff', { json: { value: false } });
  const [fileA, fileB] = expectPositionals(args, DIFF_USAGE, 2);
  const [a, b] = loadBoth([fileA, fileB]);
  const diff = diffModels(a, b, { a: fileA, b: fileB }, '->');
  if (booleanFlag(args, 'json')) io.stdout(JSON.stringify(diff, null, 2));
  else for (const line of diffLines(diff)) io.stdout(line);
  return 0;
}
