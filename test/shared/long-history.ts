/**
 * A trained iris-shaped model with a long history, as the writer lays it out: what a user's file looks like after
 * tens of thousands of epochs (issue: 20,400 epochs made 2.3 MB). For the rapid-intent tests and the builder bench.
 */
import { buildNetwork, exportParameters } from '../../src/model/bridge';
import { writeModel } from '../../src/model/writer';
import type { EpochRecord, NnJsonModel } from '../../src/shared/nnjson';

export function longHistoryModel(epochs: number): NnJsonModel {
  const model: NnJsonModel = {
    format: 'nnjson',
    version: 1,
    name: 'Iris, trained long',
    input: { size: 4 },
    layers: [
      // widths left to follow, as the builder writes new layers
      { type: 'Linear', id: 'fc1', out: 16 },
      { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'fc2', out: 16 },
      { type: 'ReLU', id: 'relu2' },
      { type: 'Linear', id: 'fc3', out: 3 },
      { type: 'SoftMax', id: 'softmax' },
    ],
    loss: { type: 'CrossEntropy' },
    optimizer: { type: 'Adam', lr: 0.01 },
    training: { epochs: 100, batchSize: 16, shuffle: true, validationSplit: 0.2, seed: 1 },
    data: { source: 'builtin:spiral', samples: 300, classes: 3 },
  };
  const history: EpochRecord[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    // a plausible falling curve with the digits training writes (6 significant), not a repeated line
    const loss = Number((1.1 / Math.sqrt(epoch) + 0.01 * Math.sin(epoch)).toPrecision(6));
    history.push({
      epoch,
      loss,
      valLoss: Number((loss * 1.07).toPrecision(6)),
      accuracy: Number((1 - loss / 2).toPrecision(6)),
      valAccuracy: Number((1 - loss / 1.8).toPrecision(6)),
      seconds: 0.004,
    });
  }
  return { ...model, history, parameters: exportParameters(buildNetwork(model), model) };
}

export function longHistoryText(epochs: number): string {
  return writeModel(longHistoryModel(epochs));
}
