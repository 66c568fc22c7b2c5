import { OPTIMIZER_DEFAULTS } from '../../registry/optimizers';
import { AdaptiveMoments, type AdamOptions } from './adaptive-moments';

/** Adam with the seed's Nesterov step: w -= lr * (b1 * mhat + (1-b1) * g / (1-b1^t)) / (sqrt(vhat) + eps). */
export class Nadam extends AdaptiveMoments {
  constructor(options: AdamOptions = {}) {
    super('Nadam', OPTIMIZER_DEFAULTS.Nadam, options, true);
  }
}
