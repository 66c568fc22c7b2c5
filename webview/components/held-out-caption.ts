/** Which rows the confusion matrix and the held-out images are of, in words (their captions start with it). */
import type { ConfusionMatrix } from '../../src/shared/training-events';

export const HELD_OUT_ROWS: Record<ConfusionMatrix['split'], string> = {
  validation: 'Validation split',
  training: 'Training rows (the run held none out)',
  all: 'All rows (the file does not record which rows training held out; train again to record them)',
  evaluation: 'Evaluated rows',
};
