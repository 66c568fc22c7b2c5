/**
 * The evaluation report as Markdown: the one text that Evaluate Model shows in the editor (Markdown preview) and
 * `nnjson eval` prints. Tables are padded so the raw text lines up in a terminal too. Browser-safe.
 */
import { validationRowCount } from '../data/preprocess';
import type { ClassificationMetrics, EvaluationReport, RegressionMetrics } from '../shared/evaluation';

type Align = 'left' | 'right';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A pipe table with every column padded to its widest cell. */
function table(header: string[], rows: string[][], align: Align[]): string[] {
  const widths = header.map((title, c) => Math.max(3, title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => `| ${cells.map((text, c) => (align[c] === 'right' ? text.padStart(widths[c]) : text.padEnd(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((width, c) => (align[c] === 'right' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

function percent(value: number): string {
  return `${(100 * value).toFixed(2)}%`;
}

function score(value: number): string {
  return value.toFixed(3);
}

/** Four significant digits, without an exponent for ordinary magnitudes. */
function figure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-4 && magnitude < 1e9 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

function rowsText(count: number): string {
  return `${count} row${count === 1 ? '' : 's'}`;
}

/** Which rows were evaluated, as a phrase: "the validation rows of `iris.csv` (30 of 150 ...)" or "`test.csv`, all 30 rows". */
function dataLine(report: EvaluationReport): string {
  const source = `\`${report.dataSource}\``;
  if (report.rows === 'validation' && report.split) {
    const { seed, validationSplit, shuffle, rows } = report.split;
    const held = `${shuffle ? '' : 'last '}${validationRowCount(rows, validationSplit)} of ${rows} rows`;
    const how = shuffle ? `seed ${seed}` : 'in the file\'s order';
    return `Data: the validation rows of ${source}: the ${held} the latest training run held out (${how}, validation split ${validationSplit}).`;
  }
  return `Data: ${source}, all ${rowsText(report.rowCount)}.`;
}

function classificationLines(metrics: ClassificationMetrics): string[] {
  const names = metrics.classes.map((c) => cell(c.name));
  const correct = metrics.confusion.counts.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const total = metrics.classes.reduce((sum, c) => sum + c.support, 0);
  const never = metrics.classes.filter((c) => c.predicted === 0).map((c) => cell(c.name));
  const perClass = metrics.classes.map((c, i) => [names[i], score(c.precision), score(c.recall), score(c.f1), String(c.support)]);
  perClass.push(['macro average', score(metrics.macro.precision), score(metrics.macro.recall), score(metrics.macro.f1), String(total)]);
  const confusion = metrics.confusion.counts.map((row, i) => [names[i], ...row.map(String)]);
  return [
    `- Accuracy: **${percent(metrics.accuracy)}** (${correct} of ${rowsText(total)} right)`,
    '',
    '## Per class',
    '',
    ...table(['Class', 'Precision', 'Recall', 'F1', 'Support'], perClass, ['left', 'right', 'right', 'right', 'right']),
    '',
    'Precision is defined as 0 for a class that is never predicted, recall as 0 for a class with no rows, and F1 as 0 when both are 0. ' +
      'The macro average is the plain mean over the classes; support counts the rows of each class.' +
      (never.length > 0 ? ` Never predicted here: ${never.join(', ')}.` : ''),
    '',
    '## Confusion matrix',
    '',
    'Rows: actual class; columns: predicted class.',
    '',
    ...table(['actual \\ predicted', ...names], confusion, ['left', ...names.map((): Align => 'right')]),
  ];
}

function regressionLines(metrics: RegressionMetrics): string[] {
  const rows = metrics.targets.map((t) => [cell(t.name), figure(t.mae), figure(t.rmse), t.r2.toFixed(4)]);
  if (metrics.targets.length > 1) {
    const { overall } = metrics;
    rows.push(['overall', figure(overall.mae), figure(overall.rmse), overall.r2.toFixed(4)]);
  }
  const first = metrics.targets[0];
  return [
    ...(metrics.targets.length === 1 ? [`- MAE **${figure(first.mae)}**, RMSE **${figure(first.rmse)}**, R² **${first.r2.toFixed(4)}**`, ''] : []),
    '## Per target',
    '',
    ...table(['Target', 'MAE', 'RMSE', 'R²'], rows, ['left', 'right', 'right', 'right']),
    '',
    'MAE (mean absolute error) and RMSE (root mean squared error) are in each target\'s own units. ' +
      'R² is 1 for perfect predictions and 0 for always predicting the mean' +
      (metrics.targets.length > 1 ? '; the overall MAE and RMSE are over every value, the overall R² is the mean of the columns\'.' : '.'),
  ];
}

export function evaluationMarkdown(report: EvaluationReport, modelName: string): string {
  const metrics = report.metrics;
  const loss = metrics.task === 'classification' ? 'CrossEntropy' : 'MSE';
  const lines = [
    `# Evaluation of ${cell(modelName)}`,
    '',
    dataLine(report),
    '',
    ...(metrics.task === 'classification' ? classificationLines(metrics) : regressionLines(metrics)),
    '',
    `Loss (${loss}, as training computes it): ${figure(report.loss)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One line for a notification and the log: where, how many rows, and the headline figures. */
export function evaluationHeadline(report: EvaluationReport, modelName: string): string {
  const where = report.rows === 'validation' ? `the validation rows of ${report.dataSource}` : report.dataSource;
  const metrics = report.metrics;
  const figures = metrics.task === 'classification'
    ? `accuracy ${percent(metrics.accuracy)}, macro F1 ${score(metrics.macro.f1)}`
    : `MAE ${figure(metrics.overall.mae)}, RMSE ${figure(metrics.overall.rmse)}, R² ${metrics.overall.r2.toFixed(4)}`;
  return `${modelName} on ${where} (${rowsText(report.rowCount)}): ${figures}`;
}
