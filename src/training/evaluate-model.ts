/**
 * Evaluation and prediction with a trained model on any data, applying exactly the preprocessing that training
 * fitted (`data.fitted`). Node only (reads CSV files).
 */
import { createCriterion, evaluate, predict, type Sequential } from '../engine/index';
import type { Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { applyFitted, unscaleTargets, type FittedData } from '../data/preprocess';
import type { NnJsonModel } from '../shared/nnjson';
import { loadEncodedData } from './load-data';
import { checkWidths, dataSpecOf, inputTensor, targetTensor, taskOf, type DataChoice } from './model-data';
import { hasParameters, networkForModel } from './network-state';

export interface EvaluateOptions extends DataChoice {
  model: NnJsonModel;
}

export interface EvaluationReport {
  task: 'classification' | 'regression';
  rows: number;
  /** The training criterion on this data (for MSE on normalised targets, in the normalised scale). */
  loss: number;
  /** Classification: the share of rows whose most probable class is right. */
  accuracy?: number;
  /** Regression: mean squared error per target value, in the target's own units. */
  mse?: number;
  /** Regression: coefficient of determination, averaged over target columns. */
  r2?: number;
}

function trainedNetwork(model: NnJsonModel): Sequential {
  if (!hasParameters(model)) {
    throw new DataError('the model has no trained parameters: train it first (nnjson train MODEL)');
  }
  return networkForModel(model, model.training?.seed ?? 0);
}

async function preparedData(options: EvaluateOptions, requireTargets: boolean): Promise<{ dataset: Dataset; fitted?: FittedData }> {
  const { model } = options;
  const spec = dataSpecOf(model, options.dataOverride);
  const encoded = await loadEncodedData(spec, taskOf(model), options, requireTargets);
  const fitted = spec.fitted as FittedData | undefined;
  if (fitted) applyFitted(encoded.dataset, fitted);
  checkWidths(model, encoded.dataset);
  return { dataset: encoded.dataset, fitted };
}

export async function evaluateModel(options: EvaluateOptions): Promise<EvaluationReport> {
  const network = trainedNetwork(options.model);
  const { dataset, fitted } = await preparedData(options, true);
  const classification = dataset.task === 'classification';
  const criterion = createCriterion(options.model.loss.type);
  const x = inputTensor(dataset);
  const result = evaluate(network, criterion, x, targetTensor(dataset), classification);
  const report: EvaluationReport = { task: dataset.task, rows: dataset.rows, loss: result.loss };
  if (classification) {
    report.accuracy = result.accuracy;
    return report;
  }
  const outputs = predict(network, x).data.slice();
  const targets = dataset.y.slice();
  unscaleTargets(outputs, dataset.targetCols, fitted);
  unscaleTargets(targets, dataset.targetCols, fitted);
  const { mse, r2 } = regressionScores(outputs, targets, dataset.rows, dataset.targetCols);
  report.mse = mse;
  report.r2 = r2;
  return report;
}

/** MSE per value and R² averaged over columns (a constant column scores 1 when predicted exactly, else 0). */
export function regressionScores(predicted: Float32Array, actual: Float32Array, rows: number, cols: number): { mse: number; r2: number } {
  let squared = 0;
  let r2Sum = 0;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += actual[r * cols + c];
    mean /= rows;
    let residual = 0;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const a = actual[r * cols + c];
      residual += (a - predicted[r * cols + c]) ** 2;
      total += (a - mean) ** 2;
    }
    squared += residual;
    r2Sum += total > 0 ? 1 - residual / total : residual === 0 ? 1 : 0;
  }
  return { mse: squared / (rows * cols), r2: r2Sum / cols };
}

export interface Predictions {
  /** Column names: classification `<target>` then `p_<class>` for each class; regression the target names. */
  header: string[];
  rows: (string | number)[][];
}

export async function predictRows(options: EvaluateOptions): Promise<Predictions> {
  const network = trainedNetwork(options.model);
  const { dataset, fitted } = await preparedData(options, false);
  const outputs = predict(network, inputTensor(dataset));
  const cols = outputs.cols;
  const values = outputs.data;
  if (dataset.task === 'classification') {
    const classes = dataset.classNames ?? Array.from({ length: cols }, (_, k) => String(k));
    const header = [dataset.targetNames[0] ?? 'class', ...classes.map((name) => `p_${name}`)];
    const rows: (string | number)[][] = [];
    for (let r = 0; r < dataset.rows; r++) {
      let best = 0;
      for (let c = 1; c < cols; c++) if (values[r * cols + c] > values[r * cols + best]) best = c;
      rows.push([classes[best], ...Array.from(values.subarray(r * cols, (r + 1) * cols))]);
    }
    return { header, rows };
  }
  const unscaled = values.slice();
  unscaleTargets(unscaled, cols, fitted);
  const rows: number[][] = [];
  for (let r = 0; r < dataset.rows; r++) rows.push(Array.from(unscaled.subarray(r * cols, (r + 1) * cols)));
  return { header: dataset.targetNames, rows };
}
