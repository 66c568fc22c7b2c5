/** `nnjson predict MODEL [--data SRC] [--out FILE]`: one CSV row per input row (class and probabilities, or values). */
import { dirname } from 'node:path';
import { csvRow } from '../../data/csv-writer';
import { predictRows } from '../../training/evaluate-model';
import { expectPositionals, parseArgs, stringFlag } from '../args';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { loadModelFile } from '../model-file';
import { writeTextAtomic } from '../write-file';
import { dataSourceFlag } from './data-flag';

export const PREDICT_USAGE = 'nnjson predict MODEL [--data SRC] [--out FILE]';

export async function predictCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'predict', { data: { value: true }, out: { value: true } });
  const [file] = expectPositionals(args, PREDICT_USAGE, 1);
  const model = loadModelFile(file);
  const predictions = await forModel(file, predictRows({ model, modelDir: dirname(file), dataOverride: dataSourceFlag(args) }));
  const lines = [csvRow(predictions.header), ...predictions.rows.map((row) => csvRow(row))];
  const out = stringFlag(args, 'out');
  if (out === undefined) {
    // in blocks: one write per line would make a million-row prediction crawl
    for (let i = 0; i < lines.length; i += 1000) io.stdout(lines.slice(i, i + 1000).join('\n'));
  } else {
    writeTextAtomic(out, `${lines.join('\n')}\n`);
    io.stderr(`wrote ${predictions.rows.length} predictions to ${out}`);
  }
  return 0;
}
