/** What training, evaluation and prediction share: the data spec in effect, width checks, target tensors. */
import { Tensor } from '../engine/index';
import type { Dataset, Task } from '../data/dataset';
import { DataError } from '../data/errors';
import { taskOfLoss } from '../data/preprocess';
import type { DataSpec, NnJsonModel } from '../shared/nnjson';
import { datasetFacts, widthProblems } from '../model/data-fit';
import type { DataLocation } from './load-data';

export interface DataChoice extends DataLocation {
  /** Use this source instead of `data.source` (`builtin:NAME`, or a CSV path absolute or relative to modelDir). */
  dataOverride?: string;
}

export function taskOf(model: NnJsonModel): Task {
  return taskOfLoss(model.loss.type);
}

/** The model names no data and no other source was given; the command line adds how to give one there. */
export class MissingDataError extends DataError {
  constructor() {
    super('the model has no "data" setting: add "data": { "source": "builtin:xor" } (or a CSV path)');
    this.name = 'MissingDataError';
  }
}

/** The model's data settings with the override's source, or a MissingDataError. */
export function dataSpecOf(model: NnJsonModel, dataOverride?: string): DataSpec {
  if (dataOverride !== undefined) return { ...(model.data ?? {}), source: dataOverride };
  if (!model.data) throw new MissingDataError();
  return model.data;
}

/**
 * The data's input and output widths must match the network's (the rule the builder and the Problems panel show,
 * src/model/data-fit.ts); the message says which setting to change. `source` names the data in the message.
 */
export function checkWidths(model: NnJsonModel, dataset: Dataset, source?: string): void {
  const [problem] = widthProblems(model, datasetFacts(dataset, source));
  if (problem) throw new DataError(problem.message);
}

/** Targets as the criterion wants them: one-hot rows for classification, the numbers for regression. */
export function targetTensor(dataset: Dataset): Tensor {
  if (dataset.task === 'regression') return new Tensor(dataset.rows, dataset.targetCols, dataset.y);
  const classes = dataset.classNames?.length ?? 0;
  const oneHot = new Tensor(dataset.rows, classes);
  for (let r = 0; r < dataset.rows; r++) oneHot.data[r * classes + dataset.y[r]] = 1;
  return oneHot;
}

export function inputTensor(dataset: Dataset): Tensor {
  return new Tensor(dataset.rows, dataset.cols, dataset.x);
}
