/** `nnjson predict MODEL [--data SRC] [--out FILE]`: one CSV row per input row (class and probabilities, or values). */
import { csvRow } from '../../data/csv-writer';
import { predictRows } from '../../training/evaluate-model';
import { parseArgs, stringFlag } from '../args';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { writeTextAtomic } from '../write-file';
import { modelOnData } from './data-flag';

export const PREDICT_USAGE = 'nnjson predict MODEL [--data SRC] [--out FILE]';

export async function predictCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'predict', { data: { value: true }, out: { value: true } });
  const { file, options } = modelOnData(args, PREDICT_USAGE);
  const predictions = await forModel(file, predictRows(options));
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
