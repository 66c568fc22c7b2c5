/** `nnjson eval MODEL [--data SRC] [--json]`: loss and accuracy, or loss, MSE and R² in the target's units. */
import { dirname } from 'node:path';
import { evaluateModel } from '../../training/evaluate-model';
import { booleanFlag, expectPositionals, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { forModel } from '../model-errors';
import { loadModelFile } from '../model-file';
import { dataSourceFlag } from './data-flag';

export const EVAL_USAGE = 'nnjson eval MODEL [--data SRC] [--json]';

export async function evalCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'eval', { data: { value: true }, json: { value: false } });
  const [file] = expectPositionals(args, EVAL_USAGE, 1);
  const model = loadModelFile(file);
  const report = await forModel(file, evaluateModel({ model, modelDir: dirname(file), dataOverride: dataSourceFlag(args) }));
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
