/** Progress figures reported by the training loop; shared by the engine, CLI, worker, extension and webview. */
import type { EpochRecord } from './nnjson';

export interface BatchProgress {
  /** 1-based epoch number */
  epoch: number;
  /** 1-based batch number within the epoch */
  batch: number;
  batchesPerEpoch: number;
  loss: number;
}

/** One finished epoch; the same shape as a `history` entry of the model file. */
export type EpochSummary = EpochRecord;

export type TrainingOutcome =
  | { status: 'completed' }
  | { status: 'stopped'; epoch: number; batch: number }
  | { status: 'diverged'; epoch: number; batch: number; message: string };
