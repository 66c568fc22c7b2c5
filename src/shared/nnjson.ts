/**
 * TypeScript shape of a `.nnjson` document, version 1 (see docs/nnjson.md and schemas/nnjson.schema.json).
 * Shared by the engine bridge, the CLI, the extension host, the worker and the webview: no Node or DOM imports.
 */

export const NNJSON_FORMAT = 'nnjson';
export const NNJSON_VERSION = 1;

// The layer, loss and optimizer types derive from their descriptors in src/registry/ (one place per type).
import type { LayerSpec } from '../registry/layers/index';
import type { LossSpec } from '../registry/losses';
import type { OptimizerSpec } from '../registry/optimizers';
import type { EarlyStoppingSpec, LrScheduleSpec } from '../registry/training-controls';

export type { LayerSpec, LayerType, ResolvedLayerSpec } from '../registry/layers/index';
export type { LossSpec, LossType } from '../registry/losses';
export type { OptimizerSpec, OptimizerType } from '../registry/optimizers';
export type { EarlyStoppingSpec, LrScheduleSpec } from '../registry/training-controls';

export interface TrainingSpec {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  validationSplit?: number;
  seed?: number;
  /** Most epoch records the file keeps: recent ones in full, older ones thinned (0 keeps every epoch). */
  historyLimit?: number;
  // the training controls, described in src/registry/training-controls.ts; none of them has a default
  lrSchedule?: LrScheduleSpec;
  clipGradNorm?: number;
  earlyStopping?: EarlyStoppingSpec;
}

/** The training settings that take a default when the file leaves them out. */
export type TrainingBasics = Required<Omit<TrainingSpec, 'lrSchedule' | 'clipGradNorm' | 'earlyStopping'>>;

export const TRAINING_DEFAULTS: TrainingBasics = {
  epochs: 20,
  batchSize: 32,
  shuffle: true,
  validationSplit: 0.2,
  seed: 42,
  historyLimit: 1000,
};

export type Normalization = 'standard' | 'minmax' | 'none';

/** Fitted preprocessing written under `data` after training, so predict applies what training applied. */
export interface FittedPreprocessing {
  /** Names of the model's input columns after one-hot expansion, in order. */
  inputColumns?: string[];
  /** Per input column: subtract `offset`, divide by `scale`. */
  featureOffset?: number[];
  featureScale?: number[];
  /** One-hot encodings of categorical feature columns: column name -> category list. */
  categories?: Record<string, string[]>;
  targetOffset?: number[];
  targetScale?: number[];
  /** The source columns the inputs come from, before one-hot expansion (so predict picks the same columns). */
  featureColumns?: string[];
  /** How the latest run split the rows into training and validation rows, so they can be found again. */
  split?: RecordedSplit;
}

/** The split a training run made (see `splitRows`): the same options and row count give the same rows. */
export interface RecordedSplit {
  /** The seed the run used (the file's `training.seed`, a `--seed` override or the editor's default seed). */
  seed: number;
  /** The share of rows held out for validation, `training.validationSplit` of that run. */
  validationSplit: number;
  /** Whether the rows were shuffled before the last ones were held out (`training.shuffle` of that run). */
  shuffle: boolean;
  /** Rows of the data the run split; a file with another number of rows cannot be split the same way. */
  rows: number;
}

export interface DataSpec {
  /** `builtin:NAME` or a CSV path relative to the model file's folder. */
  source: string;
  // builtin options
  samples?: number;
  noise?: number;
  classes?: number | string[];
  seed?: number;
  // CSV options
  target?: string | string[];
  features?: string[];
  normalize?: Normalization;
  normalizeTarget?: Normalization;
  /** IDX images (`source`): the path of their labels file, relative to the model file's folder. */
  labels?: string;
  fitted?: FittedPreprocessing;
  [option: string]: unknown;
}

export interface TensorJson {
  shape: number[];
  dtype: 'float32';
  /** base64 of little-endian float32, row-major */
  data?: string;
  /** accepted on reading in place of `data` */
  values?: number[];
}

export type ParametersJson = Record<string, Record<string, TensorJson>>;

export interface EpochRecord {
  epoch: number;
  loss: number;
  valLoss?: number;
  accuracy?: number;
  valAccuracy?: number;
  /** The learning rate of the epoch, written when `training.lrSchedule` sets it. */
  lr?: number;
  seconds: number;
  /** On the last epoch of a run early stopping ended: the best epoch (the one whose weights were kept with `restoreBest`). */
  bestEpoch?: number;
}

/**
 * The network's input, exactly one of: `size` features (a flat row), or `shape` [C, H, W], an image of C channels,
 * H rows and W columns, whose C·H·W values a data row gives in that (NCHW, row-major) order.
 */
export type InputSpec = { size: number; shape?: undefined } | { shape: number[]; size?: undefined };

/** The keys of `input`, in writer order. */
export const INPUT_KEYS = ['size', 'shape'] as const;

export interface NnJsonModel {
  format: 'nnjson';
  version: number;
  name?: string;
  description?: string;
  input: InputSpec;
  layers: LayerSpec[];
  loss: LossSpec;
  optimizer: OptimizerSpec;
  training?: TrainingSpec;
  data?: DataSpec;
  /**
   * Written as "stopped" by a run stopped before its last epoch, and as "stopped early at epoch N, best epoch M" by
   * one early stopping ended; removed by a run that completes.
   */
  trainingStatus?: string;
  parameters?: ParametersJson;
  history?: EpochRecord[];
  [unknownKey: string]: unknown;
}

/** Top-level keys in writer order; unknown keys follow `data`, then `history`, then `parameters`. */
export const TOP_LEVEL_KEYS = [
  'format', 'version', 'name', 'description', 'input', 'layers', 'loss', 'optimizer', 'training', 'data', 'trainingStatus',
] as const;
export const TRAILING_TOP_LEVEL_KEYS = ['history', 'parameters'] as const;
export const REQUIRED_TOP_LEVEL_KEYS = ['format', 'version', 'input', 'layers', 'loss', 'optimizer'] as const;

export const TRAINING_KEYS = [
  'epochs', 'batchSize', 'shuffle', 'validationSplit', 'seed', 'historyLimit', 'lrSchedule', 'clipGradNorm', 'earlyStopping',
] as const;
export const EPOCH_RECORD_KEYS = ['epoch', 'loss', 'valLoss', 'accuracy', 'valAccuracy', 'lr', 'seconds', 'bestEpoch'] as const;
export const NORMALIZATIONS: readonly Normalization[] = ['standard', 'minmax', 'none'];
