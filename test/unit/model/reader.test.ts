import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readModel } from '../../../src/model/reader';
import { LAYER_ID_PATTERN } from '../../../src/registry/layer-id';
import { encodeFloat32 } from '../../../src/model/tensor-codec';
import type { Diagnostic } from '../../../src/shared/diagnostics';
import { positionOf, XOR_TEXT, xorWith } from './samples';

function only(text: string, code: string): Diagnostic {
  const { diagnostics } = readModel(text);
  const found = diagnostics.filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0];
}

function assertAt(diagnostic: Diagnostic, text: string, needle: string, occurrence = 1): void {
  const expected = positionOf(text, needle, occurrence);
  assert.deepEqual({ line: diagnostic.line, column: diagnostic.column, offset: diagnostic.offset },
    expected, `${diagnostic.code} should point at ${needle}`);
}

function fc1Parameters(W: string, b: string): string {
  return xorWith('\n}\n', `,\n  "parameters": {\n    "fc1": {\n      "W": ${W},\n      "b": ${b}\n    }\n  }\n}\n`);
}

const GOOD_B = `{ "shape": [8], "dtype": "float32", "values": [0, 0, 0, 0, 0, 0, 0, 0] }`;
const GOOD_W = `{ "shape": [2, 8], "dtype": "float32", "data": "${encodeFloat32(new Float32Array(16).fill(0.5))}" }`;

describe('model reader', () => {
  it('reads a valid model with no diagnostics and without filling in defaults', () => {
    const { model, diagnostics } = readModel(XOR_TEXT);
    assert.deepEqual(diagnostics, []);
    assert.ok(model);
    assert.equal(model.layers.length, 4);
    assert.equal(model.training?.shuffle, undefined);
    assert.equal(model.training?.validationSplit, undefined);
    assert.equal(model.optimizer.type, 'Adam');
    assert.equal(model.optimizer.beta1, undefined);
  });

  it('reports malformed JSON with its position and no model', () => {
    const text = xorWith('"version": 1,', '"version": 1');
    const { model, diagnostics } = readModel(text);
    assert.equal(model, undefined);
    assert.equal(diagnostics[0].code, 'invalid-json');
    assert.equal(diagnostics[0].message, 'Invalid JSON: comma expected: separate items with a comma (add it after "\\"version\\": 1" on line 3)');
    assertAt(diagnostics[0], text, '"name"');
  });

  it('reports comments and trailing commas as invalid JSON with the fix', () => {
    const comment = readModel('{ // my model\n "format": "nnjson" }');
    assert.equal(comment.diagnostics[0].code, 'invalid-json');
    assert.match(comment.diagnostics[0].message, /comments are not allowed/);
    assert.equal(comment.diagnostics[0].column, 2);
    const trailing = xorWith('"samples": 200 }', '"samples": 200, }');
    assert.ok(readModel(trailing).diagnostics.some((d) => d.code === 'invalid-json' && /trailing comma|value expected|property name/.test(d.message)));
  });

  it('reads a file that starts with a byte order mark', () => {
    const { model, diagnostics } = readModel(`\uFEFF${XOR_TEXT}`);
    assert.deepEqual(diagnostics, []);
    assert.ok(model);
  });

  it('reports an empty file and a non-object document', () => {
    assert.match(only('', 'invalid-json').message, /empty/);
    assert.equal(only('  ', 'invalid-json').severity, 'error');
    const list = only('[1, 2]', 'not-an-object');
    assert.match(list.message, /wrap the content in \{/);
  });

  it('reports a wrong type with the path, position and the fix', () => {
    const text = xorWith('"in": 2', '"in": "2"');
    const diagnostic = only(text, 'wrong-type');
    assert.equal(diagnostic.path, 'layers[0].in');
    assert.deepEqual(diagnostic.segments, ['layers', 0, 'in']);
    assertAt(diagnostic, text, '"2"');
    assert.equal(diagnostic.length, 3);
    assert.match(diagnostic.message, /^fc1\.in must be a number .* not the text "2": remove the quotes: "in": 2/);
    assert.equal(readModel(text).model, undefined);
  });

  it('reports an unknown layer type and suggests the closest', () => {
    const text = xorWith('"ReLU"', '"Relu"');
    const diagnostic = only(text, 'unknown-layer-type');
    assert.equal(diagnostic.path, 'layers[1].type');
    assertAt(diagnostic, text, '"Relu"');
    assert.equal(diagnostic.data?.suggestion, 'ReLU');
    assert.match(diagnostic.message, /relu1 has the unknown layer type "Relu": did you mean "ReLU"\?/);
    assert.equal(only(xorWith('"ReLU"', '"Dense"'), 'unknown-layer-type').data?.suggestion, 'Linear');
    assert.match(only(xorWith('"ReLU"', '"Mish"'), 'unknown-layer-type').message, /use one of Linear, ReLU/);
  });

  it('reports a missing required field at its owner, naming the layer', () => {
    const text = xorWith(', "out": 8', '');
    const diagnostic = only(text, 'missing-field');
    assert.equal(diagnostic.path, 'layers[0].out');
    assertAt(diagnostic, text, '{ "type": "Linear", "id": "fc1"');
    assert.match(diagnostic.message, /^fc1 has no "out" \(the number of output features\): add "out"/);
    const noLoss = xorWith('  "loss": { "type": "CrossEntropy" },\n', '');
    const loss = only(noLoss, 'missing-field');
    assert.equal(loss.path, 'loss');
    assert.match(loss.message, /the file has no "loss" .*: add "loss": \{ "type": "CrossEntropy" \}/);
    assert.deepEqual([loss.line, loss.column, loss.length], [0, 0, 1]);
  });

  it('reports a width mismatch between layers with both numbers and the fix', () => {
    const text = xorWith('"in": 8', '"in": 32');
    const diagnostic = only(text, 'width-mismatch');
    assert.equal(diagnostic.path, 'layers[2].in');
    assertAt(diagnostic, text, '32');
    assert.equal(diagnostic.message, 'fc2.in is 32 but fc1 gives 8 features: set fc2.in to 8');
    assert.equal(diagnostic.data?.expected, 8);
    assert.ok(readModel(text).model, 'a width mismatch still gives the model, for display');
  });

  it('reports a first layer that does not match input.size', () => {
    const diagnostic = only(xorWith('"size": 2', '"size": 3'), 'width-mismatch');
    assert.equal(diagnostic.path, 'layers[0].in');
    assert.equal(diagnostic.message, 'fc1.in is 2 but input.size is 3: set fc1.in to 3 (or set input.size to 2)');
  });

  it('reports a BatchNorm whose features do not match the incoming width', () => {
    const text = xorWith('{ "type": "ReLU", "id": "relu1" }', '{ "type": "BatchNorm", "id": "bn1", "features": 4 }');
    const diagnostic = only(text, 'width-mismatch');
    assert.equal(diagnostic.path, 'layers[1].features');
    assert.equal(diagnostic.message, 'bn1.features is 4 but fc1 gives 8 features: set bn1.features to 8');
  });

  it('warns when CrossEntropy does not get probabilities, one per class', () => {
    const text = xorWith(',\n    { "type": "SoftMax", "id": "softmax1" }', '');
    const diagnostic = only(text, 'loss-output');
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(diagnostic.path, 'layers[2].type');
    assert.equal(diagnostic.message, 'CrossEntropy expects probabilities but the last layer fc2 is Linear: add a SoftMax layer at the end, or use MSE');
    assert.equal(diagnostic.data?.suggestion, 'SoftMax');
    assert.match(only(xorWith('"out": 2', '"out": 1'), 'loss-output').message, /needs one output per class but the network gives 1/);
    assert.deepEqual(readModel(text.replace('"CrossEntropy"', '"MSE"')).diagnostics, []);
  });

  it('reports a duplicate layer id and suggests a free one', () => {
    const text = xorWith('"relu1"', '"fc1"');
    const diagnostic = only(text, 'duplicate-id');
    assert.equal(diagnostic.path, 'layers[1].id');
    assertAt(diagnostic, text, '"fc1"', 2);
    assert.equal(diagnostic.data?.suggestion, 'fc3');
    assert.match(diagnostic.message, /already used by layers\[0\].*rename it to "fc3"/);
  });

  it('reports a tensor whose length does not fit its shape', () => {
    const text = fc1Parameters(GOOD_W, '{ "shape": [8], "dtype": "float32", "values": [1, 2, 3] }');
    const diagnostic = only(text, 'tensor-length');
    assert.equal(diagnostic.path, 'parameters.fc1.b.values');
    assertAt(diagnostic, text, '[1, 2, 3]');
    assert.match(diagnostic.message, /fc1\.b has 3 values but its shape \[8\] needs 8/);
    const base64 = fc1Parameters(`{ "shape": [2, 8], "dtype": "float32", "data": "${encodeFloat32(new Float32Array(15))}" }`, GOOD_B);
    assert.match(only(base64, 'tensor-length').message, /fc1\.W has 15 values but its shape \[2,8\] needs 16/);
  });

  it('reports a tensor with the wrong shape for its layer', () => {
    const text = fc1Parameters(`{ "shape": [8, 2], "dtype": "float32", "data": "${encodeFloat32(new Float32Array(16))}" }`, GOOD_B);
    const diagnostic = only(text, 'tensor-shape');
    assert.equal(diagnostic.path, 'parameters.fc1.W.shape');
    assert.deepEqual(diagnostic.data?.expected, [2, 8]);
    assert.match(diagnostic.message, /fc1\.W has shape \[8,2\] but the layer needs \[2,8\]/);
  });

  it('reports NaN and infinite values in parameters', () => {
    const values = new Float32Array(16);
    values[5] = Number.NaN;
    values[9] = Number.POSITIVE_INFINITY;
    const text = fc1Parameters(`{ "shape": [2, 8], "dtype": "float32", "data": "${encodeFloat32(values)}" }`, GOOD_B);
    const diagnostic = only(text, 'tensor-nan');
    assert.equal(diagnostic.path, 'parameters.fc1.W.data');
    assert.match(diagnostic.message, /2 NaN or infinite values \(first at index 5\)/);
    const overflow = fc1Parameters(GOOD_W, '{ "shape": [8], "values": [0, 0, 1e999, 0, 0, 0, 0, 0] }');
    assert.match(only(overflow, 'tensor-nan').message, /first at index 2/);
  });

  it('reports invalid base64 and an unsupported dtype', () => {
    const text = fc1Parameters('{ "shape": [2, 8], "dtype": "float32", "data": "not base64!" }', GOOD_B);
    assert.match(only(text, 'invalid-base64').message, /not valid base64/);
    const dtype = fc1Parameters(GOOD_W, '{ "shape": [8], "dtype": "float64", "values": [0, 0, 0, 0, 0, 0, 0, 0] }');
    assert.equal(only(dtype, 'unsupported-dtype').path, 'parameters.fc1.b.dtype');
  });

  it('reports parameters for a layer id that does not exist, and missing or extra tensors', () => {
    const text = fc1Parameters(GOOD_W, GOOD_B).replace('"fc1": {\n      "W"', '"fc9": {\n      "W"');
    const diagnostic = only(text, 'unknown-parameter-layer');
    assert.equal(diagnostic.path, 'parameters.fc9');
    assert.equal(diagnostic.severity, 'warning');
    assertAt(diagnostic, text, '"fc9"');
    assert.match(diagnostic.message, /no layer has that id: rename it to "fc1" if that layer was renamed, or remove these parameters/);
    const missingB = fc1Parameters(GOOD_W, GOOD_B).replace(`,\n      "b": ${GOOD_B}`, '');
    const missing = only(missingB, 'missing-parameter');
    // a tensor the entry lacks (a bias turned on after training) starts from fresh weights: information, not an error
    assert.equal(missing.severity, 'info');
    assert.match(missing.message, /parameters\.fc1 has no "b": it starts from fresh weights/);
    const extra = fc1Parameters(GOOD_W, GOOD_B).replace('"b": {', '"gamma": {');
    assert.match(only(extra, 'unknown-parameter').message, /has "gamma" but Linear layer fc1 has W, b/);
  });

  it('marks layers without trained parameters as info once some are trained', () => {
    const diagnostic = only(fc1Parameters(GOOD_W, GOOD_B), 'untrained-layer');
    assert.equal(diagnostic.severity, 'info');
    assert.equal(diagnostic.data?.layerId, 'fc2');
  });

  it('refuses a newer format version naming both versions', () => {
    const text = xorWith('"version": 1', '"version": 3');
    const { model, diagnostics } = readModel(text);
    assert.equal(model, undefined);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'newer-version');
    assert.match(diagnostics[0].message, /version 3 .* version 1/);
    assertAt(diagnostics[0], text, '3');
  });

  it('refuses a version that is not 1 or older', () => {
    const diagnostic = only(xorWith('"version": 1', '"version": -2'), 'out-of-range');
    assert.match(diagnostic.message, /version -2 is not a \.nnjson version: set "version": 1/);
    assert.equal(readModel(xorWith('"version": 1', '"version": -2')).model, undefined);
  });

  it('holds layer ids to the one id rule, which the schema states too', () => {
    const diagnostic = only(xorWith('"id": "relu1"', '"id": "relu 1"'), 'out-of-range');
    assert.equal(diagnostic.path, 'layers[1].id');
    assert.match(diagnostic.message, /layers\[1\]\.id "relu 1" must start with a letter or _ and use only letters, digits, _ \. or -: rename it/);
    assert.match(only(xorWith('"id": "relu1"', '"id": ""'), 'out-of-range').message, /layers\[1\]\.id "" is empty: give the layer a short unique name/);
    const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as { definitions: { layer: { properties: { id: { pattern: string } } } } };
    assert.equal(schema.definitions.layer.properties.id.pattern, LAYER_ID_PATTERN);
  });

  it('reports out-of-range settings with a valid example', () => {
    const cases: [string, string, string, RegExp][] = [
      ['"lr": 0.01', '"lr": 0', 'optimizer.lr', /optimizer\.lr is 0 but must be greater than 0/],
      ['"lr": 0.01', '"lr": -1, "beta1": 1', 'optimizer.beta1', /below 1/],
      ['"batchSize": 4', '"batchSize": 0', 'training.batchSize', /whole number of at least 1/],
      ['"epochs": 200', '"epochs": 2.5', 'training.epochs', /whole number/],
      ['"seed": 7', '"seed": 7, "validationSplit": 1', 'training.validationSplit', /below 1/],
      ['{ "type": "ReLU", "id": "relu1" }', '{ "type": "Dropout", "id": "drop1", "p": 1.5 }', 'layers[1].p', /drop1\.p is 1\.5 but must be a probability/],
      ['"size": 2', '"size": 0', 'input.size', /input\.size is 0/],
      ['"samples": 200', '"samples": -5', 'data.samples', /data\.samples is -5/],
    ];
    for (const [search, replacement, path, message] of cases) {
      const diagnostics = readModel(xorWith(search, replacement)).diagnostics.filter((d) => d.code === 'out-of-range' && d.path === path);
      assert.equal(diagnostics.length, 1, `${replacement}: ${JSON.stringify(readModel(xorWith(search, replacement)).diagnostics)}`);
      assert.match(diagnostics[0].message, message);
    }
  });

  it('warns about settings another optimizer or layer uses, and misspelt keys', () => {
    const text = xorWith('"lr": 0.01', '"lr": 0.01, "momentum": 0.9, "betta1": 0.8');
    assert.match(only(text, 'unused-setting').message, /Adam\) does not use "momentum" \(that is a Momentum setting\)/);
    const typo = only(text, 'unknown-key');
    assert.equal(typo.data?.suggestion, 'beta1');
    assertAt(typo, text, '"betta1"');
    const topLevel = only(xorWith('"optimizer"', '"optimiser"'), 'unknown-key');
    assert.equal(topLevel.data?.suggestion, 'optimizer');
  });

  it('reports unknown loss and optimizer names with suggestions', () => {
    assert.equal(only(xorWith('"CrossEntropy"', '"crossentropy"'), 'unknown-loss').data?.suggestion, 'CrossEntropy');
    assert.equal(only(xorWith('"Adam"', '"adam"'), 'unknown-optimizer').data?.suggestion, 'Adam');
  });

  it('warns about a repeated key; the last value counts', () => {
    const text = xorWith('"name": "xor",', '"name": "a", "name": "xor",');
    const { model, diagnostics } = readModel(text);
    assert.equal(diagnostics[0].code, 'duplicate-key');
    assertAt(diagnostics[0], text, '"name"', 2);
    assert.equal(model?.name, 'xor');
  });

  it('keeps unknown top-level keys in the model without complaint', () => {
    const { model, diagnostics } = readModel(xorWith('"name": "xor",', '"name": "xor",\n  "x-notes": { "owner": "me" },'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model?.['x-notes'], { owner: 'me' });
  });

  it('reads null history figures (a diverged loss) as NaN', () => {
    const text = xorWith('\n}\n', ',\n  "history": [{ "epoch": 1, "loss": null, "seconds": 0.5 }]\n}\n');
    const { model, diagnostics } = readModel(text);
    assert.deepEqual(diagnostics, []);
    assert.ok(Number.isNaN(model?.history?.[0].loss));
  });

  it('never lets a "__proto__" key change an object prototype', () => {
    const { model } = readModel(xorWith('"name": "xor",', '"__proto__": { "polluted": true },'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(model), Object.prototype);
  });

  it('reports a split that is not what training writes as an error, and still shows the model', () => {
    const text = xorWith('"source": "builtin:xor"', '"source": "builtin:xor", "fitted": { "split": { "seed": -1, "validationSplit": 0.2, "shuffle": "yes", "rows": "many" } }');
    const { model, diagnostics } = readModel(text);
    assert.ok(model, 'the model is still shown');
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    assert.deepEqual(errors.map((diagnostic) => diagnostic.path), ['data.fitted.split.seed', 'data.fitted.split.rows', 'data.fitted.split.shuffle']);
    assert.match(errors[0].message, /delete data\.fitted\.split and train again/);
  });
});
