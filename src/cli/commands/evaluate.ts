/**
 * `nnjson eval MODEL [--data SRC | --validation] [--json]`: the evaluation report (accuracy, per-class precision,
 * recall, F1 and the confusion matrix; or MAE, RMSE and R² per target), as Markdown text or one JSON object.
 */
import { basename } from 'node:path';
import { evaluationMarkdown } from '../../insight/evaluation-report';
import type { EvaluationReport } from '../../shared/evaluation';
import { evaluateModel } from '../../training/evaluate-model';
import { booleanFlag, parseArgs, UsageError } from '../args';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { modelOnData } from './data-flag';

export const EVAL_USAGE = 'nnjson eval MODEL [--data SRC | --validation] [--json]';

/** The report as one flat-topped object: the headline figures first (loss, accuracy or mse and r2), then the detail. */
export function evaluationJson(report: EvaluationReport): Record<string, unknown> {
  const base = { data: report.dataSource, rows: report.rows, rowCount: report.rowCount, ...(report.split ? { split: report.split } : {}), loss: report.loss };
  const metrics = report.metrics;
  if (metrics.task === 'classification') {
    return {
      ...base,
      accuracy: metrics.accuracy,
      macro: metrics.macro,
      classes: metrics.classes,
      confusion: { classNames: metrics.confusion.classNames, counts: metrics.confusion.counts },
    };
  }
  const { overall } = metrics;
  return { ...base, mse: overall.mse, r2: overall.r2, mae: overall.mae, rmse: overall.rmse, targets: metrics.targets };
}

export async function evalCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'eval', { data: { value: true }, validation: { value: false }, json: { value: false } });
  const validation = booleanFlag(args, 'validation');
  if (validation && args.flags.has('data')) {
    throw new UsageError('nnjson eval: --validation evaluates the rows the model\'s own data held out; leave out --data, or leave out --validation to evaluate every row of SRC');
  }
  const { file, options } = modelOnData(args, EVAL_USAGE);
  const report = await forModel(file, evaluateModel({ ...options, rows: validation ? 'validation' : 'all' }));
  io.stdout(booleanFlag(args, 'json') ? JSON.stringify(evaluationJson(report)) : evaluationMarkdown(report, basename(file)).trimEnd());
  return 0;
}
