/**
 * The rows a trained classifier is shown on: a two-feature set as plane data for the decision boundary, and the
 * rows the latest training run held out, found again from the split it recorded (`data.fitted.split`) with the
 * same `splitRows`. Pure and browser-safe: the worker, the CLI and the webview share it.
 */
import { isBuiltinSource } from '../data/builtin';
import { selectRows, type Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { applyFitted, splitRows, validationRowCount, type FittedData } from '../data/preprocess';
import type { NnJsonModel, RecordedSplit } from '../shared/nnjson';
import type { ConfusionMatrix } from '../shared/training-events';
import { hasParameters } from '../model/network-state';
import type { HeldOutResults } from '../shared/held-out-images';
import type { ImageSampleSet } from '../shared/image-samples';
import { confusionMatrix } from './confusion-matrix';
import type { ClassProbabilities, PlaneData } from './decision-boundary';
import { heldOutImages } from './held-out-images';

export function planeDataOf(dataset: Dataset): PlaneData | undefined {
  if (dataset.cols !== 2 || dataset.task !== 'classification') return undefined;
  const names = dataset.featureNames;
  return {
    featureNames: [names[0] ?? 'x0', names[1] ?? 'x1'],
    classNames: dataset.classNames ?? [],
    x: dataset.x,
    label: dataset.y,
    rows: dataset.rows,
  };
}

/**
 * The split the latest run recorded, when the file holds a well-formed one (files trained before it was recorded do
 * not). A split recorded without `shuffle` comes from a version that shuffled before every split.
 */
export function recordedSplit(fitted: FittedData | undefined): RecordedSplit | undefined {
  const split: Partial<Record<keyof RecordedSplit, unknown>> | undefined = fitted?.split;
  if (!split || typeof split !== 'object') return undefined;
  const { seed, validationSplit, rows, shuffle = true } = split;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1) return undefined;
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1) || typeof shuffle !== 'boolean') return undefined;
  return { seed, validationSplit, shuffle, rows };
}

/** True when the latest run held rows out: "the validation rows" can then be evaluated. */
export function hasValidationRows(fitted: FittedData | undefined): boolean {
  const split = recordedSplit(fitted);
  return split !== undefined && validationRowCount(split.rows, split.validationSplit) > 0;
}

function indicesOf(dataset: Dataset, split: RecordedSplit, source: string): { train: Uint32Array; validation: Uint32Array } {
  if (dataset.rows !== split.rows) {
    throw new DataError(
      `${source} has ${dataset.rows} rows but training split ${split.rows}: the data changed since training, so the rows it held out ` +
        'are unknown; evaluate on the whole file, or train again',
    );
  }
  return splitRows(split.rows, split);
}

/**
 * The rows the latest run held out for validation, normalised as training normalised them. A DataError says what
 * to do when the file records no split, the run held no rows out, or the data has changed.
 */
export function validationRowsOf(dataset: Dataset, fitted: FittedData | undefined, source: string): Dataset {
  const split = recordedSplit(fitted);
  if (!split) {
    throw new DataError('the file does not record which rows training held out (data.fitted.split): train the model again, then evaluate on its validation rows');
  }
  const { validation } = indicesOf(dataset, split, source);
  if (validation.length === 0) {
    throw new DataError('the latest training run held no rows out (training.validationSplit was 0): evaluate on the whole data instead');
  }
  const rows = selectRows(dataset, validation);
  if (fitted) applyFitted(rows, fitted);
  return rows;
}

/**
 * The rows the builder's confusion matrix counts, normalised: the validation rows of the recorded split; all rows
 * when the run held none out ('training') or the file records no split ('all'). `indices` are their rows in `dataset`.
 */
export function heldOutRows(dataset: Dataset, fitted: FittedData | undefined, source: string): { rows: Dataset; split: ConfusionMatrix['split']; indices: Uint32Array } {
  const split = recordedSplit(fitted);
  const { validation } = split ? indicesOf(dataset, split, source) : { validation: new Uint32Array(0) };
  const indices = validation.length > 0 ? validation : Uint32Array.from({ length: dataset.rows }, (_, i) => i);
  const chosen = selectRows(dataset, indices);
  if (fitted) applyFitted(chosen, fitted);
  return { rows: chosen, split: validation.length > 0 ? 'validation' : split ? 'training' : 'all', indices };
}

/**
 * The confusion matrix of a classifier on its held-out rows (see heldOutRows) and, when `imageShape` is given, a few
 * of those images and the ones it gets wrong, from the same predictions; `raw` is the data before scaling.
 */
export function heldOutResults(
  raw: Dataset, fitted: FittedData | undefined, source: string, probabilities: ClassProbabilities, classNames: string[], imageShape?: ImageSampleSet['shape'],
): HeldOutResults {
  const held = heldOutRows(raw, fitted, source);
  const outputs = probabilities(held.rows.x, held.rows.rows);
  const confusion = confusionMatrix(outputs, held.rows.y, classNames, held.split);
  return imageShape ? { confusion, images: heldOutImages(raw, held.indices, held.split, outputs, classNames, imageShape) } : { confusion };
}

/** The confusion matrix of a classifier on normalised rows, labelled with which rows they are. */
export function confusionOf(rows: Dataset, split: ConfusionMatrix['split'], probabilities: ClassProbabilities, classNames: string[]): ConfusionMatrix {
  return confusionMatrix(probabilities(rows.x, rows.rows), rows.y, classNames, split);
}

/**
 * A trained classifier whose data is a file: the webview cannot read it, so the builder's confusion matrix comes
 * from the host. Generated sets are made in the webview itself.
 */
export function isTrainedFileClassifier(model: NnJsonModel): boolean {
  const source = model.data?.source;
  return model.loss.type === 'CrossEntropy' && hasParameters(model) && typeof source === 'string' && source.length > 0 && !isBuiltinSource(source);
}
