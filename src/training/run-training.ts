/**
 * Trains a model from its file settings: loads and preprocesses the data, builds the network (continuing from
 * stored parameters), runs the engine, and returns the updated model. Shared by the CLI and the extension's
 * worker. Node only (it reads CSV files).
 *
 * The returned model carries the new parameters, `data.fitted`, the class list (CSV data, when the file did not
 * fix it), the history of this run appended, and `"trainingStatus": "stopped"` when the run was stopped, or
 * "stopped early at epoch N, best epoch M" when early stopping ended it (the key is removed after a run that
 * completes). A diverged run returns the input model unchanged (its weights are
 * not worth keeping), and so does a run stopped before its first batch.
 */
import { createCriterion, createOptimizer, Random, train, type Sequential } from '../engine/index';
import { isBuiltinSource } from '../data/builtin';
import { featureNormalization, prepareForTraining, targetNormalization, type FittedData, type PreparedData } from '../data/preprocess';
import { TRAINING_DEFAULTS, type DataSpec, type NnJsonModel } from '../shared/nnjson';
import { compactHistory, epochsTrained } from '../model/history';
import { earlyStopText, type BatchProgress, type EpochSummary, type TrainingOutcome } from '../shared/training-events';
import { EARLY_STOPPING_SETTINGS } from '../registry/training-controls';
import { withDefaults } from '../registry/settings';
import type { Task } from '../data/dataset';
import { loadEncodedData } from './load-data';
import { checkWidths, dataSpecOf, inputTensor, targetTensor, taskOf, type DataChoice } from './model-data';
import { hasParameters, networkForModel, parametersOfNetwork } from '../model/network-state';
import { DataError } from '../data/errors';

export const TRAINING_STATUS_KEY = 'trainingStatus';

export interface TrainingOverrides {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  seed?: number;
}

export interface RunTrainingOptions extends DataChoice {
  model: NnJsonModel;
  overrides?: TrainingOverrides;
  /** Start from freshly initialised weights even when the file holds parameters. */
  restart?: boolean;
  onBatch?(progress: BatchProgress): void;
  /** After every epoch; `state` is the live network and the preprocessing in use (e.g. to draw a decision boundary). */
  onEpoch?(summary: EpochSummary, state: EpochState): void;
  /** Polled before every batch; true stops after the current batch. */
  shouldStop?(): boolean;
  /** Called once the data is loaded, before the first batch. */
  onDataReady?(summary: DataSummary): void;
  log?(line: string): void;
}

export interface EpochState {
  /** The network being trained (live: do not keep it past the callback, copy what you need). */
  network: Sequential;
  fitted: FittedData;
}

export interface DataSummary {
  task: Task;
  source: string;
  trainRows: number;
  validationRows: number;
  inputColumns: string[];
  classNames?: string[];
  epochs: number;
  batchSize: number;
  batchesPerEpoch: number;
  /** Epochs already in the history: this run continues from them. */
  startEpoch: number;
}

export interface RunTrainingResult {
  model: NnJsonModel;
  outcome: TrainingOutcome;
  /** Epochs finished in this run. */
  history: EpochSummary[];
  data: DataSummary;
  /** Batches trained in this run; 0 after a stop before the first batch (the model is then returned unchanged). */
  trainedBatches: number;
  /** The rows this run trained and validated on, normalised: its split, for figures on the held-out rows. */
  rows: Pick<PreparedData, 'train' | 'validation'>;
}

function positiveInteger(value: number | undefined, name: string, fallback: number, min: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < min) throw new DataError(`${name} is ${String(result)}: use a whole number of ${min} or more`);
  return result;
}

function fittedIsCompatible(fitted: FittedData | undefined, inputColumns: readonly string[]): fitted is FittedData {
  return fitted?.inputColumns !== undefined && fitted.inputColumns.length === inputColumns.length &&
    fitted.inputColumns.every((name, i) => name === inputColumns[i]);
}

function significant(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Number(value.toPrecision(digits));
}

/** History figures rounded for a readable, diff-friendly file (6 significant digits, milliseconds). */
function roundedRecord(record: EpochSummary): EpochSummary {
  const rounded: EpochSummary = { epoch: record.epoch, loss: significant(record.loss, 6)!, seconds: Math.round(record.seconds * 1000) / 1000 };
  if (record.valLoss !== undefined) rounded.valLoss = significant(record.valLoss, 6);
  if (record.accuracy !== undefined) rounded.accuracy = significant(record.accuracy, 6);
  if (record.valAccuracy !== undefined) rounded.valAccuracy = significant(record.valAccuracy, 6);
  if (record.lr !== undefined) rounded.lr = significant(record.lr, 6);
  if (record.bestEpoch !== undefined) rounded.bestEpoch = record.bestEpoch;
  return rounded;
}

export async function runTraining(options: RunTrainingOptions): Promise<RunTrainingResult> {
  const { model } = options;
  const overrides = options.overrides ?? {};
  const settings = { ...TRAINING_DEFAULTS, ...model.training };
  const epochs = positiveInteger(overrides.epochs, 'epochs', settings.epochs, 0);
  const batchSize = positiveInteger(overrides.batchSize, 'batch size', settings.batchSize, 1);
  const seed = overrides.seed ?? settings.seed;
  if (!Number.isInteger(seed)) throw new DataError(`seed is ${String(seed)}: use a whole number`);
  const lr = overrides.lr ?? model.optimizer.lr;
  if (lr !== undefined && !(lr > 0 && Number.isFinite(lr))) throw new DataError(`the learning rate is ${lr}: use a positive number such as 0.01`);

  const task = taskOf(model);
  const spec = dataSpecOf(model, options.dataOverride);
  const encoded = await loadEncodedData(spec, task, options, true, model.input.shape);
  checkWidths(model, encoded.dataset, spec.source);

  const continuing = !options.restart && hasParameters(model);
  const previous = spec.fitted as FittedData | undefined;
  const prepared = prepareForTraining(encoded, {
    validationSplit: settings.validationSplit,
    seed,
    shuffle: settings.shuffle,
    normalize: featureNormalization(spec),
    normalizeTarget: targetNormalization(spec),
    fitted: continuing && fittedIsCompatible(previous, encoded.dataset.featureNames) ? previous : undefined,
  });
  const startEpoch = continuing ? epochsTrained(model.history) : 0;
  if (settings.earlyStopping && !prepared.validation?.rows) {
    throw new DataError('training.earlyStopping watches the validation figures, but this run holds no rows out: set training.validationSplit above 0 (for example 0.2), or remove earlyStopping');
  }
  const summary: DataSummary = {
    task,
    source: spec.source,
    trainRows: prepared.train.rows,
    validationRows: prepared.validation?.rows ?? 0,
    inputColumns: encoded.dataset.featureNames,
    classNames: encoded.dataset.classNames,
    epochs,
    batchSize,
    batchesPerEpoch: Math.ceil(prepared.train.rows / batchSize),
    startEpoch,
  };
  options.onDataReady?.(summary);
  options.log?.(
    `data: ${spec.source}: ${summary.trainRows} training rows, ${summary.validationRows} validation rows, ` +
      `${summary.inputColumns.length} inputs${summary.classNames ? `, ${summary.classNames.length} classes` : ''}`,
  );

  const rng = new Random(seed);
  const base = options.restart ? { ...model, parameters: undefined } : model;
  const network = networkForModel(base, seed);
  let trainedBatches = 0;
  const rows = { train: prepared.train, validation: prepared.validation };
  const result = await train({
    model: network,
    criterion: createCriterion(model.loss.type),
    optimizer: createOptimizer({ ...model.optimizer, lr }),
    x: inputTensor(prepared.train),
    y: targetTensor(prepared.train),
    ...(prepared.validation ? { validation: { x: inputTensor(prepared.validation), y: targetTensor(prepared.validation) } } : {}),
    epochs,
    batchSize,
    shuffle: settings.shuffle,
    rng,
    classification: task === 'classification',
    onBatch: (progress) => {
      trainedBatches++;
      options.onBatch?.(progress);
    },
    onEpoch: (summary) => options.onEpoch?.(summary, { network, fitted: prepared.fitted }),
    shouldStop: options.shouldStop,
    startEpoch,
    lrSchedule: settings.lrSchedule,
    clipGradNorm: settings.clipGradNorm,
    earlyStopping: settings.earlyStopping && withDefaults(EARLY_STOPPING_SETTINGS, settings.earlyStopping),
  });

  if (result.outcome.status === 'diverged' || (result.outcome.status === 'stopped' && trainedBatches === 0)) {
    return { model, outcome: result.outcome, history: result.history, data: summary, trainedBatches, rows };
  }
  const data: DataSpec = { ...(model.data ?? spec) };
  data.fitted = prepared.fitted;
  if (task === 'classification' && !isBuiltinSource(spec.source) && !Array.isArray(data.classes) && summary.classNames) {
    data.classes = summary.classNames;
  }
  const updated: NnJsonModel = {
    ...model,
    data,
    history: compactHistory([...(continuing ? model.history ?? [] : []), ...result.history.map(roundedRecord)], settings.historyLimit),
    parameters: parametersOfNetwork(network, model),
  };
  if (result.outcome.status === 'stopped') updated[TRAINING_STATUS_KEY] = 'stopped';
  else if (result.outcome.earlyStop) updated[TRAINING_STATUS_KEY] = earlyStopText(result.outcome.earlyStop);
  else delete updated[TRAINING_STATUS_KEY];
  return { model: updated, outcome: result.outcome, history: result.history, data: summary, trainedBatches, rows };
}
