/**
 * The predictions of two trained classifiers on the same data, for the comparison view: each model's data is loaded
 * as training loads it, and when both give the same rows, each model predicts them normalised its own way (its
 * `data.fitted`). The rows are the validation rows when both runs held out the same ones, else every row. Node only.
 */
import type { Dataset } from '../data/dataset';
import { selectRows } from '../data/dataset';
import { applyFitted, type FittedData } from '../data/preprocess';
import { agreementUnavailable, predictionAgreement } from '../compare/prediction-agreement';
import { heldOutRows, recordedSplit } from '../insight/held-out-data';
import { classProbabilities, networkForModel } from '../model/network-state';
import type { PredictionComparison } from '../shared/compare-protocol';
import type { NnJsonModel } from '../shared/nnjson';
import { loadEncodedData, type DataLocation } from './load-data';
import { checkWidths, dataSpecOf, taskOf } from './model-data';

export interface ModelAt {
  model: NnJsonModel;
  /** Where its data paths are read from. */
  location: DataLocation;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameData(a: Dataset, b: Dataset): boolean {
  return a.rows === b.rows && a.cols === b.cols && JSON.stringify(a.classNames) === JSON.stringify(b.classNames) && sameValues(a.y, b.y) && sameValues(a.x, b.x);
}

async function rawData({ model, location }: ModelAt): Promise<Dataset> {
  const encoded = await loadEncodedData(dataSpecOf(model), taskOf(model), location, true, model.input.shape);
  checkWidths(model, encoded.dataset, dataSpecOf(model).source);
  return encoded.dataset;
}

function outputsOn(model: NnJsonModel, raw: Dataset, indices: Uint32Array, classes: number): Float32Array {
  const rows = selectRows(raw, indices);
  const fitted = model.data?.fitted as FittedData | undefined;
  if (fitted) applyFitted(rows, fitted);
  return classProbabilities(networkForModel(model, model.training?.seed ?? 0), classes)(rows.x, rows.rows);
}

export async function comparePredictions(a: ModelAt, b: ModelAt): Promise<PredictionComparison> {
  const reason = agreementUnavailable(a.model, b.model);
  if (reason) return { status: 'none', reason };
  const rawA = await rawData(a);
  const rawB = await rawData(b);
  if (!sameData(rawA, rawB)) {
    return { status: 'none', reason: `The models' data differ (${dataSpecOf(a.model).source} and ${dataSpecOf(b.model).source} give other rows), so their predictions are not compared.` };
  }
  const fittedA = a.model.data?.fitted as FittedData | undefined;
  const splitA = recordedSplit(fittedA);
  const sameSplit = splitA !== undefined && JSON.stringify(splitA) === JSON.stringify(recordedSplit(b.model.data?.fitted as FittedData | undefined));
  const held = sameSplit ? heldOutRows(rawA, fittedA, dataSpecOf(a.model).source) : undefined;
  const indices = held?.indices ?? Uint32Array.from({ length: rawA.rows }, (_, i) => i);
  const classNames = rawA.classNames ?? [];
  const labels = selectRows(rawA, indices).y;
  const agreement = predictionAgreement(
    outputsOn(a.model, rawA, indices, classNames.length), outputsOn(b.model, rawB, indices, classNames.length), labels, classNames, held?.split ?? 'evaluation',
  );
  return { status: 'ready', agreement };
}
