/** The model summary (src/model/summary.ts) as Markdown, for the preview that "Show Model Summary" opens. */
import { modelSummary } from '../model/summary';
import type { NnJsonModel } from '../shared/nnjson';

/** `text` safe inside a table cell: a `|` would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function summaryMarkdown(model: NnJsonModel, fileName: string): string {
  const summary = modelSummary(model, { howToTrain: 'NN Builder: Train Model' });
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const alignment = summary.header.map((_, column) => (summary.numericColumns.has(column) ? '--:' : '---'));
  const lines = [
    `# ${cell(model.name ?? fileName)}`,
    '',
    ...(model.description ? [cell(model.description), ''] : []),
    `\`${fileName}\``,
    '',
    row(summary.header),
    `|${alignment.join('|')}|`,
    ...summary.rows.map(row),
    '',
    ...summary.totals.map(({ label, value }) => `- ${label}: **${value}**`),
    ...summary.settings.map(({ label, value }) => `- ${label}: ${cell(value)}`),
  ];
  return `${lines.join('\n')}\n`;
}
