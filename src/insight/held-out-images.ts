/** Picks the held-out images the builder shows (shared/held-out-images.ts) from a classifier's predictions. Pure. */
import type { Dataset } from '../data/dataset';
import type { HeldOutImages, PredictedImage } from '../shared/held-out-images';
import type { ImageSample } from '../shared/image-samples';
import type { NnJsonModel } from '../shared/nnjson';
import type { ConfusionMatrix } from '../shared/training-events';
import { predictedClass } from './confusion-matrix';

/** Held-out images offered for picking a sample: a row of thumbnails, enough to find each class in a small set. */
export const PICKABLE_IMAGES = 24;
/** Misclassified images shown at most: the grid stays small to send and to scan. */
export const MISCLASSIFIED_IMAGES = 48;

/** The model's `input.shape` when its data rows are images of it (C·H·W values each), or undefined. */
export function imageShapeOf(model: NnJsonModel, dataset: Dataset): HeldOutImages['shape'] | undefined {
  const shape = model.input.shape;
  if (shape?.length !== 3 || shape[0] * shape[1] * shape[2] !== dataset.cols) return undefined;
  return [shape[0], shape[1], shape[2]];
}

/**
 * `raw` is the data before scaling, `indices` the held-out rows of it, `outputs` the network's [indices, classes]
 * probabilities for them (row i for raw row indices[i]).
 */
export function heldOutImages(
  raw: Dataset, indices: Uint32Array, split: ConfusionMatrix['split'], outputs: Float32Array, classNames: string[], shape: HeldOutImages['shape'],
): HeldOutImages {
  const nameOf = (label: number) => classNames[label] ?? String(label);
  const image = (i: number): ImageSample => {
    const row = indices[i];
    return { row, label: nameOf(raw.y[row]), pixels: Array.from(raw.x.subarray(row * raw.cols, (row + 1) * raw.cols)) };
  };
  const samples: ImageSample[] = [];
  for (let i = 0; i < Math.min(PICKABLE_IMAGES, indices.length); i++) samples.push(image(i));
  const misclassified: PredictedImage[] = [];
  let wrong = 0;
  indices.forEach((row, i) => {
    const predicted = predictedClass(outputs, i, classNames.length);
    if (predicted === raw.y[row]) return;
    wrong += 1;
    if (misclassified.length < MISCLASSIFIED_IMAGES) misclassified.push({ ...image(i), predicted: nameOf(predicted) });
  });
  return { split, shape, samples, heldOut: indices.length, misclassified, wrong };
}
