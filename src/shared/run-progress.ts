/**
 * How far a training run is, in the words every view uses (the builder, the status bar, the progress notification,
 * the log). `training.epochs` counts per run while a trained model's history counts on, so a continued run's epoch
 * 1,092 is the 92nd of this run's 100. A run is known by its `started` event: `startEpoch` (epochs already in the
 * history) and `epochs`. Runs are not numbered: the file does not record where one run ended and the next began
 * (one history record per epoch), so a number would be a guess, or restart at 1 whenever VS Code does.
 */
import { formatCount } from '../model/shapes';
import type { TrainingStartInfo } from './training-events';

export type RunSpan = Pick<TrainingStartInfo, 'startEpoch' | 'epochs'>;

/** `epoch` is numbered over the whole history, as the engine numbers it: "epoch 92 of 100 in this run (1,092 in total)". */
export function runEpochText(run: RunSpan, epoch: number): string {
  const inRun = `epoch ${formatCount(epoch - run.startEpoch)} of ${formatCount(run.epochs)}`;
  return run.startEpoch > 0 ? `${inRun} in this run (${formatCount(epoch)} in total)` : inRun;
}

/** Fraction of this run done after `batch` of `batchesPerEpoch` in history epoch `epoch` (1-based). */
export function runFraction(run: RunSpan, epoch: number, batch: number, batchesPerEpoch: number): number {
  const done = epoch - 1 - run.startEpoch + batch / Math.max(1, batchesPerEpoch);
  return Math.min(1, Math.max(0, done / Math.max(1, run.epochs)));
}
