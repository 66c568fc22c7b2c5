import * as assert from 'node:assert/strict';
import { editsForIntent, type EditIntent } from '../../../src/builder/intent-edits';
import { applyTextEdits } from '../../../src/model/edit';
import { readModel } from '../../../src/model/reader';
import type { NnJsonModel } from '../../../src/shared/nnjson';

const TEXT = `{
  "format": "nnjson",
  "version": 1,
  "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 8 },
    { "type": "ReLU", "id": "relu1" },
    { "type": "Linear", "id": "fc2", "in": 8, "out": 2 }
  ],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "SGD", "lr": 0.1 },
  "parameters": {
    "fc1": { "b": { "shape": [8], "dtype": "float32", "values": [0, 0, 0, 0, 0, 0, 0, 0] } }
  }
}
`;

function model(text: string): NnJsonModel {
  const result = readModel(text);
  assert.ok(result.model, result.diagnostics.map((d) => d.message).join('; '));
  return result.model;
}

function apply(text: string, intent: EditIntent): string {
  const edits = editsForIntent(text, model(text), intent);
  assert.ok(Array.isArray(edits), JSON.stringify(edits));
  return applyTextEdits(text, edits);
}

/** Lines of `after` that are not in `before` (a rough size of the diff). */
function changedLines(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !old.has(line));
}

describe('builder intents as text edits', () => {
  it('inserts a layer on one new line with a unique id and the incoming width', () => {
    const after = apply(TEXT, { type: 'insertLayer', layerType: 'Linear', index: 1 });
    assert.deepEqual(model(after).layers[1], { type: 'Linear', id: 'fc3', in: 8, out: 8 });
    assert.deepEqual(changedLines(TEXT, after), ['    { "type": "Linear", "id": "fc3", "in": 8, "out": 8 },']);
  });

  it('gives BatchNorm the incoming width and appends at the end', () => {
    const after = apply(TEXT, { type: 'insertLayer', layerType: 'BatchNorm', index: 3 });
    assert.deepEqual(model(after).layers[3], { type: 'BatchNorm', id: 'bn1', features: 2 });
  });

  it('duplicates a layer right after itself under a new id', () => {
    const after = apply(TEXT, { type: 'duplicateLayer', index: 1 });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['fc1', 'relu1', 'relu2', 'fc2']);
  });

  it('moves a layer to its new index, touching only the lines that moved', () => {
    const after = apply(TEXT, { type: 'moveLayer', from: 0, to: 2 });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc2', 'fc1']);
    assert.deepEqual(changedLines(TEXT, after), ['    { "type": "Linear", "id": "fc2", "in": 8, "out": 2 },', '    { "type": "Linear", "id": "fc1", "in": 2, "out": 8 }']);
  });

  it('removes a layer together with its trained parameters', () => {
    const after = apply(TEXT, { type: 'removeLayer', index: 0 });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc2']);
    assert.equal(model(after).parameters?.fc1, undefined);
  });

  it('renames a layer and the key of its parameters together', () => {
    const after = apply(TEXT, { type: 'setValue', path: ['layers', 0, 'id'], value: 'hidden' });
    assert.equal(model(after).layers[0].id, 'hidden');
    assert.ok(model(after).parameters?.hidden);
  });

  it('sets, replaces and removes values, creating missing objects', () => {
    let after = apply(TEXT, { type: 'setValue', path: ['training', 'epochs'], value: 5 });
    assert.deepEqual(model(after).training, { epochs: 5 });
    after = apply(after, { type: 'setValue', path: ['optimizer'], value: { type: 'Adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 } });
    assert.equal(model(after).optimizer.type, 'Adam');
    after = apply(after, { type: 'setValue', path: ['optimizer', 'eps'], value: undefined });
    assert.equal(model(after).optimizer.eps, undefined);
  });

  it('refuses positions outside the layer list with a message', () => {
    const m = model(TEXT);
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'insertLayer', layerType: 'ReLU', index: 7 }), { error: 'Cannot insert at position 7: the model has 3 layers.' });
    assert.ok('error' in (editsForIntent(TEXT, m, { type: 'moveLayer', from: 0, to: 3 }) as object));
    assert.ok('error' in (editsForIntent(TEXT, m, { type: 'removeLayer', index: -1 }) as object));
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'moveLayer', from: 1, to: 1 }), []);
  });
});
