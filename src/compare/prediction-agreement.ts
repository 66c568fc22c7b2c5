/**
 * Two classifiers on the same data: whether they can be compared there, and, from their outputs on the same rows,
 * both confusion matrices and how many rows they predict the same class for. Pure and browser-safe; the host loads
 * the data (src/training/compare-predictions.ts).
 */
import { confusionMatrix, predictedClass } from '../insight/confusion-matrix';
import { hasParameters } from '../model/network-state';
import type { PredictionAgreement } from '../shared/compare-protocol';
import type { NnJsonModel } from '../shared/nnjson';
import type { ConfusionMatrix } from '../shared/training-events';

/** Why the predictions of `a` and `b` cannot be compared, or undefined when they can be (the data decides the rest). */
export function agreementUnavailable(a: NnJsonModel, b: NnJsonModel): string | undefined {
  const classifier = (model: NnJsonModel) => model.loss.type === 'CrossEntropy';
  if (!classifier(a) || !classifier(b)) return 'Predictions are compared for two classifiers (CrossEntropy with a SoftMax output).';
  if (!hasParameters(a) || !hasParameters(b)) return 'Predictions are compared when both models are trained: train the other one first.';
  if (typeof a.data?.source !== 'string' || typeof b.data?.source !== 'string') return 'Predictions are compared on the models\' data: both need a data.source.';
  return undefined;
}

/**
 * `outputsA` and `outputsB` are each model's [rows, classes] probabilities on the same rows, whose true classes are
 * `labels`.
 */
export function predictionAgreement(
  outputsA: Float32Array, outputsB: Float32Array, labels: ArrayLike<number>, classNames: string[], split: ConfusionMatrix['split'],
): PredictionAgreement {
  const classes = classNames.length;
  let agreeing = 0;
  for (let r = 0; r < labels.length; r++) {
    if (predictedClass(outputsA, r, classes) === predictedClass(outputsB, r, classes)) agreeing += 1;
  }
  return {
    confusionA: confusionMatrix(outputsA, labels, classNames, split),
    confusionB: confusionMatrix(outputsB, labels, classNames, split),
    agreeing,
    rows: labels.length,
  };
}
