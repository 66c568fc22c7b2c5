import * as assert from 'node:assert/strict';
import { composeEdits } from '../../../src/model/compose-edits';
import {
  applyTextEdits, defaultLayer, editsForChanges, fixAllWidths, insertLayer, ModelEditError, moveLayer,
  removeLayer, removeValue, removeValues, renameLayer, replaceLayer, setValue, uniqueLayerId, type TextEdit,
} from '../../../src/model/edit';
import { Random } from '../../../src/engine/random';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { XOR_TEXT, xorModel, xorWith } from './samples';

/** Applies the edits, checks the result reads without errors, and returns it. */
function apply(text: string, edits: TextEdit[], allowWidthErrors = false): { text: string; model: NnJsonModel } {
  const result = applyTextEdits(text, edits);
  const { model, diagnostics } = readModel(result);
  assert.ok(model, `edited text does not read: ${JSON.stringify(diagnostics)}\n${result}`);
  const errors = diagnostics.filter((d) => d.severity === 'error' && !(allowWidthErrors && d.code === 'width-mismatch'));
  assert.deepEqual(errors, [], result);
  return { text: result, model };
}

function changedCharacters(edits: TextEdit[]): number {
  return edits.reduce((total, edit) => total + edit.length + edit.content.length, 0);
}

const COMPACT = JSON.stringify(JSON.parse(XOR_TEXT));

describe('model text edits', () => {
  it('sets an existing value by replacing only that value', () => {
    const edits = setValue(XOR_TEXT, ['layers', 0, 'out'], 16);
    assert.deepEqual(edits, [{ offset: XOR_TEXT.indexOf('8 }'), length: 1, content: '16' }]);
    const { model } = apply(XOR_TEXT, [...edits, ...setValue(XOR_TEXT, ['layers', 2, 'in'], 16)]);
    assert.equal((model.layers[0] as { out: number }).out, 16);
  });

  it('adds a missing setting in the layout of its object', () => {
    const { text, model } = apply(XOR_TEXT, setValue(XOR_TEXT, ['optimizer', 'beta1'], 0.8));
    assert.match(text, /"optimizer": \{ "type": "Adam", "lr": 0\.01, "beta1": 0\.8 \},/);
    assert.equal(model.optimizer.beta1, 0.8);
  });

  it('adds a top-level key where the writer would put it, so writer files stay in writer form', () => {
    const expected = xorModel();
    expected.description = 'learns XOR';
    const { text } = apply(XOR_TEXT, setValue(XOR_TEXT, ['description'], 'learns XOR'));
    assert.equal(text, writeModel(expected));
  });

  it('creates missing owner objects on the way', () => {
    const withoutTraining = XOR_TEXT.replace('  "training": { "epochs": 200, "batchSize": 4, "seed": 7 },\n', '');
    const { text, model } = apply(withoutTraining, setValue(withoutTraining, ['training', 'shuffle'], false));
    assert.deepEqual(model.training, { shuffle: false });
    assert.ok(text.indexOf('"training"') < text.indexOf('"data"'));
  });

  it('removes a key with its separator, first, middle or last', () => {
    for (const key of ['epochs', 'batchSize', 'seed']) {
      const { model } = apply(XOR_TEXT, removeValue(XOR_TEXT, ['training', key]));
      assert.equal((model.training as Record<string, unknown>)[key], undefined);
      assert.equal(Object.keys(model.training ?? {}).length, 2);
    }
    const { text } = apply(XOR_TEXT, removeValue(XOR_TEXT, ['name']));
    assert.ok(text.includes('"version": 1,\n  "input"'));
    assert.deepEqual(removeValue(XOR_TEXT, ['nothing', 'here']), []);
  });

  it('inserts a layer as one line, giving writer output on writer files', () => {
    const layer = defaultLayer('ReLU', 2, uniqueLayerId(xorModel(), 'ReLU'));
    const expected = xorModel();
    expected.layers.splice(2, 0, layer);
    for (const index of [0, 2, 3]) {
      const edits = insertLayer(XOR_TEXT, index, layer);
      assert.equal(edits.length, 1);
      assert.equal(edits[0].length, 0, 'an insertion replaces nothing');
      const { model } = apply(XOR_TEXT, edits);
      assert.deepEqual(model.layers[index], { type: 'ReLU', id: 'relu2' });
    }
    assert.equal(apply(XOR_TEXT, insertLayer(XOR_TEXT, 2, layer)).text, writeModel(expected));
  });

  it('inserts into a compact one-line file and into an empty list', () => {
    const layer = defaultLayer('Dropout', 8, 'drop1');
    const { model } = apply(COMPACT, insertLayer(COMPACT, 1, layer));
    assert.deepEqual(model.layers.map((l) => l.id), ['fc1', 'drop1', 'relu1', 'fc2', 'softmax1']);
    const empty = XOR_TEXT.replace(/"layers": \[[^\]]*\]/, '"layers": []');
    const first = defaultLayer('Linear', 2, 'fc1');
    const result = applyTextEdits(empty, insertLayer(empty, 0, first));
    assert.match(result, /"layers": \[\n {4}\{ "type": "Linear", "id": "fc1", "out": 2 \}\n {2}\],/);
  });

  it('keeps Windows line ends when it adds lines', () => {
    const crlf = XOR_TEXT.replace(/\n/g, '\r\n');
    const empty = crlf.replace(/"layers": \[[^\]]*\]/, '"layers": []');
    const edits = [...insertLayer(empty, 0, defaultLayer('ReLU', 2)), ...setValue(empty, ['description'], 'x')];
    const result = applyTextEdits(empty, edits);
    assert.equal(result.replace(/\r\n/g, '').includes('\n'), false);
    assert.equal(readModel(result).model?.description, 'x');
  });

  it('removes a layer and its trained parameters', () => {
    const trained = xorModel();
    trained.parameters = { fc2: { W: { shape: [8, 2], dtype: 'float32', values: new Array(16).fill(0) }, b: { shape: [2], dtype: 'float32', values: [0, 0] } } };
    const text = writeModel(trained);
    const { model } = apply(text, removeLayer(text, 2));
    assert.deepEqual(model.layers.map((l) => l.id), ['fc1', 'relu1', 'softmax1']);
    assert.equal(model.parameters?.fc2, undefined);
    const expected = xorModel();
    expected.layers.splice(1, 1);
    assert.equal(apply(XOR_TEXT, removeLayer(XOR_TEXT, 1)).text, writeModel(expected));
  });

  it('moves a layer by exchanging layer texts only', () => {
    const edits = moveLayer(XOR_TEXT, 2, 0);
    const { model, text } = apply(XOR_TEXT, edits, true);
    assert.deepEqual(model.layers.map((l) => l.id), ['fc2', 'fc1', 'relu1', 'softmax1']);
    assert.equal(text.length, XOR_TEXT.length);
    assert.ok(changedCharacters(edits) < 400);
    assert.deepEqual(moveLayer(XOR_TEXT, 1, 1), []);
  });

  it('replaces a layer and renames one together with its parameters', () => {
    const { model } = apply(XOR_TEXT, replaceLayer(XOR_TEXT, 1, { type: 'LeakyReLU', id: 'act', slope: 0.1 }));
    assert.deepEqual(model.layers[1], { type: 'LeakyReLU', id: 'act', slope: 0.1 });
    const trained = xorModel();
    trained.parameters = { fc1: { W: { shape: [2, 8], dtype: 'float32', values: new Array(16).fill(1) }, b: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) } } };
    const text = writeModel(trained);
    const renamed = apply(text, renameLayer(text, 0, 'hidden'));
    assert.equal(renamed.model.layers[0].id, 'hidden');
    assert.deepEqual(Object.keys(renamed.model.parameters ?? {}), ['hidden']);
  });

  it('fixes every width mismatch at once', () => {
    const broken = xorWith('"in": 8', '"in": 3').replace('"size": 2', '"size": 5');
    assert.equal(readModel(broken).diagnostics.filter((d) => d.code === 'width-mismatch').length, 2);
    const { model } = apply(broken, fixAllWidths(broken));
    assert.deepEqual(model.layers.map((l) => (l.type === 'Linear' ? l.in : -1)), [5, -1, 8, -1]);
  });

  it('makes unique ids and width-preserving default layers that leave their incoming width out', () => {
    assert.equal(uniqueLayerId(xorModel(), 'Linear'), 'fc3');
    assert.equal(uniqueLayerId(xorModel(), 'BatchNorm'), 'bn1');
    assert.equal(uniqueLayerId({ layers: [{ id: 'fc1' }, { id: 'fc7' }] }, 'Linear'), 'fc8');
    assert.deepEqual(defaultLayer('Linear', 64, 'fc3'), { type: 'Linear', id: 'fc3', out: 64 });
    assert.deepEqual(defaultLayer('BatchNorm', 64, 'bn2'), { type: 'BatchNorm', id: 'bn2' });
    assert.deepEqual(defaultLayer('Dropout', 64), { type: 'Dropout', id: 'drop1', p: 0.5 });
  });

  it('composes a change and edits computed on its result into one set of edits on the original text', () => {
    // a width on the layers line and the removal of a tensor far below: kept apart
    const trained = xorModel();
    trained.parameters = { fc1: { W: { shape: [2, 8], dtype: 'float32', values: new Array(16).fill(0) }, b: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) } } };
    const text = writeModel(trained);
    const first = setValue(text, ['layers', 0, 'out'], 16);
    const middle = applyTextEdits(text, first);
    const second = removeValue(middle, ['parameters', 'fc1', 'b']);
    const composed = composeEdits(text, first, second);
    assert.equal(composed.length, 2);
    assert.equal(applyTextEdits(text, composed), applyTextEdits(middle, second));
    // an edit inside, or touching, what the first set wrote merges with it
    const inserted = insertLayer(text, 1, { type: 'ReLU', id: 'relu9' });
    const renamed = setValue(applyTextEdits(text, inserted), ['layers', 1, 'id'], 'act');
    const merged = composeEdits(text, inserted, renamed);
    assert.equal(merged.length, 1);
    assert.equal(applyTextEdits(text, merged), applyTextEdits(applyTextEdits(text, inserted), renamed));
  });

  it('composes any two sets of edits like applying one after the other', () => {
    const rng = new Random(11);
    const randomEdits = (text: string): TextEdit[] => {
      const edits: TextEdit[] = [];
      let offset = 0;
      while (offset < text.length && edits.length < 6) {
        offset += Math.floor(rng.uniform(0, 8));
        if (offset > text.length) break;
        const length = Math.min(Math.floor(rng.uniform(0, 4)), text.length - offset);
        edits.push({ offset, length, content: 'xyz'.slice(0, Math.floor(rng.uniform(0, 4))) });
        offset += length + 1;
      }
      return edits;
    };
    for (let trial = 0; trial < 500; trial++) {
      const text = 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, 5 + Math.floor(rng.uniform(0, 30)));
      const first = randomEdits(text);
      const middle = applyTextEdits(text, first);
      const second = randomEdits(middle);
      const composed = composeEdits(text, first, second);
      assert.equal(applyTextEdits(text, composed), applyTextEdits(middle, second), JSON.stringify({ text, first, second, composed }));
      const sorted = [...composed].sort((a, b) => a.offset - b.offset);
      sorted.forEach((edit, i) => assert.ok(i === 0 || sorted[i - 1].offset + sorted[i - 1].length < edit.offset, 'the composed edits neither overlap nor touch'));
    }
  });

  it('removes several values at once, neighbours included', () => {
    const model = xorModel();
    model.history = [{ epoch: 1, loss: 0.5, seconds: 0.1 }];
    model.parameters = { fc1: { b: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) } } };
    model.trainingStatus = 'stopped';
    const text = writeModel(model);
    const { model: after } = apply(text, removeValues(text, [['parameters'], ['history'], ['trainingStatus'], ['name']]));
    const expected = xorModel();
    delete expected.name;
    assert.deepEqual(after, expected);
    assert.equal(applyTextEdits(text, removeValues(text, [['parameters'], ['history'], ['trainingStatus'], ['name']])), writeModel(expected));
  });

  it('refuses to edit text that is not valid JSON', () => {
    assert.throws(() => setValue('{ "a": ', ['a'], 1), ModelEditError);
    assert.throws(() => insertLayer(XOR_TEXT, 9, defaultLayer('ReLU', 2, 'r')), /outside 0\.\.4/);
  });

  it('makes several changes in order as edits of the original text, each changed stretch once', () => {
    const text = '{\n  "input": { "size": 2 },\n  "layers": [],\n  "data": { "source": "a.csv", "target": "y", "fitted": { "x": 1 }, "normalize": "none" }\n}\n';
    const edits = editsForChanges(text, [
      { kind: 'set', path: ['input', 'size'], value: 4 },
      // neighbouring removals whose single edits would overlap
      { kind: 'remove', path: ['data', 'source'] },
      { kind: 'remove', path: ['data', 'target'] },
      { kind: 'set', path: ['data', 'source'], value: 'b.csv' },
      { kind: 'insertLayer', index: 0, layer: { type: 'ReLU', id: 'relu1' } },
    ]);
    for (let i = 1; i < edits.length; i++) {
      const [a, b] = [edits[i - 1], edits[i]].sort((x, y) => x.offset - y.offset);
      assert.ok(a.offset + a.length <= b.offset, 'the edits do not overlap');
    }
    const after = applyTextEdits(text, edits);
    assert.equal(after, '{\n  "input": { "size": 4 },\n  "layers": [\n    { "type": "ReLU", "id": "relu1" }\n  ],\n  "data": { "fitted": { "x": 1 }, "normalize": "none", "source": "b.csv" }\n}\n');
    assert.ok(edits.every((edit) => edit.length < text.length / 2), 'no edit rewrites the whole text');
  });
});
