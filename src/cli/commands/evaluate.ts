/** `nnjson eval MODEL [--data SRC] [--json]`: loss and accuracy, or loss, MSE and R² in the target's units. */
import { evaluateModel } from '../../training/evaluate-model';
import { booleanFlag, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { modelOnData } from './data-flag';

export const EVAL_USAGE = 'nnjson eval MODEL [--data SRC] [--json]';

export async function evalCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'eval', { data: { value: true }, json: { value: false } });
  const { file, options } = modelOnData(args, EVAL_USAGE);
  const report = await forModel(file, evaluateModel(options));
  if (booleanFlag(args, 'json')) {
    const figures: Record<string, number> = { loss: report.loss };
    if (report.accuracy !== undefined) figures.accuracy = report.accuracy;
    if (report.mse !== undefined) figures.mse = report.mse;
    if (report.r2 !== undefined) figures.r2 = report.r2;
    io.stdout(JSON.stringify(figures));
    return 0;
  }
  const parts = [`rows ${report.rows}`, `loss ${report.loss.toFixed(4)}`];
  if (report.accuracy !== undefined) parts.push(`accuracy ${(report.accuracy * 100).toFixed(2)}%`);
  if (report.mse !== undefined) parts.push(`mse ${report.mse.toPrecision(4)}`);
  if (report.r2 !== undefined) parts.push(`r2 ${report.r2.toFixed(4)}`);
  io.stdout(parts.join('  '));
  return 0;
}
