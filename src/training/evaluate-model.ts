/**
 * Evaluation and prediction with a trained model on any data, applying exactly the preprocessing that training
 * fitted (`data.fitted`). Node only (reads CSV files).
 */
import { createCriterion, evaluate, predict } from '../engine/index';
import type { Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { applyFitted, unscaleTargets, type EncodedData, type FittedData } from '../data/preprocess';
import { confusionMatrix } from '../insight/confusion-matrix';
import { classificationMetrics, regressionMetrics } from '../insight/evaluation-metrics';
import { recordedSplit, validationRowsOf } from '../insight/held-out-data';
import type { EvaluationReport, EvaluationRows } from '../shared/evaluation';
import type { NnJsonModel } from '../shared/nnjson';
import { loadEncodedData } from './load-data';
import { checkWidths, dataSpecOf, inputTensor, targetTensor, taskOf, type DataChoice } from './model-data';
import { trainedNetwork } from '../model/network-state';
import { predictionTable, type Predictions } from '../data/prediction-table';

export interface EvaluateOptions extends DataChoice {
  model: NnJsonModel;
  /** Every row of the data (default), or the rows the latest training run held out (the model's own data only). */
  rows?: EvaluationRows;
}

export interface PredictOptions extends DataChoice {
  model: NnJsonModel;
  /** Copy the model's input columns into the table, before the predictions. */
  includeInputs?: boolean;
}

async function encodedData(model: NnJsonModel, options: DataChoice, requireTargets: boolean): Promise<{ encoded: EncodedData; source: string; fitted?: FittedData }> {
  const spec = dataSpecOf(model, options.dataOverride);
  const encoded = await loadEncodedData(spec, taskOf(model), options, requireTargets, model.input.shape);
  checkWidths(model, encoded.dataset);
  return { encoded, source: spec.source, fitted: spec.fitted as FittedData | undefined };
}

/** The rows to evaluate, normalised as in training: all of them, or the recorded validation rows. */
async function evaluationRows(options: EvaluateOptions): Promise<{ dataset: Dataset; source: string; fitted?: FittedData }> {
  const rows = options.rows ?? 'all';
  if (rows === 'validation' && options.dataOverride !== undefined) {
    throw new DataError('the validation rows are rows of the data the model was trained on: evaluate them without choosing other data');
  }
  const { encoded, source, fitted } = await encodedData(options.model, options, true);
  if (rows === 'validation') return { dataset: validationRowsOf(encoded.dataset, fitted, source), source, fitted };
  if (fitted) applyFitted(encoded.dataset, fitted);
  return { dataset: encoded.dataset, source, fitted };
}

export async function evaluateModel(options: EvaluateOptions): Promise<EvaluationReport> {
  const network = trainedNetwork(options.model);
  const { dataset, source, fitted } = await evaluationRows(options);
  if (dataset.rows === 0) throw new DataError(`${source} has no data rows: evaluate on a file with at least one row below the header`);
  const classification = dataset.task === 'classification';
  const x = inputTensor(dataset);
  const { loss } = evaluate(network, createCriterion(options.model.loss.type), x, targetTensor(dataset), classification);
  const outputs = predict(network, x).data;
  const rows = options.rows ?? 'all';
  const report = {
    dataSource: source,
    rows,
    rowCount: dataset.rows,
    ...(rows === 'validation' ? { split: recordedSplit(fitted) } : {}),
    loss,
  };
  if (classification) {
    const confusion = confusionMatrix(outputs, dataset.y, dataset.classNames ?? [], rows === 'validation' ? 'validation' : 'evaluation');
    return { ...report, metrics: classificationMetrics(confusion) };
  }
  const predicted = outputs.slice();
  const actual = dataset.y.slice();
  unscaleTargets(predicted, dataset.targetCols, fitted);
  unscaleTargets(actual, dataset.targetCols, fitted);
  return { ...report, metrics: regressionMetrics(predicted, actual, dataset.rows, dataset.targetNames) };
}

/** One row per data row: see prediction-table.ts for the columns. Prediction data may lack the target columns. */
export async function predictRows(options: PredictOptions): Promise<Predictions> {
  const network = trainedNetwork(options.model);
  const { encoded, fitted } = await encodedData(options.model, options, false);
  const raw = encoded.dataset;
  const scaled = { ...raw, x: raw.x.slice() };
  if (fitted) applyFitted(scaled, fitted);
  const outputs = predict(network, inputTensor(scaled));
  const values = outputs.data.slice();
  if (raw.task === 'regression') unscaleTargets(values, outputs.cols, fitted);
  return predictionTable({
    raw,
    outputs: values,
    outputCols: outputs.cols,
    ...(options.includeInputs ? { inputs: { featureColumns: encoded.featureColumns, categories: encoded.categories } } : {}),
  });
}
