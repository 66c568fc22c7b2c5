import * as assert from 'node:assert/strict';
import { readModel } from '../../../src/model/reader';
import { decodeFloat32, encodeFloat32 } from '../../../src/model/tensor-codec';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { mnistModel, XOR_TEXT, xorModel } from './samples';

function trainedXor(): NnJsonModel {
  const model = xorModel();
  model.parameters = {
    fc2: { b: { shape: [2], dtype: 'float32', values: [0.25, -0.5] }, W: { shape: [8, 2], dtype: 'float32', data: encodeFloat32(new Float32Array(16).map((_, i) => i / 7)) } },
    fc1: { W: { shape: [2, 8], dtype: 'float32', data: encodeFloat32(new Float32Array(16).fill(-1.5)) }, b: { shape: [8], dtype: 'float32', data: encodeFloat32(new Float32Array(8)) } },
  };
  model.history = [{ seconds: 0.1, loss: 0.69, epoch: 1, accuracy: 0.5 }, { epoch: 2, loss: Number.NaN, seconds: 0.1 }];
  return model;
}

describe('model writer', () => {
  it('writes the sample layout exactly: fixed order, one line per layer, 2-space indent', () => {
    assert.equal(writeModel(readModel(XOR_TEXT).model!), XOR_TEXT);
  });

  it('round-trips its own output byte for byte, with parameters and history', () => {
    const first = writeModel(trainedXor());
    const read = readModel(first);
    assert.deepEqual(read.diagnostics, []);
    assert.equal(writeModel(read.model!), first);
  });

  it('puts keys in the fixed order whatever order the model has', () => {
    const model = xorModel();
    const shuffled = { optimizer: { lr: 0.5, type: 'SGD' }, parameters: {}, layers: [{ out: 3, in: 2, id: 'fc1', type: 'Linear' }], history: [],
      'x-extra': 1, loss: model.loss, input: model.input, version: 1, format: 'nnjson', name: 'n' } as unknown as NnJsonModel;
    const text = writeModel(shuffled);
    const keys = Object.keys(JSON.parse(text) as object);
    assert.deepEqual(keys, ['format', 'version', 'name', 'input', 'layers', 'loss', 'optimizer', 'x-extra', 'history', 'parameters']);
    assert.match(text, /\{ "type": "Linear", "id": "fc1", "in": 2, "out": 3 \}/);
    assert.match(text, /"optimizer": \{ "type": "SGD", "lr": 0\.5 \}/);
  });

  it('keeps unknown keys at every level, in their original order', () => {
    const text = XOR_TEXT
      .replace('"name": "xor",', '"name": "xor",\n  "zeta": [1, 2],\n  "alpha": { "deep": { "x": true } },')
      .replace('{ "type": "ReLU", "id": "relu1" }', '{ "type": "ReLU", "id": "relu1", "note": "hidden" }');
    const written = writeModel(readModel(text).model!);
    const parsed = JSON.parse(written) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed).slice(-3), ['data', 'zeta', 'alpha']);
    assert.deepEqual(parsed.alpha, { deep: { x: true } });
    assert.match(written, /\{ "type": "ReLU", "id": "relu1", "note": "hidden" \}/);
  });

  it('writes one base64 line per tensor, converting "values" to "data", parameters in layer order', () => {
    const text = writeModel(trainedXor());
    const tensorLines = text.split('\n').filter((line) => line.includes('"shape"'));
    assert.equal(tensorLines.length, 4);
    for (const line of tensorLines) assert.match(line, /^ {6}"(W|b)": \{ "shape": \[\d+(, \d+)?\], "dtype": "float32", "data": "[A-Za-z0-9+/=]+" \},?$/);
    assert.ok(text.indexOf('"fc1": {') < text.indexOf('"fc2": {'));
    const parsed = JSON.parse(text) as { parameters: Record<string, Record<string, { data: string; values?: unknown }>> };
    assert.equal(parsed.parameters.fc2.b.values, undefined);
    const decoded = decodeFloat32(parsed.parameters.fc2.b.data);
    assert.ok('values' in decoded);
    assert.deepEqual(Array.from(decoded.values), [0.25, -0.5]);
  });

  it('writes non-finite history figures as null and ends with a newline', () => {
    const text = writeModel(trainedXor());
    assert.match(text, /\{ "epoch": 2, "loss": null, "seconds": 0\.1 \}/);
    assert.match(text, /\{ "epoch": 1, "loss": 0\.69, "accuracy": 0\.5, "seconds": 0\.1 \}/);
    assert.ok(text.endsWith('}\n'));
  });

  it('breaks long lists over several lines and keeps short ones on one line', () => {
    const model = mnistModel();
    model.data = { source: 'digits.csv', target: 'label', fitted: { featureOffset: Array.from({ length: 64 }, (_, i) => i * 0.123456) } };
    const text = writeModel(model);
    for (const line of text.split('\n')) assert.ok(line.length <= 120, `line too long: ${line}`);
    assert.match(text, /"featureOffset": \[\n {8}0,\n {8}0\.123456,/);
    assert.equal(writeModel(readModel(text).model!), text);
  });

  it('writes the recorded split on one line, keys in order, and reads it back', () => {
    const model = mnistModel();
    model.data = { source: 'digits.csv', target: 'label', fitted: { inputColumns: ['a'], split: { rows: 1797, shuffle: false, validationSplit: 0.2, seed: 7 } } };
    const text = writeModel(model);
    assert.match(text, /^ {6}"split": \{ "seed": 7, "validationSplit": 0\.2, "shuffle": false, "rows": 1797 \}$/m);
    const read = readModel(text);
    assert.deepEqual(read.diagnostics, []);
    assert.deepEqual(read.model?.data?.fitted?.split, { seed: 7, validationSplit: 0.2, shuffle: false, rows: 1797 });
    assert.equal(writeModel(read.model!), text);
  });
});
