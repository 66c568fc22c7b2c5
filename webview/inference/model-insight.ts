/**
 * What the webview computes itself from a trained model file: per-tensor statistics and histograms (src/insight/tensor-stats.ts), and,
 * for generated data sets, the confusion matrix on the rows training held out, their images for image sets
 * (`builtin:shapes`) and a decision-boundary grid (the host computes the confusion matrix and images of data in
 * files, which the webview cannot read, with the same code). Uses the engine
 * (browser-safe) through `networkForModel`, so predictions match training exactly, and the same pictures as the
 * training worker (src/insight/), so a file's boundary and confusion matrix look like those of the run that made it.
 */
import { BUILTIN_PREFIX, generateBuiltin } from '../../src/data/builtin';
import type { Dataset } from '../../src/data/dataset';
import { decisionBoundary, planeRange } from '../../src/insight/decision-boundary';
import { heldOutResults, planeDataOf } from '../../src/insight/held-out-data';
import { hiddenActivations } from '../../src/insight/unit-activations';
import { imageShapeOf } from '../../src/insight/held-out-images';
import type { HeldOutImages } from '../../src/shared/held-out-images';
import { tensorValues } from '../../src/model/tensor-codec';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../../src/shared/nnjson';
import type { ConfusionMatrix, DecisionBoundary } from '../../src/shared/training-events';
import { datasetFacts, widthProblems } from '../../src/model/data-fit';
import { classProbabilities, hasParameters, networkForModel } from '../../src/model/network-state';
import type { ScatterPoint } from '../charts/scatter';
import { summarize, type TensorStats } from '../../src/insight/tensor-stats';

export type { TensorStats };

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

export interface DataInsight {
  confusion: ConfusionMatrix;
  /** Image sets only: some held-out images and the misclassified ones. */
  images?: HeldOutImages;
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

export function pointsOf(dataset: Dataset): ScatterPoint[] | undefined {
  if (dataset.cols !== 2) return undefined;
  const points: ScatterPoint[] = [];
  for (let r = 0; r < dataset.rows; r++) points.push({ x: dataset.x[r * 2], y: dataset.x[r * 2 + 1], value: dataset.y[r] });
  return points;
}

/** Confusion matrix and boundary (with its hidden-unit pictures) for a trained classifier on a generated set; undefined when not applicable. */
export function dataInsight(model: NnJsonModel, resolution = 48): DataInsight | { error: string } | undefined {
  if (!hasParameters(model) || model.loss.type !== 'CrossEntropy') return undefined;
  try {
    const dataset = generatedDataset(model);
    if (!dataset || dataset.task !== 'classification') return undefined;
    // data that does not fit the network is the data-fit rule's to report; building the network would be wasted
    const [misfit] = widthProblems(model, datasetFacts(dataset, model.data?.source));
    if (misfit) return { error: misfit.message };
    const fitted = model.data?.fitted;
    const classNames = dataset.classNames ?? ['0', '1'];
    const network = networkForModel(model, model.training?.seed ?? TRAINING_DEFAULTS.seed);
    const probabilities = classProbabilities(network, classNames.length);
    const held = heldOutResults(dataset, fitted, model.data?.source ?? '', probabilities, classNames, imageShapeOf(model, dataset));
    const insight: DataInsight = { ...held, points: pointsOf(dataset) };
    const plane = planeDataOf(dataset);
    if (plane) {
      const scaling = fitted?.featureOffset && fitted.featureScale ? { offset: fitted.featureOffset, scale: fitted.featureScale } : undefined;
      insight.boundary = decisionBoundary(planeRange(plane), resolution, scaling, plane.featureNames, classNames, probabilities, hiddenActivations(model, network));
    }
    return insight;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
