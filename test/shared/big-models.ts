/**
 * Big trained models as the writer lays them out, for the rapid-intent tests and the builder bench: one with tens
 * of thousands of epochs of history (a file from before training thinned the history: 20,400 epochs made 2.3 MB),
 * and a wide one whose 2 MB are its parameters, with the 1,000 records training keeps now.
 */
import { buildNetwork, exportParameters } from '../../src/model/bridge';
import { writeModel } from '../../src/model/writer';
import type { EpochRecord, NnJsonModel } from '../../src/shared/nnjson';

/** Epoch records of a plausible falling curve with the digits training writes (6 significant), not a repeated line. */
function historyOf(epochs: number): EpochRecord[] {
  const history: EpochRecord[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
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
  return history;
}

function trained(model: NnJsonModel, epochs: number): string {
  return writeModel({ ...model, history: historyOf(epochs), parameters: exportParameters(buildNetwork(model), model) });
}

/** An iris-shaped classifier (4-16-16-3) trained for `epochs` epochs, every one in its history. */
export function longHistoryText(epochs: number): string {
  return trained(longHistoryModel(), epochs);
}

/** A digits classifier 64-1024-256-10 (330,000 parameters, 1.8 MB of them) with 1,000 epochs of history. */
export function wideModelText(): string {
  return trained({
    format: 'nnjson',
    version: 1,
    name: 'Digits, wide',
    input: { size: 64 },
    layers: [
      { type: 'Linear', id: 'fc1', out: 1024 },
      { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'fc2', out: 256 },
      { type: 'ReLU', id: 'relu2' },
      { type: 'Linear', id: 'fc3', out: 10 },
      { type: 'SoftMax', id: 'softmax' },
    ],
    loss: { type: 'CrossEntropy' },
    optimizer: { type: 'Adam', lr: 0.001 },
    training: { epochs: 30, batchSize: 32, seed: 1 },
    data: { source: 'builtin:blobs', classes: 10 },
  }, 1000);
}

function longHistoryModel(): NnJsonModel {
  return {
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
}

