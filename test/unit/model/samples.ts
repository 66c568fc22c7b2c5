/** Sample `.nnjson` documents for the model tests. */
import type { NnJsonModel } from '../../../src/shared/nnjson';

/** A small valid model in the writer's layout (no parameters). */
export const XOR_TEXT = `{
  "format": "nnjson",
  "version": 1,
  "name": "xor",
  "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 8 },
    { "type": "ReLU", "id": "relu1" },
    { "type": "Linear", "id": "fc2", "in": 8, "out": 2 },
    { "type": "SoftMax", "id": "softmax1" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.01 },
  "training": { "epochs": 200, "batchSize": 4, "seed": 7 },
  "data": { "source": "builtin:xor", "samples": 200 }
}
`;

export function xorModel(): NnJsonModel {
  return JSON.parse(XOR_TEXT) as NnJsonModel;
}

/** `XOR_TEXT` with `search` replaced by `replacement`; fails loudly when `search` is not there. */
export function xorWith(search: string, replacement: string): string {
  if (!XOR_TEXT.includes(search)) throw new Error(`sample does not contain ${search}`);
  return XOR_TEXT.replace(search, replacement);
}

/** The 784-256-128-10 MLP (235,146 parameters). */
export function mnistModel(): NnJsonModel {
  return {
    format: 'nnjson',
    version: 1,
    input: { size: 784 },
    layers: [
      { type: 'Linear', id: 'fc1', in: 784, out: 256 },
      { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'fc2', in: 256, out: 128 },
      { type: 'ReLU', id: 'relu2' },
      { type: 'Dropout', id: 'drop1', p: 0.2 },
      { type: 'Linear', id: 'fc3', in: 128, out: 10 },
      { type: 'SoftMax', id: 'softmax1' },
    ],
    loss: { type: 'CrossEntropy' },
    optimizer: { type: 'Adam' },
  };
}

/** 1-based line and column of the first occurrence of `needle` in `text` (0-based, as diagnostics give them). */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number; offset: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, column: before[before.length - 1].length, offset };
}
