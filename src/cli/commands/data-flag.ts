/** `--data SRC`: a generated set (`builtin:NAME`) or a CSV path, which on the command line is relative to the current folder. */
import { resolve } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import { stringFlag, type ParsedArgs } from '../args';

export function dataSourceFlag(args: ParsedArgs): string | undefined {
  const source = stringFlag(args, 'data');
  if (source === undefined) return undefined;
  return isBuiltinSource(source) ? source : resolve(source);
}
