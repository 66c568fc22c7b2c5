/**
 * TypeScript shape of a `.nnjson` document, version 1 (see docs/nnjson.md and schemas/nnjson.schema.json).
 * Shared by the engine bridge, the CLI, the extension host, the worker and the webview: no Node or DOM imports.
 */

export const NNJSON_FORMAT = 'nnjson';
export const NNJSON_VERSION = 1;

export type LayerType = 'Linear' | 'ReLU' | 'LeakyReLU' | 'Sigmoid' | 'SoftMax' | 'Dropout' | 'BatchNorm';
export const LAYER_TYPES: readonly LayerType[] = ['Linear', 'ReLU', 'LeakyReLU', 'Sigmoid', 'SoftMax', 'Dropout', 'BatchNorm'];

/** `in` may be left out: it is then the width coming into the layer (src/model/layer-widths.ts). */
export interface LinearLayer { type: 'Linear'; id: string; in?: number; out: number; bias?: boolean }
export interface ReLULayer { type: 'ReLU'; id: string }
export interface LeakyReLULayer { type: 'LeakyReLU'; id: string; slope?: number }
export interface SigmoidLayer { type: 'Sigmoid'; id: string }
export interface SoftMaxLayer { type: 'SoftMax'; id: string }
export interface DropoutLayer { type: 'Dropout'; id: string; p?: number }
/** `features` may be left out: it is then the width coming into the layer. */
export interface BatchNormLayer { type: 'BatchNorm'; id: string; features?: number; eps?: number; momentum?: number }

export type LayerSpec =
  | LinearLayer | ReLULayer | LeakyReLULayer | SigmoidLayer | SoftMaxLayer | DropoutLayer | BatchNormLayer;

/** A layer with its inferred widths filled in (`Linear.in`, `BatchNorm.features`): what the engine builds. */
export type ResolvedLayerSpec =
  | Exclude<LayerSpec, LinearLayer | BatchNormLayer>
  | (LinearLayer & { in: number })
  | (BatchNormLayer & { features: number });

export type LossType = 'MSE' | 'CrossEntropy';
export const LOSS_TYPES: readonly LossType[] = ['MSE', 'CrossEntropy'];
export interface LossSpec { type: LossType }

export type OptimizerType = 'SGD' | 'Momentum' | 'RMSProp' | 'Adam' | 'Nadam';
export const OPTIMIZER_TYPES: readonly OptimizerType[] = ['SGD', 'Momentum', 'RMSProp', 'Adam', 'Nadam'];
export interface OptimizerSpec {
  type: OptimizerType;
  lr?: number;
  momentum?: number;
  beta?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** The seed's defaults (nnjson-v1 contract). */
export const OPTIMIZER_DEFAULTS = {
  SGD: { lr: 1e-3 },
  Momentum: { lr: 1e-3, momentum: 0.9 },
  RMSProp: { lr: 1e-3, beta: 0.9, eps: 1e-8 },
  Adam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  Nadam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
} as const satisfies Record<OptimizerType, Partial<OptimizerSpec>>;

export interface TrainingSpec {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  validationSplit?: number;
  seed?: number;
  /** Most epoch records the file keeps: recent ones in full, older ones thinned (0 keeps every epoch). */
  historyLimit?: number;
}

export const TRAINING_DEFAULTS: Required<TrainingSpec> = {
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
  seconds: number;
}

export interface NnJsonModel {
  format: 'nnjson';
  version: number;
  name?: string;
  description?: string;
  input: { size: number };
  layers: LayerSpec[];
  loss: LossSpec;
  optimizer: OptimizerSpec;
  training?: TrainingSpec;
  data?: DataSpec;
  /** Written as "stopped" by a run stopped before its last epoch; removed by a run that completes. */
  trainingStatus?: 'stopped';
  parameters?: ParametersJson;
  history?: EpochRecord[];
  [unknownKey: string]: unknown;
}

/** Settings each layer type accepts, in the order the writer puts them (after `type` and `id`). */
export const LAYER_SETTINGS: Readonly<Record<LayerType, readonly string[]>> = {
  Linear: ['in', 'out', 'bias'],
  ReLU: [],
  LeakyReLU: ['slope'],
  Sigmoid: [],
  SoftMax: [],
  Dropout: ['p'],
  BatchNorm: ['features', 'eps', 'momentum'],
};

/** Defaults of the optional layer settings (nnjson-v1 contract). */
export const LAYER_DEFAULTS = {
  Linear: { bias: true },
  LeakyReLU: { slope: 0.03 },
  Dropout: { p: 0.5 },
  BatchNorm: { eps: 1e-5, momentum: 0.1 },
} as const;

/** Names of the tensors stored under `parameters.<layer id>` for each layer type (Linear without bias has no `b`). */
export const LAYER_PARAMETER_NAMES: Readonly<Record<LayerType, readonly string[]>> = {
  Linear: ['W', 'b'],
  ReLU: [],
  LeakyReLU: [],
  Sigmoid: [],
  SoftMax: [],
  Dropout: [],
  BatchNorm: ['gamma', 'beta', 'runningMean', 'runningVar'],
};

/** Settings each optimizer type uses, in writer order (after `type`). */
export const OPTIMIZER_SETTINGS: Readonly<Record<OptimizerType, readonly string[]>> = {
  SGD: ['lr'],
  Momentum: ['lr', 'momentum'],
  RMSProp: ['lr', 'beta', 'eps'],
  Adam: ['lr', 'beta1', 'beta2', 'eps'],
  Nadam: ['lr', 'beta1', 'beta2', 'eps'],
};

/** Top-level keys in writer order; unknown keys follow `data`, then `history`, then `parameters`. */
export const TOP_LEVEL_KEYS = [
  'format', 'version', 'name', 'description', 'input', 'layers', 'loss', 'optimizer', 'training', 'data', 'trainingStatus',
] as const;
export const TRAILING_TOP_LEVEL_KEYS = ['history', 'parameters'] as const;
export const REQUIRED_TOP_LEVEL_KEYS = ['format', 'version', 'input', 'layers', 'loss', 'optimizer'] as const;

export const TRAINING_KEYS = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'seed', 'historyLimit'] as const;
export const EPOCH_RECORD_KEYS = ['epoch', 'loss', 'valLoss', 'accuracy', 'valAccuracy', 'seconds'] as const;
export const NORMALIZATIONS: readonly Normalization[] = ['standard', 'minmax', 'none'];

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && (LAYER_TYPES as readonly string[]).includes(value);
}

export function isOptimizerType(value: unknown): value is OptimizerType {
  return typeof value === 'string' && (OPTIMIZER_TYPES as readonly string[]).includes(value);
}
