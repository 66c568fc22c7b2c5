/** `--data SRC`: a generated set (`builtin:NAME`) or a CSV path, which on the command line is relative to the current folder. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import type { EvaluateOptions } from '../../training/evaluate-model';
import { expectPositionals, stringFlag, type ParsedArgs } from '../args';
import { CliError } from '../cli-error';
import { loadModelFile } from '../model-file';

export function dataSourceFlag(args: ParsedArgs): string | undefined {
  const source = stringFlag(args, 'data');
  if (source === undefined) return undefined;
  if (isBuiltinSource(source)) return source;
  const path = resolve(source);
  // checked here, before the model's data settings, so a mistyped path is not reported as a missing data.target
  if (!existsSync(path)) {
    throw new CliError(`--data ${source}: file not found (${path}): give the path of a CSV file relative to the current folder, or a generated set such as builtin:xor`);
  }
  return path;
}

/** For `eval` and `predict`: the model file named by the one argument, on the `--data` source or its own data. */
export function modelOnData(args: ParsedArgs, usage: string): { file: string; options: EvaluateOptions } {
  const [file] = expectPositionals(args, usage, 1);
  return { file, options: { model: loadModelFile(file), modelDir: dirname(file), dataOverride: dataSourceFlag(args) } };
}
