/**
 * What a builder change implies, in the same edit: stated widths follow a width change, and the trained tensors
 * that no longer fit are dropped, exactly those, with a note naming the layers that start from fresh weights.
 */
import * as assert from 'node:assert/strict';
import { editsForIntent, type EditIntent } from '../../../src/builder/intent-edits';
import { buildNetwork, withTrainedParameters } from '../../../src/model/bridge';
import { applyTextEdits } from '../../../src/model/edit';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';

/** 4 inputs, fc1 (stated in) -> relu -> fc2 (stated in) -> bn1 (stated features) -> fc3 (in left out), MSE. */
const STATED = `{
  "format": "nnjson",
  "version": 1,
  "input": { "size": 4 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 4, "out": 8 },
    { "type": "ReLU", "id": "relu1" },
    { "type": "Linear", "id": "fc2", "in": 8, "out": 16 },
    { "type": "BatchNorm", "id": "bn1", "features": 16 },
    { "type": "Linear", "id": "fc3", "out": 3 }
  ],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "Adam", "lr": 0.01 }
}
`;

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

/** `text` trained: every layer's tensors written as the writer writes them, with a history. */
function trained(text: string): string {
  const model = read(text);
  return writeModel({ ...withTrainedParameters(model, buildNetwork(model)), history: [{ epoch: 1, loss: 0.5, seconds: 0.1 }] });
}

function plan(text: string, intent: EditIntent): { text: string; notes: string[]; edits: number } {
  const result = editsForIntent(text, read(text), intent);
  assert.ok('edits' in result, JSON.stringify(result));
  return { text: applyTextEdits(text, result.edits), notes: result.notes, edits: result.edits.length };
}

/** The trained tensors of a text as `layer.tensor` names, with their data, to compare what stayed. */
function tensors(text: string): Record<string, string | undefined> {
  const found: Record<string, string | undefined> = {};
  for (const [id, entry] of Object.entries(read(text).parameters ?? {})) {
    for (const [name, tensor] of Object.entries(entry)) found[`${id}.${name}`] = tensor.data;
  }
  return found;
}

function without(record: Record<string, string | undefined>, ...keys: string[]): Record<string, string | undefined> {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

/** Diagnostics of `text` other than the information ones. */
function problems(text: string): string[] {
  return readModel(text).diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message);
}

describe('builder changes carry their consequences in the same edit', () => {
  describe('stated widths follow', () => {
    it('sets a stated Linear.in that matched the old width to the new one', () => {
      const after = plan(STATED, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 12 });
      assert.equal(after.text, STATED.replace('"in": 4, "out": 8', '"in": 4, "out": 12').replace('"in": 8, "out": 16', '"in": 12, "out": 16'));
      assert.deepEqual(after.notes, []);
      assert.deepEqual(problems(after.text), []);
    });

    it('carries a BatchNorm.features along, and the layer after it follows by itself', () => {
      const after = plan(STATED, { type: 'setLayerValue', id: 'fc2', key: 'out', value: 5 });
      assert.equal(after.text, STATED.replace('"in": 8, "out": 16', '"in": 8, "out": 5').replace('"features": 16', '"features": 5'));
      assert.deepEqual(problems(after.text), []);
    });

    it('carries the first layer along when input.size changes', () => {
      const after = plan(STATED, { type: 'setValue', path: ['input', 'size'], value: 13 });
      assert.equal(after.text, STATED.replace('"size": 4', '"size": 13').replace('"in": 4, "out": 8', '"in": 13, "out": 8'));
    });

    it('leaves a stated width alone that did not match before, and never undoes the value being set', () => {
      const mismatched = STATED.replace('"in": 8, "out": 16', '"in": 7, "out": 16');
      const after = plan(mismatched, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 12 });
      assert.equal(after.text, mismatched.replace('"in": 4, "out": 8', '"in": 4, "out": 12'));
      const direct = plan(STATED, { type: 'setLayerValue', id: 'fc2', key: 'in', value: 9 });
      assert.equal(direct.text, STATED.replace('"in": 8, "out": 16', '"in": 9, "out": 16'));
    });

    it('needs nothing for layers that leave their width out', () => {
      const inferred = STATED.replace('"in": 8, ', '').replace(', "features": 16', '');
      const after = plan(inferred, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 12 });
      assert.equal(after.edits, 1);
      assert.equal(after.text, inferred.replace('"in": 4, "out": 8', '"in": 4, "out": 12'));
      assert.deepEqual(problems(after.text), []);
    });
  });

  describe('trained tensors that no longer fit are dropped, exactly those', () => {
    const TRAINED = trained(STATED);
    const before = tensors(TRAINED);

    it('drops a layer whose shape changed and what follows it, keeping the tensors that still fit', () => {
      const after = plan(TRAINED, { type: 'setLayerValue', id: 'fc2', key: 'out', value: 5 });
      // fc2's W and b, and bn1's four tensors, change shape; fc3.W [16, 3] -> [5, 3], fc3.b [3] still fits
      assert.deepEqual(tensors(after.text), without(before, 'fc2.W', 'fc2.b', 'bn1.gamma', 'bn1.beta', 'bn1.runningMean', 'bn1.runningVar', 'fc3.W'));
      assert.deepEqual(after.notes, [
        'fc2 starts from fresh weights: its shape changed from [8, 16] to [8, 5]',
        'bn1 starts from fresh weights: its shape changed from [16] to [5]',
        'fc3.W starts from fresh weights: its shape changed from [16, 3] to [5, 3]',
      ]);
      assert.deepEqual(problems(after.text), []);
      assert.deepEqual(read(after.text).history, read(TRAINED).history, 'the history stays');
      // the model still builds: kept tensors load, dropped ones start from the seed
      const network = buildNetwork(read(after.text));
      assert.equal(network.modules.length, 5);
    });

    it('drops only b when the bias is turned off, and nothing when it is turned on again', () => {
      const off = plan(TRAINED, { type: 'setLayerValue', id: 'fc1', key: 'bias', value: false });
      assert.deepEqual(tensors(off.text), without(before, 'fc1.b'));
      assert.deepEqual(off.notes, ['fc1.b was removed: fc1 has no bias now']);
      assert.deepEqual(problems(off.text), []);
      const on = plan(off.text, { type: 'setLayerValue', id: 'fc1', key: 'bias', value: undefined });
      assert.deepEqual(tensors(on.text), tensors(off.text), 'W still fits; the new b starts from fresh weights');
      assert.deepEqual(on.notes, []);
    });

    it('drops the tensors a removed layer leaves without a fit', () => {
      const after = plan(TRAINED, { type: 'removeLayer', id: 'bn1' });
      // bn1 goes with its layer; fc3 now gets 16 as before, so nothing else changes
      assert.deepEqual(tensors(after.text), without(before, 'bn1.gamma', 'bn1.beta', 'bn1.runningMean', 'bn1.runningVar'));
      assert.deepEqual(after.notes, []);
      const second = plan(TRAINED, { type: 'removeLayer', id: 'fc2' });
      // without fc2, bn1 states 16 but gets 8 (an error the user sees); fc3, which follows, now gets 8
      assert.deepEqual(tensors(second.text), without(before, 'fc2.W', 'fc2.b', 'fc3.W'));
      assert.deepEqual(second.notes, ['fc3.W starts from fresh weights: its shape changed from [16, 3] to [8, 3]']);
    });

    it('drops what a move leaves without a fit', () => {
      // fc3 (in left out) moved before bn1 gets 16 as before; moved to the top it gets 4
      assert.deepEqual(plan(TRAINED, { type: 'moveLayer', id: 'fc3', by: -1 }).notes, []);
      const top = plan(TRAINED, { type: 'placeLayer', id: 'fc3', place: { at: 'start' } });
      assert.deepEqual(top.notes, ['fc3.W starts from fresh weights: its shape changed from [16, 3] to [4, 3]']);
      assert.deepEqual(tensors(top.text), without(before, 'fc3.W'));
    });

    it('changes nothing for inserts that keep the width, and for other settings', () => {
      for (const intent of [
        { type: 'insertLayer', layerType: 'Linear', place: { before: 'fc2' } },
        { type: 'insertLayer', layerType: 'BatchNorm', place: { at: 'end' } },
        { type: 'duplicateLayer', id: 'relu1' },
        { type: 'setValue', path: ['training', 'epochs'], value: 3 },
        { type: 'setLayerValue', id: 'fc1', key: 'id', value: 'hidden' },
      ] satisfies EditIntent[]) {
        const after = plan(TRAINED, intent);
        assert.deepEqual(after.notes, [], JSON.stringify(intent));
        assert.deepEqual(Object.values(tensors(after.text)).sort(), Object.values(before).sort(), JSON.stringify(intent));
      }
    });

    it('leaves tensors alone that did not fit before the change', () => {
      const broken = TRAINED.replace('"shape": [3]', '"shape": [2]');
      assert.ok(readModel(broken).diagnostics.some((d) => d.code === 'tensor-shape'));
      const after = plan(broken, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 12 });
      assert.ok(after.text.includes('"shape": [2]'), 'fc3.b is not touched');
      assert.deepEqual(after.notes, ['fc1 starts from fresh weights: its shape changed from [4, 8] to [4, 12]', 'fc2.W starts from fresh weights: its shape changed from [8, 16] to [12, 16]']);
    });

    it('removes "parameters" when no tensor is left, and makes the width change and the drop one edit', () => {
      const small = trained(`{
  "format": "nnjson",
  "version": 1,
  "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 3 }
  ],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "SGD" }
}
`);
      const after = plan(small, { type: 'setLayerValue', id: 'fc1', key: 'out', value: 4 });
      assert.equal(read(after.text).parameters, undefined);
      assert.ok(!after.text.includes('"parameters"'));
      assert.deepEqual(after.notes, ['fc1 starts from fresh weights: its shape changed from [2, 3] to [2, 4]']);
      assert.equal(after.edits, 2, 'the new width and the removal, in one set of edits');
      const followed = plan(small, { type: 'setValue', path: ['input', 'size'], value: 6 });
      assert.match(followed.text, /"input": \{ "size": 6 \}/);
      assert.match(followed.text, /"id": "fc1", "in": 6, "out": 3/);
      assert.deepEqual(Object.keys(tensors(followed.text)), ['fc1.b']);
    });
  });
});
