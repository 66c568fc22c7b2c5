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
  const plan = editsForIntent(text, model(text), intent);
  assert.ok('edits' in plan, JSON.stringify(plan));
  return applyTextEdits(text, plan.edits);
}

/** Lines of `after` that are not in `before` (a rough size of the diff). */
function changedLines(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !old.has(line));
}

describe('builder intents as text edits', () => {
  it('inserts a layer on one new line with a unique id, keeping the incoming width and leaving "in" out', () => {
    const after = apply(TEXT, { type: 'insertLayer', layerType: 'Linear', place: { after: 'fc1' } });
    assert.deepEqual(model(after).layers[1], { type: 'Linear', id: 'fc3', out: 8 });
    assert.deepEqual(changedLines(TEXT, after), ['    { "type": "Linear", "id": "fc3", "out": 8 },']);
    assert.deepEqual(readModel(after).diagnostics.filter((d) => d.severity !== 'info'), [], 'the layers after it still fit');
  });

  it('appends a BatchNorm that follows the incoming width', () => {
    const after = apply(TEXT, { type: 'insertLayer', layerType: 'BatchNorm', place: { at: 'end' } });
    assert.deepEqual(model(after).layers[3], { type: 'BatchNorm', id: 'bn1' });
  });

  it('duplicates a layer right after itself under a new id', () => {
    const after = apply(TEXT, { type: 'duplicateLayer', id: 'relu1' });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['fc1', 'relu1', 'relu2', 'fc2']);
  });

  it('drops a layer at its new place, touching only the lines that moved', () => {
    const after = apply(TEXT, { type: 'placeLayer', id: 'fc1', place: { at: 'end' } });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc2', 'fc1']);
    assert.deepEqual(changedLines(TEXT, after), ['    { "type": "Linear", "id": "fc2", "in": 8, "out": 2 },', '    { "type": "Linear", "id": "fc1", "in": 2, "out": 8 }']);
  });

  it('removes a layer together with its trained parameters', () => {
    const after = apply(TEXT, { type: 'removeLayer', id: 'fc1' });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc2']);
    assert.equal(model(after).parameters?.fc1, undefined);
  });

  it('renames a layer and the key of its parameters together', () => {
    const after = apply(TEXT, { type: 'setLayerValue', id: 'fc1', key: 'id', value: 'hidden' });
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

  it('says so, and changes nothing, when an intent names a layer that is gone', () => {
    const m = model(TEXT);
    const gone = { error: 'There is no layer "fc9" any more (the model changed meanwhile): nothing was changed.' };
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'insertLayer', layerType: 'ReLU', place: { before: 'fc9' } }), gone);
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'moveLayer', id: 'fc9', by: 1 }), gone);
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'removeLayer', id: 'fc9' }), gone);
    assert.deepEqual(editsForIntent(TEXT, m, { type: 'setLayerValue', id: 'fc9', key: 'out', value: 3 }), gone);
  });

  it('moves a layer one step from wherever it is now, and not past either end', () => {
    let after = apply(TEXT, { type: 'moveLayer', id: 'fc1', by: 1 });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc1', 'fc2']);
    // a second press computed on the newer text moves it on, instead of undoing the first
    after = apply(after, { type: 'moveLayer', id: 'fc1', by: 1 });
    assert.deepEqual(model(after).layers.map((layer) => layer.id), ['relu1', 'fc2', 'fc1']);
    assert.deepEqual(editsForIntent(after, model(after), { type: 'moveLayer', id: 'fc1', by: 1 }), { edits: [], notes: [] });
    assert.deepEqual(editsForIntent(TEXT, model(TEXT), { type: 'moveLayer', id: 'fc1', by: -1 }), { edits: [], notes: [] });
  });

  it('places a dragged layer before the named one, on either side of where it was', () => {
    assert.deepEqual(model(apply(TEXT, { type: 'placeLayer', id: 'fc2', place: { before: 'fc1' } })).layers.map((l) => l.id), ['fc2', 'fc1', 'relu1']);
    assert.deepEqual(model(apply(TEXT, { type: 'placeLayer', id: 'fc1', place: { before: 'fc2' } })).layers.map((l) => l.id), ['relu1', 'fc1', 'fc2']);
    assert.deepEqual(editsForIntent(TEXT, model(TEXT), { type: 'placeLayer', id: 'fc1', place: { before: 'relu1' } }), { edits: [], notes: [] });
  });

  it('sets a layer setting by id, wherever the layer is now', () => {
    const moved = apply(TEXT, { type: 'placeLayer', id: 'fc2', place: { at: 'start' } });
    const after = apply(moved, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 4 });
    const fc1 = model(after).layers.find((layer) => layer.id === 'fc1');
    assert.equal(fc1?.type === 'Linear' ? fc1.out : undefined, 4);
    assert.equal(apply(after, { type: 'setLayerValue', id: 'fc1', key: 'bias', value: false }).includes('"bias": false'), true);
  });

  it('applies a layer\'s one-click fix by its title, as the Problems panel offers it, dropping trained tensors it makes unfit', () => {
    // an MLP head that was trained on the 1×4×4 pixels, after a convolution that makes them 1×2×2
    const text = `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 4, 4] },
  "layers": [
    { "type": "Conv2D", "id": "conv1", "outChannels": 1, "kernelSize": 3 },
    { "type": "Linear", "id": "fc1", "in": 16, "out": 1 }
  ],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "SGD", "lr": 0.1 },
  "parameters": {
    "fc1": { "b": { "shape": [1], "dtype": "float32", "values": [0.5] }, "W": { "shape": [16, 1], "dtype": "float32", "values": [${Array(16).fill(0).join(', ')}] } }
  }
}
`;
    const title = 'Insert a Flatten layer before fc1 and set fc1.in to 4 (1×2×2 flattened)';
    assert.deepEqual(readModel(text).diagnostics.find((d) => d.code === 'input-shape')?.data?.fixes?.map((fix) => fix.title), [title]);
    const plan = editsForIntent(text, model(text), { type: 'fixLayer', id: 'fc1', title });
    assert.ok('edits' in plan, JSON.stringify(plan));
    const after = applyTextEdits(text, plan.edits);
    assert.deepEqual(model(after).layers, [
      { type: 'Conv2D', id: 'conv1', outChannels: 1, kernelSize: 3 }, { type: 'Flatten', id: 'flatten1' }, { type: 'Linear', id: 'fc1', in: 4, out: 1 },
    ]);
    assert.deepEqual(Object.keys(model(after).parameters?.fc1 ?? {}), ['b'], 'its [16, 1] weights no longer fit: dropped in the same edit; its bias fits');
    assert.match(plan.notes.join(' '), /fc1/);
    // a fix that is no longer there (the text changed meanwhile, or another title) changes nothing and says so
    assert.deepEqual(editsForIntent(after, model(after), { type: 'fixLayer', id: 'fc1', title }),
      { error: `"${title}" no longer fits fc1 (the model changed meanwhile): nothing was changed.` });
  });

  it('refuses to change layers by path or a layer\'s type', () => {
    const m = model(TEXT);
    assert.ok('error' in (editsForIntent(TEXT, m, { type: 'setValue', path: ['layers', 0, 'out'], value: 3 }) as object));
    assert.ok('error' in (editsForIntent(TEXT, m, { type: 'setLayerValue', id: 'fc1', key: 'type', value: 'ReLU' }) as object));
  });
});
