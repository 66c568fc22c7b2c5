/** `nnjson validate FILE...`: every diagnostic as `file:line:col: severity: message`; exit 1 when any is an error. */
import { formatDiagnostic, hasErrors } from '../../shared/diagnostics';
import { readModel } from '../../model/reader';
import { expectPositionals, parseArgs } from '../args';
import { CliError } from '../cli-error';
import { readTextFile } from '../model-file';
import type { CommandIo } from '../io';

export const VALIDATE_USAGE = 'nnjson validate FILE...';

export function validateCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'validate', {});
  const files = expectPositionals(args, VALIDATE_USAGE, 1, Infinity);
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.stdout(`${file}:1:1: error: ${error.message.replace(`${file}: `, '')}`);
      failed = true;
      continue;
    }
    const { diagnostics } = readModel(text);
    for (const diagnostic of diagnostics) io.stdout(formatDiagnostic(diagnostic, file));
    if (hasErrors(diagnostics)) failed = true;
    else if (files.length > 1 || diagnostics.length === 0) io.stderr(`${file}: ok${diagnostics.length > 0 ? ` (${diagnostics.length} warning${diagnostics.length === 1 ? '' : 's'})` : ''}`);
  }
  return failed ? 1 : 0;
}
