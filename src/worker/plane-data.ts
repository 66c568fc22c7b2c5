/**
 * Loads the raw (unnormalised) rows of a model's data in the worker, for the decision boundary, the confusion
 * matrix and the held-out images (src/insight/ turns them into pictures; the webview does the same for generated
 * sets). A folder of images is converted to the model's input.shape, as training converts it.
 */
import type { Dataset } from '../data/dataset';
import { loadEncodedData, type DataLocation } from '../training/load-data';
import { dataSpecOf, taskOf } from '../training/model-data';
import type { NnJsonModel } from '../shared/nnjson';

export function isPlaneClassifier(model: NnJsonModel): boolean {
  return model.input.size === 2 && taskOf(model) === 'classification';
}

export async function loadRawDataset(model: NnJsonModel, location: DataLocation, dataOverride?: string): Promise<Dataset> {
  const encoded = await loadEncodedData(dataSpecOf(model, dataOverride), taskOf(model), location, true, model.input.shape);
  return encoded.dataset;
}
