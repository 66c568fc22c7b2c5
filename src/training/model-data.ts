/** What training, evaluation and prediction share: the data spec in effect, width checks, target tensors. */
import { Tensor } from '../engine/index';
import type { Dataset, Task } from '../data/dataset';
import { DataError } from '../data/errors';
import { taskOfLoss } from '../data/preprocess';
import { inferShapes } from '../model/shapes';
import type { DataSpec, NnJsonModel } from '../shared/nnjson';
import type { DataLocation } from './load-data';

export interface DataChoice extends DataLocation {
  /** Use this source instead of `data.source` (`builtin:NAME`, or a CSV path absolute or relative to modelDir). */
  dataOverride?: string;
}

export function taskOf(model: NnJsonModel): Task {
  return taskOfLoss(model.loss.type);
}

/** The model's data settings with the override's source, or a DataError saying how to give data. */
export function dataSpecOf(model: NnJsonModel, dataOverride?: string): DataSpec {
  if (dataOverride !== undefined) return { ...(model.data ?? {}), source: dataOverride };
  if (!model.data) {
    throw new DataError('the model has no "data" setting: add "data": { "source": "builtin:xor" } (or a CSV path), or pass --data');
  }
  return model.data;
}

function lastLinearId(model: NnJsonModel): string | undefined {
  for (let i = model.layers.length - 1; i >= 0; i--) if (model.layers[i].type === 'Linear') return model.layers[i].id;
  return undefined;
}

/** The data's input and output widths must match the network's; the message says which setting to change. */
export function checkWidths(model: NnJsonModel, dataset: Dataset): void {
  const first = model.layers.find((layer) => layer.type === 'Linear');
  // its `in` is named only where the file states it; left out, it follows input.size
  const firstLinear = first?.type === 'Linear' && first.in !== undefined ? first : undefined;
  if (dataset.cols !== model.input.size) {
    const names = dataset.featureNames.length <= 8 ? ` (${dataset.featureNames.join(', ')})` : '';
    throw new DataError(
      `the data gives ${dataset.cols} input columns${names} but input.size is ${model.input.size}: ` +
        `set input.size${firstLinear ? ` and ${firstLinear.id}.in` : ''} to ${dataset.cols}, or choose data.features`,
    );
  }
  const outputs = inferShapes(model).outputWidth;
  const last = lastLinearId(model);
  const fix = (n: number): string => (last ? `set ${last}.out to ${n}` : `end the network with a Linear layer of ${n} outputs`);
  if (dataset.task === 'classification') {
    const classes = dataset.classNames ?? [];
    if (outputs !== classes.length) {
      const list = classes.length <= 12 ? ` (${classes.join(', ')})` : '';
      throw new DataError(`the data has ${classes.length} classes${list} but the network gives ${outputs} outputs: ${fix(classes.length)}`);
    }
  } else if (dataset.targetCols > 0 && outputs !== dataset.targetCols) {
    throw new DataError(`the data has ${dataset.targetCols} target columns but the network gives ${outputs} outputs: ${fix(dataset.targetCols)}`);
  }
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
