import type { LrScheduleSpec } from '../registry/training-controls';
import type { BatchProgress, EpochSummary, TrainingOutcome } from '../shared/training-events';
import { batchBounds, batchPools, gatherRows, identityIndices } from './batches';
import type { Criterion } from './criteria/criterion';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping';
import type { Sequential } from './layers/sequential';
import { learningRateAt } from './lr-schedule';
import { countCorrect } from './metrics';
import { stateTensors } from './named-parameters';
import type { Optimizer } from './optimizers/optimizer';
import type { Random } from './random';
import { Tensor } from './tensor';
import type { TensorPool } from './tensor-pool';
import { trainStep } from './train-step';

export interface TrainOptions {
  model: Sequential;
  criterion: Criterion;
  optimizer: Optimizer;
  /** The training rows: inputs [rows, features] and targets [rows, outputs] (one-hot rows for CrossEntropy). */
  x: Tensor;
  y: Tensor;
  /** Rows held out from training, evaluated after every epoch; none when absent. The caller splits the data. */
  validation?: { x: Tensor; y: Tensor };
  /** Epochs to run in this call. */
  epochs: number;
  batchSize: number;
  /** Reshuffle the training rows (with `rng`) before every epoch; without, batches follow the rows' order. */
  shuffle: boolean;
  rng: Random;
  /** Report accuracy (arg-max of output vs target, or the side of 0.5 for one column). */
  classification: boolean;
  onBatch?(progress: BatchProgress): void;
  onEpoch?(summary: EpochSummary): void;
  /** Polled before every batch; returning true ends training with outcome "stopped". */
  shouldStop?(): boolean;
  /** Epochs already done (when continuing a trained model): this call's epochs are numbered from startEpoch + 1. */
  startEpoch?: number;
  /** Sets the optimizer's learning rate before every epoch, from its rate at the start (epochs of this call from 0). */
  lrSchedule?: LrScheduleSpec;
  /** Clips the gradients to this global norm before every update. */
  clipGradNorm?: number;
  /** Stops once the validation figure stops improving; needs `validation`. */
  earlyStopping?: EarlyStoppingOptions;
}

export interface TrainResult {
  outcome: TrainingOutcome;
  /** One summary per epoch finished in this call; a stopped or diverged epoch is not included. */
  history: EpochSummary[];
}

export interface Evaluation {
  loss: number;
  accuracy?: number;
}

/** Longest stretch of work before giving the event loop a turn (a stop request, a SIGINT handler, messages). */
const YIELD_EVERY_MS = 50;
const EVALUATION_BATCH = 256;

/**
 * Trains `model` in mini-batches and reports progress. Between batches it checks `shouldStop` and, at least
 * every ~50 ms, yields to the event loop. A NaN or infinite batch loss stops training with outcome "diverged"
 * and a message naming the epoch and batch (1-based; the update of that batch is not applied). A stop reports
 * the epoch it interrupted and how many of its batches were done (0: stopped before the epoch began).
 * With a schedule, each summary has the epoch's learning rate; early stopping ends training "completed" with
 * `earlyStop`, after it marked the last summary with the best epoch (and wrote that epoch's weights back).
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { model, criterion, optimizer, x, y, validation, rng } = options;
  checkTrainOptions(options);
  const trainingRows = x.rows;
  const order = identityIndices(trainingRows);
  const validationIndices = identityIndices(validation?.x.rows ?? 0);
  const bounds = batchBounds(trainingRows, options.batchSize);
  const batchesPerEpoch = bounds.length - 1;
  const { inputs: inputBatches, targets: targetBatches } = batchPools(model);
  const params = model.parameters();
  const grads = model.gradParameters();
  const firstEpoch = (options.startEpoch ?? 0) + 1;
  const history: EpochSummary[] = [];
  const lr0 = optimizer.lr;
  const stopping = options.earlyStopping && new EarlyStopping(options.earlyStopping, stateTensors(model.modules));
  let lastYield = now();

  for (let epoch = firstEpoch; epoch < firstEpoch + options.epochs; epoch++) {
    const epochStart = now();
    if (options.lrSchedule) optimizer.lr = learningRateAt(options.lrSchedule, lr0, epoch - firstEpoch, options.epochs);
    if (options.shuffle) rng.shuffle(order);
    model.train();
    let lossSum = 0;
    let correct = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      if (options.shouldStop?.()) return { outcome: { status: 'stopped', epoch, batch: b }, history };
      const start = bounds[b];
      const count = bounds[b + 1] - start;
      const xb = gatherRows(x, order, start, count, inputBatches);
      const yb = gatherRows(y, order, start, count, targetBatches);
      const { loss, output } = trainStep(model, criterion, optimizer, xb, yb, params, grads, options.clipGradNorm);
      if (!Number.isFinite(loss)) {
        return { outcome: { status: 'diverged', epoch, batch: b + 1, message: divergenceMessage(loss, epoch, b + 1, optimizer) }, history };
      }
      lossSum += loss * count;
      if (options.classification) correct += countCorrect(output, yb);
      options.onBatch?.({ epoch, batch: b + 1, batchesPerEpoch, loss });
      if (now() - lastYield >= YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
    const summary: EpochSummary = { epoch, loss: lossSum / trainingRows, seconds: 0 };
    if (options.classification) summary.accuracy = correct / trainingRows;
    if (options.lrSchedule) summary.lr = optimizer.lr;
    if (validation && validationIndices.length > 0) {
      const held = evaluateRows(model, criterion, validation.x, validation.y, validationIndices, options.classification, inputBatches, targetBatches);
      summary.valLoss = held.loss;
      if (held.accuracy !== undefined) summary.valAccuracy = held.accuracy;
      if (!Number.isFinite(held.loss)) {
        const message = divergenceMessage(held.loss, epoch, batchesPerEpoch, optimizer, 'validation loss');
        return { outcome: { status: 'diverged', epoch, batch: batchesPerEpoch, message }, history };
      }
    }
    summary.seconds = (now() - epochStart) / 1000;
    const stop = stopping?.shouldStop(summary) === true;
    if (stop) {
      summary.bestEpoch = stopping.bestEpoch;
      if (options.earlyStopping?.restoreBest) stopping.restoreBest();
    }
    history.push(summary);
    options.onEpoch?.(summary);
    if (stop) return { outcome: { status: 'completed', earlyStop: { epoch, bestEpoch: stopping.bestEpoch } }, history };
  }
  return { outcome: { status: 'completed' }, history };
}

/** Loss (and accuracy for classification) of `model` on all rows of x/y, in evaluation mode and in batches. */
export function evaluate(model: Sequential, criterion: Criterion, x: Tensor, y: Tensor, classification: boolean): Evaluation {
  checkRows(x, y);
  const pools = batchPools(model);
  return evaluateRows(model, criterion, x, y, identityIndices(x.rows), classification, pools.inputs, pools.targets);
}

/** The network's outputs for every row of x, in evaluation mode and in batches, as a new tensor. */
export function predict(model: Sequential, x: Tensor): Tensor {
  let result: Tensor | null = null;
  forwardInBatches(model, x, (start, output) => {
    result ??= new Tensor(x.rows, output.cols);
    result.data.set(output.data, start * output.cols);
  });
  return result ?? new Tensor(0, 0);
}

/**
 * Every module's output for every row of x, in evaluation mode and in batches, as new tensors: entry i is what
 * modules[i] gives (the last entry equals `predict`). Looking inside a trained network: its feature maps.
 */
export function predictLayers(model: Sequential, x: Tensor): Tensor[] {
  const results: Tensor[] = [];
  forwardInBatches(model, x, (start) => {
    model.modules.forEach((_, index) => {
      const output = model.outputOf(index);
      results[index] ??= new Tensor(x.rows, output.cols);
      results[index].data.set(output.data, start * output.cols);
    });
  });
  return results;
}

/** Runs `model` in evaluation mode over the rows of x, EVALUATION_BATCH at a time; `take` reads each batch's output before the next. */
function forwardInBatches(model: Sequential, x: Tensor, take: (start: number, output: Tensor) => void): void {
  const wasTraining = model.training;
  model.eval();
  try {
    const indices = identityIndices(x.rows);
    const batches = batchPools(model).inputs;
    for (let start = 0; start < x.rows; start += EVALUATION_BATCH) {
      const count = Math.min(EVALUATION_BATCH, x.rows - start);
      take(start, model.forward(gatherRows(x, indices, start, count, batches)));
    }
  } finally {
    if (wasTraining) model.train();
  }
}

function evaluateRows(
  model: Sequential, criterion: Criterion, x: Tensor, y: Tensor, indices: Uint32Array, classification: boolean,
  inputBatches: TensorPool, targetBatches: TensorPool,
): Evaluation {
  const wasTraining = model.training;
  model.eval();
  try {
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < indices.length; start += EVALUATION_BATCH) {
      const count = Math.min(EVALUATION_BATCH, indices.length - start);
      const xb = gatherRows(x, indices, start, count, inputBatches);
      const yb = gatherRows(y, indices, start, count, targetBatches);
      const output = model.forward(xb);
      lossSum += criterion.forward(output, yb) * count;
      if (classification) correct += countCorrect(output, yb);
    }
    const rows = Math.max(indices.length, 1);
    const result: Evaluation = { loss: lossSum / rows };
    if (classification) result.accuracy = correct / rows;
    return result;
  } finally {
    if (wasTraining) model.train();
  }
}

function divergenceMessage(loss: number, epoch: number, batch: number, optimizer: Optimizer, what = 'loss'): string {
  return (
    `Training diverged at epoch ${epoch}, batch ${batch}: the ${what} became ${loss}. ` +
    `Lower the learning rate (${optimizer.type} lr is ${optimizer.lr}; try ${optimizer.lr / 10}), ` +
    'or normalise the input features.'
  );
}

function checkTrainOptions(options: TrainOptions): void {
  checkRows(options.x, options.y);
  if (!Number.isInteger(options.epochs) || options.epochs < 0) {
    throw new RangeError(`epochs must be a non-negative integer, got ${options.epochs}`);
  }
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${options.batchSize}`);
  }
  if (options.validation) checkRows(options.validation.x, options.validation.y);
  if (options.earlyStopping && !(options.validation && options.validation.x.rows > 0)) {
    throw new RangeError('early stopping watches the validation figures, but no rows are held out: set training.validationSplit above 0 (for example 0.2)');
  }
  if (options.x.rows < 1) throw new RangeError('no rows to train on: add data, or hold fewer rows out for validation');
}

function checkRows(x: Tensor, y: Tensor): void {
  if (x.rows !== y.rows) {
    throw new RangeError(`the inputs have ${x.rows} rows but the targets have ${y.rows}: they must pair up row by row`);
  }
}

function now(): number {
  return performance.now();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
