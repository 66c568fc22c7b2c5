/**
 * A run that overfits, for the early-stopping tests: a wide network on forty noisy moons with half of them held
 * out, whose validation loss falls for a few epochs and then climbs while the training loss keeps falling.
 */
import type { EarlyStoppingSpec, NnJsonModel } from '../../../src/shared/nnjson';

export const OVERFITTING_EPOCHS = 300;

export function overfittingModel(earlyStopping: EarlyStoppingSpec, validationSplit = 0.5): NnJsonModel {
  return {
    format: 'nnjson', version: 1, input: { size: 2 },
    layers: [
      { type: 'Linear', id: 'fc1', out: 64 }, { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'fc2', out: 64 }, { type: 'ReLU', id: 'relu2' },
      { type: 'Linear', id: 'fc3', out: 2 }, { type: 'SoftMax', id: 'softmax1' },
    ],
    loss: { type: 'CrossEntropy' },
    optimizer: { type: 'Adam', lr: 0.005 },
    training: { epochs: OVERFITTING_EPOCHS, batchSize: 8, validationSplit, seed: 3, earlyStopping },
    data: { source: 'builtin:moons', samples: 40, noise: 0.35 },
  };
}
