import type { CompleteValues } from '../registry/settings';
import type { EARLY_STOPPING_SETTINGS } from '../registry/training-controls';
import type { EpochSummary } from '../shared/training-events';
import type { Tensor } from './tensor';

export type EarlyStoppingOptions = CompleteValues<typeof EARLY_STOPPING_SETTINGS>;

/**
 * Watches a validation figure epoch by epoch, as Keras's EarlyStopping: an epoch whose figure beats the best so
 * far by more than minDelta is the new best (the first epoch always is); after `patience` epochs in a row without
 * one, training stops. With `restoreBest` it keeps a copy of `state` (every tensor of the network, running
 * statistics too) at each best epoch, which `restoreBest()` writes back.
 */
export class EarlyStopping {
  private best: number | undefined;
  private bestAt = 0;
  private epochsWithout = 0;
  private readonly snapshot: Float32Array[];

  constructor(private readonly options: EarlyStoppingOptions, private readonly state: readonly Tensor[]) {
    this.snapshot = options.restoreBest ? state.map((tensor) => new Float32Array(tensor.size)) : [];
  }

  /** The 1-based epoch with the best figure so far. */
  get bestEpoch(): number {
    return this.bestAt;
  }

  /** Records the figures of a finished epoch; true when training should stop after it. */
  shouldStop(summary: EpochSummary): boolean {
    const lossWatched = this.options.monitor === 'validationLoss';
    const value = lossWatched ? summary.valLoss : summary.valAccuracy;
    if (value === undefined) {
      throw new RangeError(`early stopping watches the ${lossWatched ? 'validation loss' : 'validation accuracy'}, which this run does not have: hold rows out with training.validationSplit${lossWatched ? '' : ', and train a classifier'}`);
    }
    const improved = this.best === undefined ||
      (lossWatched ? value < this.best - this.options.minDelta : value > this.best + this.options.minDelta);
    if (improved) {
      this.best = value;
      this.bestAt = summary.epoch;
      this.epochsWithout = 0;
      this.state.forEach((tensor, i) => this.snapshot[i]?.set(tensor.data));
      return false;
    }
    this.epochsWithout++;
    return this.epochsWithout >= this.options.patience;
  }

  /** Writes the best epoch's tensors back into the network (only with `restoreBest`). */
  restoreBest(): void {
    this.state.forEach((tensor, i) => {
      const saved = this.snapshot[i];
      if (saved !== undefined) tensor.data.set(saved);
    });
  }
}
