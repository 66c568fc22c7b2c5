import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import { AdaptiveMoments, type AdamOptions } from './adaptive-moments';

export type { AdamOptions } from './adaptive-moments';

/** w -= lr * mhat / (sqrt(vhat) + eps), with bias-corrected moment estimates (see AdaptiveMoments). */
export class Adam extends AdaptiveMoments {
  constructor(options: AdamOptions = {}) {
    super('Adam', OPTIMIZER_DEFAULTS.Adam, options, false);
  }
}
