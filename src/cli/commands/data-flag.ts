/** `--data SRC`: a generated set (`builtin:NAME`) or a CSV path, which on the command line is relative to the current folder. */
import { dirname, resolve } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import type { EvaluateOptions } from '../../training/evaluate-model';
import { expectPositionals, stringFlag, type ParsedArgs } from '../args';
import { loadModelFile } from '../model-file';

export function dataSourceFlag(args: ParsedArgs): string | undefined {
  const source = stringFlag(args, 'data');
  if (source === undefined) return undefined;
  return isBuiltinSource(source) ? source : resolve(source);
}

/** For `eval` and `predict`: the model file named by the one argument, on the `--data` source or its own data. */
export function modelOnData(args: ParsedArgs, usage: string): { file: string; options: EvaluateOptions } {
  const [file] = expectPositionals(args, usage, 1);
  return { file, options: { model: loadModelFile(file), modelDir: dirname(file), dataOverride: dataSourceFlag(args) } };
}
