/**
 * The raw (unnormalised) rows of a two-input classification model's data, for the decision boundary, and the
 * validation rows of any classification model, for the confusion matrix. Loaded in the worker only.
 */
import { selectRows, type Dataset } from '../data/dataset';
import { applyFitted, splitRows, type FittedData } from '../data/preprocess';
import { loadEncodedData, type DataLocation } from '../training/load-data';
import { dataSpecOf, taskOf } from '../training/model-data';
import type { NnJsonModel } from '../shared/nnjson';
import type { PlaneData } from './decision-boundary';

export function isPlaneClassifier(model: NnJsonModel): boolean {
  return model.input.size === 2 && taskOf(model) === 'classification';
}

export async function loadRawDataset(model: NnJsonModel, location: DataLocation, dataOverride?: string): Promise<Dataset> {
  const encoded = await loadEncodedData(dataSpecOf(model, dataOverride), taskOf(model), location);
  return encoded.dataset;
}

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
