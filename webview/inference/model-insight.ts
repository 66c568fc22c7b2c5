/**
 * What the webview computes itself from a trained model file: per-tensor statistics and histograms, and,
 * for generated data sets, the validation confusion matrix and a decision-boundary grid. Uses the engine
 * (browser-safe) through `networkForModel`, so predictions match training exactly.
 */
import { BUILTIN_PREFIX, generateBuiltin } from '../../src/data/builtin';
import type { Dataset } from '../../src/data/dataset';
import { selectRows } from '../../src/data/dataset';
import { applyFitted, applyScaling, splitRows } from '../../src/data/preprocess';
import { predict, Tensor } from '../../src/engine/index';
import { tensorValues } from '../../src/model/tensor-codec';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../../src/shared/nnjson';
import type { ConfusionMatrix, DecisionBoundary } from '../../src/shared/training-events';
import { hasParameters, networkForModel } from '../../src/training/network-state';
import type { ScatterPoint } from '../charts/scatter';

export interface TensorStats {
  layerId: string;
  name: string;
  shape: number[];
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Equal-width bins from min to max. */
  histogram: number[];
}

export function tensorStatistics(model: NnJsonModel, bins = 24): TensorStats[] {
  const stats: TensorStats[] = [];
  for (const layer of model.layers) {
    const tensors = model.parameters?.[layer.id];
    if (!tensors) continue;
    for (const [name, tensor] of Object.entries(tensors)) {
      const decoded = tensorValues(tensor);
      if ('error' in decoded || decoded.values.length === 0) continue;
      stats.push(summarize(layer.id, name, tensor.shape, decoded.values, bins));
    }
  }
  return stats;
}

export function summarize(layerId: string, name: string, shape: number[], values: Float32Array, bins: number): TensorStats {
  let min = Infinity, max = -Infinity, sum = 0;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const histogram = new Array<number>(bins).fill(0);
  const width = max - min;
  for (const value of values) {
    const bin = width > 0 ? Math.min(bins - 1, Math.floor(((value - min) / width) * bins)) : Math.floor(bins / 2);
    histogram[bin] += 1;
  }
  return { layerId, name, shape, count: values.length, min, max, mean, std: Math.sqrt(squares / values.length), histogram };
}

export interface DataInsight {
  confusion: ConfusionMatrix;
  /** Raw (unnormalised) points to draw, 2-feature sets only. */
  points?: ScatterPoint[];
  boundary?: DecisionBoundary;
}

/** The generated data set a model trains on, or undefined for CSV sources (the host owns those files). */
export function generatedDataset(model: NnJsonModel): Dataset | undefined {
  const data = model.data;
  if (!data || typeof data.source !== 'string' || !data.source.startsWith(BUILTIN_PREFIX)) return undefined;
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return generateBuiltin(data.source.slice(BUILTIN_PREFIX.length), {
    samples: number(data.samples), noise: number(data.noise), classes: number(data.classes), seed: number(data.seed),
  });
}

function argmax(data: Float32Array, offset: number, width: number): number {
  if (width === 1) return data[offset] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < width; c++) if (data[offset + c] > data[offset + best]) best = c;
  return best;
}

export function pointsOf(dataset: Dataset): ScatterPoint[] | undefined {
  if (dataset.cols !== 2) return undefined;
  const points: ScatterPoint[] = [];
  for (let r = 0; r < dataset.rows; r++) points.push({ x: dataset.x[r * 2], y: dataset.x[r * 2 + 1], value: dataset.y[r] });
  return points;
}

/** Confusion matrix and boundary for a trained classifier on a generated set; undefined when not applicable. */
export function dataInsight(model: NnJsonModel, resolution = 48): DataInsight | { error: string } | undefined {
  if (!hasParameters(model) || model.loss.type !== 'CrossEntropy') return undefined;
  try {
    const dataset = generatedDataset(model);
    if (!dataset || dataset.task !== 'classification') return undefined;
    const training = { ...TRAINING_DEFAULTS, ...(model.training ?? {}) };
    const network = networkForModel(model, training.seed);
    const split = splitRows(dataset.rows, { validationSplit: training.validationSplit, seed: training.seed });
    const useValidation = split.validation.length > 0;
    const rows = selectRows(dataset, useValidation ? split.validation : split.train);
    const fitted = model.data?.fitted;
    const normalized = { ...rows, x: rows.x.slice() };
    if (fitted) applyFitted(normalized, fitted);
    const classNames = dataset.classNames ?? ['0', '1'];
    const classes = classNames.length;
    const output = predict(network, new Tensor(normalized.rows, normalized.cols, normalized.x));
    const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    for (let r = 0; r < normalized.rows; r++) {
      const predicted = argmax(output.data, r * output.cols, output.cols);
      const truth = normalized.y[r];
      if (counts[truth] && predicted < classes) counts[truth][predicted] += 1;
    }
    const insight: DataInsight = {
      confusion: { classNames, counts, split: useValidation ? 'validation' : 'training' },
      points: pointsOf(dataset),
    };
    if (dataset.cols === 2 && insight.points) {
      insight.boundary = boundaryGrid(model, training.seed, insight.points, classNames, [dataset.featureNames[0], dataset.featureNames[1]], resolution);
    }
    return insight;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Class probabilities over a grid covering the points, in the layout the training service reports. */
export function boundaryGrid(
  model: NnJsonModel, seed: number, points: ScatterPoint[], classNames: string[], featureNames: [string, string], resolution: number,
): DecisionBoundary {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const p of points) {
    xMin = Math.min(xMin, p.x); xMax = Math.max(xMax, p.x); yMin = Math.min(yMin, p.y); yMax = Math.max(yMax, p.y);
  }
  const padX = (xMax - xMin || 1) * 0.1, padY = (yMax - yMin || 1) * 0.1;
  xMin -= padX; xMax += padX; yMin -= padY; yMax += padY;
  const cells = resolution * resolution;
  const x = new Float32Array(cells * 2);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const cell = j * resolution + i;
      x[cell * 2] = xMin + (i * (xMax - xMin)) / (resolution - 1);
      x[cell * 2 + 1] = yMin + (j * (yMax - yMin)) / (resolution - 1);
    }
  }
  const fitted = model.data?.fitted;
  if (fitted?.featureOffset && fitted.featureScale) applyScaling(x, 2, fitted.featureOffset, fitted.featureScale);
  const output = predict(networkForModel(model, seed), new Tensor(cells, 2, x));
  const classes = classNames.length;
  const probabilities: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if (output.cols === classes) {
      for (let c = 0; c < classes; c++) probabilities.push(output.data[cell * output.cols + c]);
    } else {
      const predicted = argmax(output.data, cell * output.cols, output.cols);
      for (let c = 0; c < classes; c++) probabilities.push(c === predicted ? 1 : 0);
    }
  }
  return { resolution, xMin, xMax, yMin, yMax, featureNames, classNames, probabilities };
}
