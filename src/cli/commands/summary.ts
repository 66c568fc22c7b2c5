/** `nnjson summary MODEL`: the model summary (src/model/summary.ts) as a plain-text table. */
import { modelSummary } from '../../model/summary';
import type { NnJsonModel } from '../../shared/nnjson';
import { expectPositionals, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';

export const SUMMARY_USAGE = 'nnjson summary MODEL';

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

export function summaryLines(model: NnJsonModel, file: string): string[] {
  const summary = modelSummary(model, { arrow: '->', howToTrain: `run nnjson train ${file}` });
  const lines = table([summary.header, ...summary.rows], summary.numericColumns);
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const text = (items: { label: string; value: string }[]) => items.map(({ label, value }) => `${label}: ${value}`);
  return [
    `${model.name ?? 'Model'} (${file})`,
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

export function summaryCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'summary', {});
  const [file] = expectPositionals(args, SUMMARY_USAGE, 1);
  for (const line of summaryLines(loadModelFile(file), file)) io.stdout(line);
  return 0;
}
