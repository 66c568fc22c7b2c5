/**
 * `nnjson predict MODEL [--data SRC] [--out FILE] [--inputs]`: one CSV row per data row (see
 * src/data/prediction-table.ts for the columns). --out never overwrites the model or a data file.
 */
import { dirname, resolve } from 'node:path';
import { isBuiltinSource } from '../../data/builtin';
import { predictRows } from '../../training/evaluate-model';
import { protectedTargetReason, type ProtectedFile } from '../../training/output-target';
import { predictionCsvLines } from '../../data/prediction-table';
import { booleanFlag, parseArgs, stringFlag } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { writeAtomic } from '../write-file';
import { modelOnData } from './data-flag';

export const PREDICT_USAGE = 'nnjson predict MODEL [--data SRC] [--out FILE] [--inputs]';

export async function predictCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'predict', { data: { value: true }, out: { value: true }, inputs: { value: false } });
  const { file, options } = modelOnData(args, PREDICT_USAGE);
  const out = stringFlag(args, 'out');
  if (out !== undefined) {
    const protectedFiles: ProtectedFile[] = [{ path: file, role: 'the model' }];
    const own = options.model.data?.source;
    if (typeof own === 'string' && !isBuiltinSource(own)) protectedFiles.push({ path: resolve(dirname(file), own), role: "the model's data file" });
    if (options.dataOverride !== undefined && !isBuiltinSource(options.dataOverride)) protectedFiles.push({ path: options.dataOverride, role: 'the data file (--data)' });
    const refusal = protectedTargetReason(out, protectedFiles);
    if (refusal) throw new CliError(`--out ${refusal}`);
  }
  const predictions = await forModel(file, predictRows({ ...options, includeInputs: booleanFlag(args, 'inputs') }));
  const lines = predictionCsvLines(predictions);
  if (out === undefined) {
    // in blocks: one write per line would make a million-row prediction crawl
    for (let i = 0; i < lines.length; i += 1000) io.stdout(lines.slice(i, i + 1000).join('\n'));
  } else {
    writeAtomic(out, `${lines.join('\n')}\n`);
    io.stderr(`wrote ${predictions.rows.length} predictions to ${out}`);
  }
  return 0;
}
