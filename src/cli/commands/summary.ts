/** `nnjson summary MODEL`: the model summary (src/model/summary.ts) as a plain-text table. */
import { alignColumns } from '../../compare/text-table';
import { modelSummary } from '../../model/summary';
import type { NnJsonModel } from '../../shared/nnjson';
import { expectPositionals, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';

export const SUMMARY_USAGE = 'nnjson summary MODEL';

/** The summary without its title: the layer table, the totals and the settings; `howToTrain` is said of an untrained model. */
export function summaryBodyLines(model: NnJsonModel, howToTrain: string): string[] {
  const summary = modelSummary(model, { arrow: '->', howToTrain });
  const lines = alignColumns([summary.header, ...summary.rows], summary.numericColumns);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const text = (items: { label: string; value: string }[]) => items.map(({ label, value }) => `${label}: ${value}`);
  return [
    rule,
    lines[0],
    rule,
    ...lines.slice(1),
    rule,
    ...text(summary.totals),
    rule,
    ...text(summary.settings),
  ];
}

export function summaryLines(model: NnJsonModel, file: string): string[] {
  return [`${model.name ?? 'Model'} (${file})`, ...summaryBodyLines(model, `run nnjson train ${file}`)];
}

export function summaryCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'summary', {});
  const [file] = expectPositionals(args, SUMMARY_USAGE, 1);
  for (const line of summaryLines(loadModelFile(file), file)) io.stdout(line);
  return 0;
}
