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

/** Where early stopping ended a run (1-based epochs): the last epoch trained, and the best one. */
export interface EarlyStop {
  epoch: number;
  bestEpoch: number;
}

/** "stopped early at epoch 12, best epoch 7": the file's `trainingStatus`, and what the CLI and the builder say. */
export function earlyStopText(stop: EarlyStop): string {
  return `stopped early at epoch ${stop.epoch}, best epoch ${stop.bestEpoch}`;
}

export type TrainingOutcome =
  /** `earlyStop`: early stopping ended the run before its last epoch. */
  | { status: 'completed'; earlyStop?: EarlyStop }
  | { status: 'stopped'; epoch: number; batch: number }
  | { status: 'diverged'; epoch: number; batch: number; message: string };

/**
 * Predicted class probabilities over a grid covering the data's two input features, for models with two inputs
 * and a classification loss; the builder draws it under the data points as TensorFlow Playground does.
 * Coordinates are in the data's own units (before normalisation).
 */
export interface DecisionBoundary {
  /** Cells per side; the grid has resolution x resolution cells. */
  resolution: number;
  /** Range of feature 0 (horizontal) and feature 1 (vertical), cell centres span [min, max]. */
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  featureNames: [string, string];
  classNames: string[];
  /**
   * Row-major probabilities: cell (i, j) at x = xMin + i*(xMax-xMin)/(resolution-1), y = yMin + j*(yMax-yMin)/(resolution-1)
   * has class c's probability at index (j * resolution + i) * classNames.length + c.
   */
  probabilities: number[];
  /**
   * What each hidden layer's units compute over the same grid, for the pictures beside the layer cards (as
   * TensorFlow Playground draws its neurons); absent when nothing but the boundary was computed.
   */
  layers?: LayerActivations[];
}

/** One hidden layer's units over a decision-boundary grid; at most MAX_PICTURED_UNITS of them are sent. */
export interface LayerActivations {
  layerId: string;
  /** The layer's output width: more than `units.length` when only the first units are pictured. */
  width: number;
  units: UnitActivation[];
}

export interface UnitActivation {
  /** The largest |activation| over the grid (0 for a unit that is 0 everywhere). */
  scale: number;
  /** activation / scale per cell, in [-1, 1], row-major as `probabilities` (cell j * resolution + i). */
  values: number[];
}

/** Pictures per layer: a wider layer shows its first units (what a card has room for, and a small message). */
export const MAX_PICTURED_UNITS = 16;

/** Up to this many data points are sent with `started`, so the builder can draw them under the boundary. */
export const MAX_PREVIEW_POINTS = 1000;

/** A sample of two-feature classification data in the data's own units. */
export interface DataPoints {
  featureNames: [string, string];
  classNames: string[];
  /** x0, x1 per point. */
  x: number[];
  y: number[];
  /** Class index per point. */
  label: number[];
}

/** Counts on the validation split: counts[actual][predicted]. */
export interface ConfusionMatrix {
  classNames: string[];
  counts: number[][];
  /**
   * Rows it was computed on: the validation split, the training rows when a run had none, every row of a file
   * that does not record its split ('all'), or every row of the data given to Evaluate Model ('evaluation').
   */
  split: 'validation' | 'training' | 'all' | 'evaluation';
}

export interface TrainingStartInfo {
  epochs: number;
  batchSize: number;
  /** Epochs already in the model's history (training continues from there). */
  startEpoch: number;
  task: 'classification' | 'regression';
  trainRows: number;
  validationRows: number;
  points?: DataPoints;
}

/** A running training's progress: what the worker posts and the training service passes on to the builder as it is. */
export type TrainingProgress =
  | { type: 'started'; info: TrainingStartInfo }
  | { type: 'batch'; progress: BatchProgress }
  /**
   * Epochs that ended since the last report, in order: a fast model finishes thousands a second, more than the host
   * and the webview can take one message each. `boundary` is the decision boundary after the last of them.
   */
  | { type: 'epochs'; summaries: EpochSummary[]; boundary?: DecisionBoundary };

/** What the extension's training service reports for one model; the builder subscribes to these. */
export type TrainingEvent =
  | TrainingProgress
  /**
   * `written`: where the results went ('model' the file itself, 'copy' a sibling file after a conflict, 'nothing'
   * for a diverged run or discarded results). `boundary` is the final decision boundary (two-input classifiers).
   */
  | { type: 'finished'; outcome: TrainingOutcome; written: 'model' | 'copy' | 'nothing'; confusion?: ConfusionMatrix; boundary?: DecisionBoundary }
  | { type: 'failed'; message: string };

export interface TrainingServiceEvent {
  /** `vscode.Uri.toString()` of the model file. */
  uri: string;
  event: TrainingEvent;
}
