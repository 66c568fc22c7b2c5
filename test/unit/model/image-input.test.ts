import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inputLength, inputShape, layerShapes, resolveLayers } from '../../../src/model/layer-widths';
import { readModel, readModelOrErrors } from '../../../src/model/reader';
import { formatBatchShape, inferShapes, shapeText } from '../../../src/model/shapes';
import { modelSummary } from '../../../src/model/summary';
import { followingWidths } from '../../../src/model/width-follow';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { validateAgainst } from './mini-schema';

const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as never;

/** A CrossEntropy model of 1×8×8 images, its input written as `input` (JSON text). */
function imageText(input: string, layers = '{ "type": "ReLU", "id": "relu1" }, { "type": "Dropout", "id": "drop1", "p": 0.2 }'): string {
  return `{
  "format": "nnjson",
  "version": 1,
  "input": ${input},
  "layers": [${layers}],
  "loss": { "type": "MSE" },
  "optimizer": { "type": "SGD" }
}
`;
}

const errorsOf = (text: string) => readModel(text).diagnostics.filter((d) => d.severity === 'error');

describe('an image input: "input": { "shape": [C, H, W] }', () => {
  it('reads a valid shape with no diagnostics, and the schema accepts it', () => {
    const text = imageText('{ "shape": [1, 8, 8] }');
    const { model, diagnostics } = readModel(text);
    assert.deepEqual(diagnostics, []);
    assert.ok(model);
    assert.deepEqual(model.input, { shape: [1, 8, 8] });
    assert.deepEqual(inputShape(model.input), [1, 8, 8]);
    assert.equal(inputLength(model.input), 64);
    assert.deepEqual(validateAgainst(schema, JSON.parse(text)), []);
  });

  it('keeps reading "size" as before', () => {
    const { model, diagnostics } = readModel(imageText('{ "size": 64 }'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(inputShape(model!.input), [64]);
  });

  const invalid: { input: string; path: string; code: string; message: RegExp }[] = [
    { input: '{ "size": 64, "shape": [1, 8, 8] }', path: 'input', code: 'out-of-range', message: /both "size" and "shape": keep one/ },
    { input: '{}', path: 'input.size', code: 'missing-field', message: /input has no "size".*or "shape": \[C, H, W\]/ },
    { input: '{ "shape": "1x8x8" }', path: 'input.shape', code: 'wrong-type', message: /input\.shape must be a list of 3 whole numbers \[C, H, W\].*write it as \[1, 28, 28\]/ },
    { input: '{ "shape": [8, 8] }', path: 'input.shape', code: 'out-of-range', message: /has 2 dimensions but an image input is \[C, H, W\].*or use "size": N/ },
    { input: '{ "shape": [1, 8, 8, 1] }', path: 'input.shape', code: 'out-of-range', message: /has 4 dimensions/ },
    { input: '{ "shape": [1, 0, 8] }', path: 'input.shape[1]', code: 'out-of-range', message: /input\.shape\[1\], H \(height\), is 0 but must be a whole number of at least 1: change input\.shape\[1\]/ },
    { input: '{ "shape": [1.5, 8, 8] }', path: 'input.shape[0]', code: 'out-of-range', message: /C \(channels\), is 1\.5/ },
    { input: '{ "shape": [1, "8", 8] }', path: 'input.shape[1]', code: 'out-of-range', message: /is "8"/ },
  ];
  for (const { input, path, code, message } of invalid) {
    it(`reports ${input} at ${path} with the fix, never throwing; the schema rejects it too`, () => {
      const text = imageText(input);
      const errors = errorsOf(text);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].path, path);
      assert.equal(errors[0].code, code);
      assert.match(errors[0].message, message);
      assert.notDeepEqual(validateAgainst(schema, JSON.parse(text)), []);
    });
  }

  it('warns about an unknown key in input, suggesting the close one', () => {
    const { diagnostics } = readModel(imageText('{ "shap": [1, 8, 8], "size": 64 }'));
    const unknown = diagnostics.find((d) => d.code === 'unknown-key');
    assert.equal(unknown?.path, 'input.shap');
    assert.match(unknown!.message, /did you mean "shape"/);
  });

  it('writes input.shape on one line, size before shape, and reads it back to the same bytes', () => {
    const model = readModelOrErrors(imageText('{ "shape": [3, 32, 32] }'));
    assert.ok('model' in model);
    const text = writeModel(model.model);
    assert.match(text, /"input": \{ "shape": \[3, 32, 32\] \},/);
    assert.equal(writeModel(readModel(text).model!), text);
    const both = writeModel({ ...model.model, input: { shape: [1, 2, 2], size: 4 } as never });
    assert.match(both, /"input": \{ "size": 4, "shape": \[1, 2, 2\] \}/);
  });
});

describe('shape inference through an image input', () => {
  it('passes [1, 8, 8] through ReLU and Dropout, and every layer knows its output shape', () => {
    const model = readModel(imageText('{ "shape": [1, 8, 8] }')).model!;
    const shapes = inferShapes(model);
    assert.deepEqual(shapes.inputShape, [1, 8, 8]);
    assert.equal(shapes.inputWidth, 64);
    assert.deepEqual(shapes.layers.map((layer) => [layer.id, layer.inputShape, layer.outputShape]), [
      ['relu1', [1, 8, 8], [1, 8, 8]],
      ['drop1', [1, 8, 8], [1, 8, 8]],
    ]);
    assert.deepEqual(shapes.outputShape, [1, 8, 8]);
    assert.ok(Number.isNaN(shapes.outputWidth), 'a 3-D output has no [features] width');
  });

  it('gives a Linear after a 3-D shape the "flatten it first" error at design time, naming the layer', () => {
    const text = imageText('{ "shape": [1, 8, 8] }', '{ "type": "ReLU", "id": "relu1" }, { "type": "Linear", "id": "fc1", "out": 10 }');
    const errors = errorsOf(text);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].code, 'input-shape');
    assert.equal(errors[0].path, 'layers[1].type');
    assert.equal(errors[0].message, 'fc1: Linear takes one dimension of features but the shape coming in is [1, 8, 8]: flatten it first');
    assert.equal(errors[0].data?.layerId, 'fc1');
  });

  it('reports the flatten error, not a width mismatch, for a Linear stating in = C·H·W after a 3-D shape', () => {
    const text = imageText('{ "shape": [1, 8, 8] }', '{ "type": "Linear", "id": "fc1", "in": 64, "out": 10 }');
    assert.deepEqual(errorsOf(text).map((d) => d.code), ['input-shape']);
  });

  it('gives a Linear after a 3-D shape the width C·H·W, as once a Flatten is put before it: its in, its tensors, its settings text', () => {
    const model = readModel(imageText('{ "shape": [1, 8, 8] }', '{ "type": "Linear", "id": "fc1", "out": 10 }')).model!;
    assert.equal((resolveLayers(model)[0] as { in: number }).in, 64);
    const [fc1] = inferShapes(model).layers;
    assert.deepEqual(fc1.inputShape, [1, 8, 8]);
    assert.deepEqual(fc1.widthShape, [64]);
    assert.equal(fc1.parameterCount, 64 * 10 + 10);
    assert.equal(modelSummary(model, { howToTrain: 'x' }).rows[1][3], '64 → 10');
  });

  it('keeps a stated Linear.in when the input becomes the image of the same values', () => {
    const before = readModel(imageText('{ "size": 64 }', '{ "type": "Linear", "id": "fc1", "in": 64, "out": 10 }')).model!;
    assert.deepEqual(followingWidths(before, { ...before, input: { shape: [1, 8, 8] } }), []);
    assert.deepEqual(followingWidths(before, { ...before, input: { size: 32 } }), [{ path: ['layers', 0, 'in'], value: 32 }]);
  });

  it('resolves a left-out width from the first dimension of the shape coming in', () => {
    const model: NnJsonModel = readModel(imageText('{ "size": 12 }', '{ "type": "Linear", "id": "fc1", "out": 5 }, { "type": "BatchNorm", "id": "bn1" }')).model!;
    assert.deepEqual(resolveLayers(model).map((layer) => (layer as Record<string, unknown>).in ?? (layer as Record<string, unknown>).features), [12, 5]);
    assert.deepEqual(layerShapes([2, 3, 3], [{ type: 'ReLU' }]).shapes, [[2, 3, 3], [2, 3, 3]]);
  });
});

describe('the summary of an image model', () => {
  it('shows the input row as the image shape and each layer\'s multi-dimensional output shape', () => {
    const model = readModel(imageText('{ "shape": [1, 8, 8] }')).model!;
    const summary = modelSummary(model, { howToTrain: 'train it' });
    assert.deepEqual(summary.rows.map((row) => [row[1], row[4]]), [
      ['input', '[N, 1, 8, 8]'],
      ['relu1', '[N, 1, 8, 8]'],
      ['drop1', '[N, 1, 8, 8]'],
    ]);
    assert.equal(summary.header[4], 'Output');
  });

  it('keeps the flat summary as it was', () => {
    const model = readModel(imageText('{ "size": 4 }', '{ "type": "Linear", "id": "fc1", "out": 3 }')).model!;
    assert.deepEqual(modelSummary(model, { howToTrain: 'x' }).rows.map((row) => row[4]), ['[N, 4]', '[N, 3]']);
  });

  it('writes shapes for the cards as C×H×W and a batch as [N, ...]', () => {
    assert.equal(shapeText([6, 24, 24]), '6×24×24');
    assert.equal(shapeText([10]), '10');
    assert.equal(shapeText(undefined), '?');
    assert.equal(formatBatchShape([6, 24, 24]), '[N, 6, 24, 24]');
  });
});
