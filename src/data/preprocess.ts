/**
 * From a CSV table or a generated set to the numbers a network trains on, and back.
 *
 * - Targets: one text column of class labels (CrossEntropy) or one or more numeric columns (MSE).
 * - Features: `data.features`, else every other column; text columns are one-hot encoded.
 * - Normalisation of numeric feature columns and (optionally) of regression targets is fitted on the training
 *   split only; the fitted values are stored in `data.fitted` so evaluation and prediction apply exactly the same.
 *
 * Browser-safe.
 */
import type { DataSpec, FittedPreprocessing, Normalization, RecordedSplit } from '../shared/nnjson';
import type { CsvTable, CsvTableOptions, RequiredColumn, TextColumn } from './csv-table';
import { selectRows, type Dataset, type Task } from './dataset';
import { DataError } from './errors';
import { isIdxSource } from './idx';
import { dataRandom } from './data-random';

/** What is stored under `data.fitted`. */
export type FittedData = FittedPreprocessing;

/** A data set before normalisation, with what is needed to fit it. */
export interface EncodedData {
  dataset: Dataset;
  /** Per input column: true for a numeric feature (normalised), false for a one-hot column (left as 0/1). */
  numericInputs: boolean[];
  /** Source feature columns, in order. */
  featureColumns: string[];
  /** Levels of each text feature column, in one-hot order. */
  categories: Record<string, string[]>;
  /** Whether the target columns were present (prediction data may lack them). */
  hasTargets: boolean;
}

const NORMALIZATIONS: readonly Normalization[] = ['standard', 'minmax', 'none'];

const REGRESSION_TARGET_FIX =
  'an MSE target must hold numbers; for class labels use the loss CrossEntropy (with a SoftMax output), or set data.target to a numeric column';

export function taskOfLoss(lossType: string): Task {
  return lossType === 'CrossEntropy' ? 'classification' : 'regression';
}

/** `data.normalize`, defaulting to standard for CSV files and none for generated sets. */
export function featureNormalization(spec: DataSpec): Normalization {
  // generated sets and IDX pictures (scaled to [0, 1]) are used as they are
  return checkedNormalization(spec.normalize, 'normalize', spec.source.startsWith('builtin:') || isIdxSource(spec.source) ? 'none' : 'standard');
}

export function targetNormalization(spec: DataSpec): Normalization {
  return checkedNormalization(spec.normalizeTarget, 'normalizeTarget', 'none');
}

function checkedNormalization(value: unknown, option: string, fallback: Normalization): Normalization {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (NORMALIZATIONS as string[]).includes(value)) return value as Normalization;
  throw new DataError(`data.${option} is ${JSON.stringify(value)}: use "standard", "minmax" or "none"`);
}

/** The target column names of a CSV data spec. */
export function targetColumnsOf(spec: DataSpec): string[] {
  const target = spec.target;
  if (typeof target === 'string' && target.length > 0) return [target];
  if (Array.isArray(target) && target.length > 0 && target.every((t) => typeof t === 'string' && t.length > 0)) {
    return target;
  }
  throw new DataError('data.target is missing: set it to the name of the column to predict (or a list of columns for MSE)');
}

function explicitFeatures(spec: DataSpec, fitted: FittedData | undefined): string[] | undefined {
  const features = spec.features ?? fitted?.featureColumns;
  if (features === undefined) return undefined;
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    throw new DataError('data.features must be a list of column names, e.g. ["age", "height"]');
  }
  return features;
}

/**
 * How to read the CSV for this spec. With `requireTargets` false (prediction), target columns are read when
 * present but not demanded.
 */
export function csvOptionsFor(spec: DataSpec, task: Task, requireTargets: boolean): CsvTableOptions {
  const fitted = spec.fitted as FittedData | undefined;
  const targets = targetColumnsOf(spec);
  if (task === 'classification' && targets.length !== 1) {
    throw new DataError(`data.target lists ${targets.length} columns: CrossEntropy needs exactly one column of class labels`);
  }
  const features = explicitFeatures(spec, fitted);
  const required: RequiredColumn[] = [];
  if (requireTargets) for (const name of targets) required.push({ name, role: 'target column', setting: 'data.target' });
  for (const name of features ?? []) {
    if (targets.includes(name)) throw new DataError(`data.features lists "${name}", which is also data.target: remove it from data.features`);
    required.push({ name, role: 'feature column', setting: 'data.features' });
  }
  const fittedNumeric = fitted?.featureColumns?.filter((c) => !(fitted.categories && c in fitted.categories)) ?? [];
  const fittedText = fitted?.categories ? Object.keys(fitted.categories) : [];
  return {
    required,
    keep: features ? [...targets, ...features] : undefined,
    textColumns: [...(task === 'classification' ? targets : []), ...fittedText],
    numericColumns: [...(task === 'regression' ? targets : []), ...fittedNumeric],
    numericFixes: task === 'regression' ? Object.fromEntries(targets.map((name) => [name, REGRESSION_TARGET_FIX])) : undefined,
  };
}

function compareLabels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Labels in sorted order: numerically when every label is a number ("2" before "10"), else by text. */
export function sortLabels(labels: readonly string[]): string[] {
  const allNumeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return [...labels].sort(allNumeric ? compareLabels : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function classListOf(spec: DataSpec, column: TextColumn): string[] {
  if (Array.isArray(spec.classes)) {
    if (!spec.classes.every((c) => typeof c === 'string')) {
      throw new DataError('data.classes must be a list of class labels as strings, e.g. ["setosa", "versicolor"]');
    }
    if (new Set(spec.classes).size !== spec.classes.length) {
      throw new DataError('data.classes lists a label twice: keep each label once');
    }
    return spec.classes;
  }
  return sortLabels(column.levels);
}

/** Turn a CSV table into an unnormalised data set, following the spec (and `fitted`, when predicting). */
export function encodeTable(table: CsvTable, spec: DataSpec, task: Task): EncodedData {
  const fitted = spec.fitted as FittedData | undefined;
  const targets = targetColumnsOf(spec);
  const hasTargets = targets.every((t) => table.columns.has(t));
  const featureColumns = explicitFeatures(spec, fitted) ?? table.header.filter((h) => !targets.includes(h));
  if (featureColumns.length === 0) {
    throw new DataError(`${table.source}: no feature columns: the file needs at least one column besides data.target`);
  }

  const inputNames: string[] = [];
  const numericInputs: boolean[] = [];
  const categories: Record<string, string[]> = {};
  for (const name of featureColumns) {
    const column = table.columns.get(name);
    if (!column) throw new DataError(`${table.source}: row 1: unknown feature column "${name}": set data.features to columns of the file`);
    if (column.kind === 'numeric') {
      inputNames.push(name);
      numericInputs.push(true);
    } else {
      const levels = fitted?.categories?.[name] ?? [...column.levels].sort();
      categories[name] = levels;
      for (const level of levels) {
        inputNames.push(`${name}=${level}`);
        numericInputs.push(false);
      }
    }
  }

  const rows = table.rows;
  const cols = inputNames.length;
  const x = new Float32Array(rows * cols);
  let offset = 0;
  for (const name of featureColumns) {
    const column = table.columns.get(name)!;
    if (column.kind === 'numeric') {
      for (let r = 0; r < rows; r++) x[r * cols + offset] = column.values[r];
      offset += 1;
      continue;
    }
    const levels = categories[name];
    const position = column.levels.map((level) => levels.indexOf(level));
    for (let r = 0; r < rows; r++) {
      const p = position[column.codes[r]];
      if (p < 0) {
        throw new DataError(
          `${table.source}: row ${table.lines[r]}, column "${name}": "${column.levels[column.codes[r]]}" was not seen in training ` +
            `(known: ${levels.join(', ')}): use one of those values`,
        );
      }
      x[r * cols + offset + p] = 1;
    }
    offset += levels.length;
  }

  const base = { rows, cols, x, featureNames: inputNames, targetNames: targets };
  if (task === 'classification') {
    if (!hasTargets) {
      return { dataset: { ...base, task, y: new Float32Array(0), targetCols: 0, classNames: classesIfKnown(spec) }, numericInputs, featureColumns, categories, hasTargets };
    }
    const column = table.columns.get(targets[0])!;
    if (column.kind !== 'text') throw new Error('class label column was not read as text');
    const classNames = classListOf(spec, column);
    const index = column.levels.map((level) => classNames.indexOf(level));
    const y = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const k = index[column.codes[r]];
      if (k < 0) {
        throw new DataError(
          `${table.source}: row ${table.lines[r]}, column "${targets[0]}": class "${column.levels[column.codes[r]]}" is not in data.classes ` +
            `(${classNames.join(', ')}): add it to data.classes or remove the row`,
        );
      }
      y[r] = k;
    }
    return { dataset: { ...base, task, y, targetCols: 1, classNames }, numericInputs, featureColumns, categories, hasTargets };
  }

  if (!hasTargets) {
    return { dataset: { ...base, task, y: new Float32Array(0), targetCols: 0 }, numericInputs, featureColumns, categories, hasTargets };
  }
  const targetCols = targets.length;
  const y = new Float32Array(rows * targetCols);
  targets.forEach((name, t) => {
    const column = table.columns.get(name)!;
    if (column.kind !== 'numeric') throw new Error('regression target column was not read as numbers');
    for (let r = 0; r < rows; r++) y[r * targetCols + t] = column.values[r];
  });
  return { dataset: { ...base, task, y, targetCols }, numericInputs, featureColumns, categories, hasTargets };
}

/** data.classes when it lists class labels (as training writes them), else undefined. */
export function classesIfKnown(spec: DataSpec): string[] | undefined {
  return Array.isArray(spec.classes) && spec.classes.every((c) => typeof c === 'string') ? spec.classes : undefined;
}

/** A generated set as encoded data: every input is numeric, targets always present. */
export function encodeGenerated(dataset: Dataset): EncodedData {
  return {
    dataset,
    numericInputs: new Array<boolean>(dataset.cols).fill(true),
    featureColumns: dataset.featureNames,
    categories: {},
    hasTargets: true,
  };
}

export interface Scaling {
  offset: number[];
  scale: number[];
}

/** Fit per-column offset and scale on row-major `values` ([rows, cols]); columns with `fit[c]` false stay (0, 1). */
export function fitScaling(values: Float32Array, rows: number, cols: number, method: Normalization, fit?: boolean[]): Scaling {
  const offset = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(1);
  if (method === 'none' || rows === 0) return { offset, scale };
  for (let c = 0; c < cols; c++) {
    if (fit && !fit[c]) continue;
    if (method === 'standard') {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += values[r * cols + c];
      const mean = sum / rows;
      let squares = 0;
      for (let r = 0; r < rows; r++) {
        const d = values[r * cols + c] - mean;
        squares += d * d;
      }
      const std = Math.sqrt(squares / rows);
      offset[c] = mean;
      scale[c] = std > 1e-12 ? std : 1;
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < rows; r++) {
        const v = values[r * cols + c];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      offset[c] = min;
      scale[c] = max - min > 1e-12 ? max - min : 1;
    }
  }
  // 7 significant digits (float32 precision) keep the file readable; training applies the rounded values too
  return { offset: offset.map(roundFitted), scale: scale.map(roundFitted) };
}

function roundFitted(value: number): number {
  return Number(value.toPrecision(7));
}

/** values = (values - offset) / scale, per column, in place. */
export function applyScaling(values: Float32Array, cols: number, offset: readonly number[], scale: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const c = i % cols;
    values[i] = (values[i] - offset[c]) / scale[c];
  }
}

/** values = values * scale + offset, per column, in place (maps predictions back to target units). */
export function invertScaling(values: Float32Array, cols: number, offset: readonly number[], scale: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const c = i % cols;
    values[i] = values[i] * scale[c] + offset[c];
  }
}

/** How many of `rows` a split of `validationSplit` holds out: at least one when asked for and rows are to spare. */
export function validationRowCount(rows: number, validationSplit: number): number {
  return validationSplit > 0 && rows >= 2 ? Math.min(rows - 1, Math.max(1, Math.round(rows * validationSplit))) : 0;
}

/** How rows are split: the options a run records in `data.fitted.split`, without the row count. */
export type SplitOptions = Omit<RecordedSplit, 'rows'>;

/**
 * The training and validation rows: the last `validationSplit` fraction of the rows is held out, after shuffling
 * them with the seed when `shuffle` is on, and in the file's order when it is off (as Keras's `validation_split`).
 * The one place the split is made: training records its options in `data.fitted.split`, and
 * src/insight/held-out-data.ts finds the same rows again with them.
 */
export function splitRows(rows: number, { validationSplit, seed, shuffle }: SplitOptions): { train: Uint32Array; validation: Uint32Array } {
  if (!(validationSplit >= 0 && validationSplit < 1)) {
    throw new DataError(`training.validationSplit is ${validationSplit}: use a fraction from 0 up to (not including) 1, e.g. 0.2`);
  }
  const inFileOrder = Uint32Array.from({ length: rows }, (_, i) => i);
  const order = shuffle ? dataRandom(seed).shuffle(inFileOrder) : inFileOrder;
  const validationCount = validationRowCount(rows, validationSplit);
  if (rows - validationCount < 1) {
    throw new DataError(`only ${rows} rows: too few to hold out ${validationCount} for validation; lower training.validationSplit or add rows`);
  }
  return { train: order.subarray(0, rows - validationCount), validation: order.subarray(rows - validationCount) };
}

export interface PreparedData {
  /** The training rows, normalised, in the order of the split (the file's order without shuffling). */
  train: Dataset;
  /** The rows held out for validation, normalised; undefined when none are. */
  validation?: Dataset;
  fitted: FittedData;
}

export interface PrepareOptions extends SplitOptions {
  normalize: Normalization;
  normalizeTarget: Normalization;
  /** Reuse these fitted values instead of fitting (continuing a trained model). */
  fitted?: FittedData;
}

/** Split, fit normalisation on the training part only, and apply it to both parts. */
export function prepareForTraining(encoded: EncodedData, options: PrepareOptions): PreparedData {
  const { dataset } = encoded;
  const split = splitRows(dataset.rows, options);
  const train = selectRows(dataset, split.train);
  const validation = split.validation.length > 0 ? selectRows(dataset, split.validation) : undefined;

  let fitted: FittedData;
  if (options.fitted) {
    fitted = { ...options.fitted };
  } else {
    const features = fitScaling(train.x, train.rows, train.cols, options.normalize, encoded.numericInputs);
    fitted = {
      inputColumns: dataset.featureNames,
      featureColumns: encoded.featureColumns,
      featureOffset: features.offset,
      featureScale: features.scale,
    };
    if (Object.keys(encoded.categories).length > 0) fitted.categories = encoded.categories;
    if (dataset.task === 'regression') {
      if (options.normalizeTarget !== 'none') {
        const target = fitScaling(train.y, train.rows, train.targetCols, options.normalizeTarget);
        fitted.targetOffset = target.offset;
        fitted.targetScale = target.scale;
      }
    } else if (options.normalizeTarget !== 'none') {
      throw new DataError('data.normalizeTarget applies to MSE targets only: remove it for CrossEntropy models');
    }
  }
  // the run's own split, even when it reuses an earlier run's scaling: validation rows are found again from it
  fitted.split = { seed: options.seed, validationSplit: options.validationSplit, shuffle: options.shuffle, rows: dataset.rows };
  applyFitted(train, fitted);
  if (validation) applyFitted(validation, fitted);
  return { train, validation, fitted };
}

/** Apply fitted feature scaling (and target scaling, when targets are present) to a data set, in place. */
export function applyFitted(dataset: Dataset, fitted: FittedData): void {
  const { featureOffset, featureScale } = fitted;
  if (featureOffset && featureScale) {
    if (featureOffset.length !== dataset.cols || featureScale.length !== dataset.cols) {
      throw new DataError(
        `data.fitted holds scaling for ${featureOffset.length} input columns but the data gives ${dataset.cols}: ` +
          'train the model again on this data',
      );
    }
    applyScaling(dataset.x, dataset.cols, featureOffset, featureScale);
  }
  if (dataset.task === 'regression' && dataset.targetCols > 0 && fitted.targetOffset && fitted.targetScale) {
    applyScaling(dataset.y, dataset.targetCols, fitted.targetOffset, fitted.targetScale);
  }
}

/** Map network outputs for a regression model back to the target's units, in place. */
export function unscaleTargets(values: Float32Array, cols: number, fitted: FittedData | undefined): void {
  if (fitted?.targetOffset && fitted.targetScale) invertScaling(values, cols, fitted.targetOffset, fitted.targetScale);
}
