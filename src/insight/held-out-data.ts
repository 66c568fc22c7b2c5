/**
 * The rows a trained classifier is shown on: a two-feature set as plane data for the decision boundary, and the
 * rows training held out, for the confusion matrix. Pure and browser-safe: the worker and the webview share it.
 */
import { selectRows, type Dataset } from '../data/dataset';
import { applyFitted, splitRows, type FittedData } from '../data/preprocess';
import type { PlaneData } from './decision-boundary';

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
 * The rows training held out for validation, normalised as training normalised them (the same seeded split as
 * prepareForTraining), or all rows when there was no split.
 */
export function validationRows(dataset: Dataset, validationSplit: number, seed: number, fitted: FittedData | undefined): { rows: Dataset; split: 'validation' | 'training' } {
  const { validation } = splitRows(dataset.rows, { validationSplit, seed });
  const chosen = validation.length > 0 ? selectRows(dataset, validation) : selectRows(dataset, Uint32Array.from({ length: dataset.rows }, (_, i) => i));
  if (fitted) applyFitted(chosen, fitted);
  return { rows: chosen, split: validation.length > 0 ? 'validation' : 'training' };
}
