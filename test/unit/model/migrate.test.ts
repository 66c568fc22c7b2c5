import * as assert from 'node:assert/strict';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import { positionOf, XOR_TEXT, xorWith } from './samples';

const VERSION_ZERO = `{
  "name": "old",
  "inputSize": 2,
  "modules": [
    { "type": "Linear", "name": "fc1", "in": 2, "out": 4 },
    { "type": "Sigmoid", "name": "act" },
    { "type": "Linear", "name": "fc2", "in": 4, "out": 1 }
  ],
  "loss": "MSE",
  "optimizer": "SGD",
  "comment": "kept"
}`;

describe('model migrations', () => {
  it('reads a file without "version" with a warning and the same content', () => {
    const text = xorWith('  "version": 1,\n', '');
    const { model, diagnostics } = readModel(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['migrated', 'warning']]);
    assert.match(diagnostics[0].message, /has no "version".*migrated to version 1/);
    assert.equal(model?.version, 1);
    assert.equal(writeModel(model!), XOR_TEXT);
  });

  it('reads a file without "format" and says so', () => {
    const { model, diagnostics } = readModel(XOR_TEXT.replace('  "format": "nnjson",\n  "version": 1,\n', ''));
    assert.deepEqual(diagnostics.map((d) => d.code), ['migrated', 'migrated']);
    assert.match(diagnostics[0].message, /no "format"/);
    assert.equal(model?.format, 'nnjson');
  });

  it('adds a missing "format" to a version 1 file with one warning', () => {
    const { model, diagnostics } = readModel(XOR_TEXT.replace('  "format": "nnjson",\n', ''));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['migrated', 'warning']]);
    assert.match(diagnostics[0].message, /no "format": read as "nnjson"; saving the file adds it/);
    assert.equal(writeModel(model!), XOR_TEXT);
  });

  it('converts the version 0 layout without losing anything', () => {
    const { model, diagnostics } = readModel(VERSION_ZERO);
    assert.ok(model, JSON.stringify(diagnostics));
    assert.ok(diagnostics.every((d) => d.code === 'migrated' && d.severity === 'warning'));
    assert.deepEqual(model.input, { size: 2 });
    assert.deepEqual(model.layers.map((layer) => layer.id), ['fc1', 'act', 'fc2']);
    assert.deepEqual(model.loss, { type: 'MSE' });
    assert.deepEqual(model.optimizer, { type: 'SGD' });
    assert.equal(model.comment, 'kept');
    assert.equal(model.modules, undefined);
    const messages = diagnostics.map((d) => d.message).join('\n');
    for (const expected of [/"modules" is now called "layers"/, /"inputSize": N is now "input"/, /"loss": "MSE" is now/, /Layer "name" is now "id": renamed "act"/]) {
      assert.match(messages, expected);
    }
    const again = readModel(writeModel(model));
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(again.model, model);
  });

  it('points later diagnostics at the original text of migrated keys', () => {
    const text = VERSION_ZERO.replace('"in": 4', '"in": 5');
    const mismatch = readModel(text).diagnostics.find((d) => d.code === 'width-mismatch');
    assert.ok(mismatch);
    assert.equal(mismatch.path, 'layers[2].in');
    assert.equal(mismatch.message, 'fc2.in is 5 but fc1 gives 4 features: set fc2.in to 4');
    assert.equal(mismatch.offset, positionOf(text, '5').offset);
    const renamed = readModel(text).diagnostics.find((d) => d.message.includes('renamed "act"'));
    assert.equal(renamed?.offset, positionOf(text, '"name": "act"').offset);
  });

  it('does not rename a key whose new name is taken, and keeps both', () => {
    const text = xorWith('  "version": 1,\n', '  "modules": [1, 2],\n');
    const { model } = readModel(text);
    assert.deepEqual(model?.modules, [1, 2]);
    assert.equal(model?.layers.length, 4);
  });
});
