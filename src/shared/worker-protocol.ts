/**
 * Messages between the extension host and the training worker (dist/worker.js). The host starts one Worker per
 * job with the job as `workerData`; the worker answers with WorkerMessage posts and exits when the job is done.
 * Stopping never waits for a message the busy worker would not read: the host sets a shared Int32 flag
 * (STOP_FLAG_INDEX of `stopFlag`) that the training loop reads with Atomics before every batch.
 */
import type { EvaluationReport, EvaluationRows } from './evaluation';
import type { HeldOutResults } from './held-out-images';
import type { NnJsonModel } from './nnjson';
import type { KernelPreference } from './kernel-preference';
import type { ConfusionMatrix, DecisionBoundary, TrainingOutcome, TrainingProgress } from './training-events';

/** Command-line-style overrides of the model's own training settings. */
export interface TrainingOverrideOptions {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
  /** Replaces `data.source`: `builtin:NAME` or a CSV path (absolute, or relative to the model's folder). */
  data?: string;
}

/**
 * Faults the integration tests inject to check how the extension handles a broken run.
 * `throw`: the worker throws an uncaught error after the first batch; `exit`: it exits with code 3.
 */
export type WorkerFault = 'throw' | 'exit';

interface JobBase {
  /** The model as read from the file (or the open document's current text). */
  model: NnJsonModel;
  /** Absolute folder of the model file: CSV paths are relative to it. */
  modelDir: string;
  /** In an untrusted workspace: CSV paths outside this folder are refused. */
  workspaceRoot?: string;
  kernels: KernelPreference;
}

export interface TrainJob extends JobBase {
  kind: 'train';
  overrides: TrainingOverrideOptions;
  /** Seed used when neither the file nor the overrides set one. */
  defaultSeed: number;
  /** Int32Array view over it; index STOP_FLAG_INDEX becomes 1 when the host asks to stop. */
  stopFlag: SharedArrayBuffer;
  /** At most one `batch` and one `epochs` message per this many milliseconds (the final message carries the rest). */
  batchIntervalMs: number;
  /** Cells per side of the decision-boundary grid (two-input classifiers); 0 turns it off. */
  boundaryResolution: number;
  fault?: WorkerFault;
}

export interface EvaluateJob extends JobBase {
  kind: 'evaluate';
  /** Data to evaluate on; the model's own `data.source` when absent. */
  dataSource?: string;
  /** Every row, or the rows the latest training run held out (of the model's own data). */
  rows: EvaluationRows;
}

export interface PredictJob extends JobBase {
  kind: 'predict';
  dataSource: string;
  includeInputs: boolean;
  /** Absolute path of the CSV to write (atomically); the host has checked it is neither the model nor a data file. */
  outputPath: string;
}

/**
 * What the builder shows of a classifier on its data's held-out rows (data the webview cannot read): the confusion
 * matrix, and for image data some of those images and the misclassified ones.
 */
export interface HeldOutJob extends JobBase {
  kind: 'heldOut';
}

export type WorkerJob = TrainJob | EvaluateJob | PredictJob | HeldOutJob;

export const STOP_FLAG_INDEX = 0;
export const STOP_REQUESTED = 1;

/** What a prediction job wrote. */
export interface PredictionFile {
  dataSource: string;
  outputPath: string;
  header: string[];
  /** Data rows written (the file has one more line, the header). */
  rows: number;
}

export type WorkerMessage =
  | TrainingProgress
  /** Training ended (completed, stopped or diverged) with the model updated by what was learned. */
  | { type: 'trained'; outcome: TrainingOutcome; model: NnJsonModel; confusion?: ConfusionMatrix; boundary?: DecisionBoundary }
  /** A line for the output channel (data loaded, kernels chosen, a fallback). */
  | { type: 'log'; line: string }
  | { type: 'evaluated'; report: EvaluationReport }
  | { type: 'predicted'; file: PredictionFile }
  | { type: 'heldOut'; results: HeldOutResults }
  /** The job could not run or broke; `message` names the place and the fix. */
  | { type: 'failed'; message: string; detail?: string };
