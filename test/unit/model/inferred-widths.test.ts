/** Linear.in and BatchNorm.features may be left out of a file: they are then the width coming in. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { summaryLines } from '../../../src/cli/commands/summary';
import { Tensor } from '../../../src/engine/tensor';
import { summaryMarkdown } from '../../../src/extension/summary-markdown';
import { buildNetwork, exportParameters } from '../../../src/model/bridge';
import { layerWidths, modelWidths, resolveLayers } from '../../../src/model/layer-widths';
import { readModel } from '../../../src/model/reader';
import { inferShapes } from '../../../src/model/shapes';
import { encodeFloat32 } from '../../../src/model/tensor-codec';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { validateAgainst } from './mini-schema';
import { XOR_TEXT, xorWith } from './samples';

/** XOR with a BatchNorm, every incoming width left out. */
const INFERRED = xorWith('{ "type": "Linear", "id": "fc1", "in": 2, "out": 8 }', '{ "type": "Linear", "id": "fc1", "out": 8 }')
  .replace('{ "type": "ReLU", "id": "relu1" }', '{ "type": "BatchNorm", "id": "bn1" },\n    { "type": "ReLU", "id": "relu1" }')
  .replace('{ "type": "Linear", "id": "fc2", "in": 8, "out": 2 }', '{ "type": "Linear", "id": "fc2", "out": 2 }');
/** The same network with every width stated. */
const STATED = INFERRED.replace('"id": "fc1", "out"', '"id": "fc1", "in": 2, "out"')
  .replace('"id": "bn1" }', '"id": "bn1", "features": 8 }')
  .replace('"id": "fc2", "out"', '"id": "fc2", "in": 8, "out"');

const schema = JSON.parse(readFileSync('schemas/nnjson.schema.json', 'utf8')) as never;

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  return model;
}

describe('widths left out of the file', () => {
  it('reads a file without Linear.in and BatchNorm.features with no diagnostics, and the schema accepts it', () => {
    assert.ok(!INFERRED.includes('"in"') && !INFERRED.includes('"features"'));
    assert.deepEqual(readModel(INFERRED).diagnostics, []);
    assert.deepEqual(validateAgainst(schema, JSON.parse(INFERRED)), []);
    // writing it back does not add the widths: the file stays as the user wrote it
    assert.equal(writeModel(read(INFERRED)), INFERRED);
  });

  it('keeps files that state the widths exactly as they were', () => {
    assert.deepEqual(readModel(STATED).diagnostics, []);
    assert.equal(writeModel(read(STATED)), STATED);
    assert.equal(writeModel(read(XOR_TEXT)), XOR_TEXT);
    assert.deepEqual(read(STATED).layers[0], { type: 'Linear', id: 'fc1', in: 2, out: 8 });
  });

  it('infers each width from the layer before: shapes, parameter counts and resolved layers', () => {
    const inferred = read(INFERRED);
    const stated = read(STATED);
    assert.deepEqual(modelWidths(inferred), [2, 8, 8, 8, 2, 2]);
    assert.deepEqual(resolveLayers(inferred), stated.layers);
    assert.deepEqual(inferShapes(inferred), inferShapes(stated));
    const shapes = inferShapes(inferred);
    assert.deepEqual(shapes.layers.map((layer) => [layer.id, layer.inputWidth, layer.outputWidth, layer.parameterCount, layer.stateCount]), [
      ['fc1', 2, 8, 24, 0], ['bn1', 8, 8, 32, 16], ['relu1', 8, 8, 0, 0], ['fc2', 8, 2, 18, 0], ['softmax1', 2, 2, 0, 0],
    ]);
    // a broken layer hides the width after it until the next Linear
    assert.deepEqual(layerWidths(3, [{ type: 'Linear', out: 4 }, {}, { type: 'ReLU' }, { type: 'Linear', out: 5 }]), [3, 4, undefined, undefined, 5]);
  });

  it('builds the same network from either file: same initial weights, same outputs', () => {
    const inferred = read(INFERRED);
    const stated = read(STATED);
    assert.deepEqual(exportParameters(buildNetwork(inferred), inferred), exportParameters(buildNetwork(stated), stated));
    const input = Tensor.fromRows([[0, 1], [1, 0], [1, 1]]);
    const [a, b] = [buildNetwork(inferred), buildNetwork(stated)];
    a.eval();
    b.eval();
    assert.deepEqual(Array.from(a.forward(input).data), Array.from(b.forward(input).data));
  });

  it('still reports a stated width that does not match, with the width to set', () => {
    const text = INFERRED.replace('"id": "fc2", "out"', '"id": "fc2", "in": 5, "out"');
    const mismatches = readModel(text).diagnostics.filter((d) => d.code === 'width-mismatch');
    assert.equal(mismatches.length, 1);
    assert.equal(mismatches[0].severity, 'error');
    assert.equal(mismatches[0].path, 'layers[3].in');
    assert.equal(mismatches[0].message, 'fc2.in is 5 but fc1 gives 8 features: set fc2.in to 8');
    assert.equal(mismatches[0].data?.expected, 8);
    const features = readModel(INFERRED.replace('"id": "bn1" }', '"id": "bn1", "features": 3 }')).diagnostics.filter((d) => d.code === 'width-mismatch');
    assert.equal(features[0]?.message, 'bn1.features is 3 but fc1 gives 8 features: set bn1.features to 8');
  });

  it('checks trained tensors against the inferred widths', () => {
    const model = read(INFERRED);
    const fits = { shape: [8, 2], dtype: 'float32' as const, data: encodeFloat32(new Float32Array(16)) };
    const bias = { shape: [2], dtype: 'float32' as const, data: encodeFloat32(new Float32Array(2)) };
    assert.deepEqual(readModel(writeModel({ ...model, parameters: { fc2: { W: fits, b: bias } } })).diagnostics.filter((d) => d.severity !== 'info'), []);
    const wrong = readModel(writeModel({ ...model, parameters: { fc2: { W: { ...fits, shape: [4, 4] }, b: bias } } })).diagnostics;
    const shape = wrong.find((d) => d.code === 'tensor-shape');
    assert.equal(shape?.message, 'fc2.W has shape [4,4] but the layer needs [8,2]: retrain the model, or delete "parameters" for this layer so it is initialised again');
    assert.equal(shape?.data?.layerId, 'fc2');
  });

  it('summarises the inferred widths in the CLI and the Markdown summary', () => {
    const model = read(INFERRED);
    const cli = summaryLines(model, 'xor.nnjson');
    assert.ok(cli.some((line) => /^1\s+fc1\s+Linear\s+2 -> 8\s+\[N, 8\]\s+24$/.test(line)), cli.join('\n'));
    assert.ok(cli.some((line) => /^2\s+bn1\s+BatchNorm\s+8 features\s+\[N, 8\]\s+32$/.test(line)), cli.join('\n'));
    // BatchNorm's running mean and variance (8 + 8) are stored but not trained
    assert.deepEqual(cli.filter((line) => /params:/.test(line)), ['Total params: 74', 'Trainable params: 58', 'Non-trainable params: 16']);
    const markdown = summaryMarkdown(model, 'xor.nnjson');
    assert.match(markdown, /\| 4 \| fc2 \| Linear \| 8 → 2 \| \[N, 2\] \| 18 \|/);
    assert.match(markdown, /Total params: \*\*74\*\*/);
    assert.match(markdown, /Trainable params: \*\*58\*\*/);
    assert.match(markdown, /Non-trainable params: \*\*16\*\*/);
  });
});
