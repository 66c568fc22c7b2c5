/**
 * The images of a trained image classifier's held-out rows that the builder shows: a few to pick a sample from (for
 * its feature maps) and the ones the model gets wrong. The host sends them for data in files; the webview makes
 * them itself for generated sets. Pixels as in image-samples.ts: before the file's feature normalisation.
 */
import type { ImageSample, ImageSampleSet } from './image-samples';
import type { ConfusionMatrix } from './training-events';

/** A held-out image with the class the model predicts for it. */
export interface PredictedImage extends ImageSample {
  predicted: string;
}

export interface HeldOutImages {
  /** Which rows these are, as the confusion matrix says: the validation rows, or all rows when none were held out. */
  split: ConfusionMatrix['split'];
  shape: ImageSampleSet['shape'];
  /** The first held-out images, in the split's order, labelled with their true class. */
  samples: ImageSample[];
  /** How many rows are held out in all. */
  heldOut: number;
  /** The first held-out images the model classifies wrongly, in the split's order. */
  misclassified: PredictedImage[];
  /** How many held-out images it classifies wrongly in all. */
  wrong: number;
}

/** What the builder shows of a trained classifier on its held-out rows: the confusion matrix, and for image data its images. */
export interface HeldOutResults {
  confusion: ConfusionMatrix;
  images?: HeldOutImages;
}
