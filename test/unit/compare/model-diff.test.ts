/** The comparison of two models (src/compare/): each kind of change, found and written as `nnjson diff` writes it. */
import * as assert from 'node:assert/strict';
import { diffLines } from '../../../src/compare/diff-text';
import { matchLayers } from '../../../src/compare/layer-match';
import { diffModels, type ModelDiff } from '../../../src/compare/model-diff';
import { tensorJson } from '../../../src/model/tensor-codec';
import type { LayerSpec, NnJsonModel } from '../../../src/shared/nnjson';
import { xorModel } from '../model/samples';

function diff(a: NnJsonModel, b: NnJsonModel): ModelDiff {
  return diffModels(a, b, { a: 'a.nnjson', b: 'b.nnjson' }, '->');
}

function withLayers(layers: LayerSpec[]): NnJsonModel {
  return { ...xorModel(), layers };
}

function trained(model: NnJsonModel, values: Record<string, Record<string, number[]>>): NnJsonModel {
  const shapes: Record<string, number[]> = { 'fc1.W': [2, 8], 'fc1.b': [8], 'fc2.W': [8, 2], 'fc2.b': [2] };
  const parameters = Object.fromEntries(Object.entries(values).map(([layer, tensors]) => [
    layer, Object.fromEntries(Object.entries(tensors).map(([name, data]) => [name, tensorJson(shapes[`${layer}.${name}`] ?? [data.length], Float32Array.from(data))])),
  ]));
  return { ...model, parameters };
}

const ids = (layers: { id: string }[]) => layers.map((layer) => layer.id);

describe('model diff', () => {
  it('finds nothing between a model and itself, and says so', () => {
    const model = trained(xorModel(), { fc2: { b: [0.5, -0.5] } });
    const result = diff(model, model);
    assert.equal(result.identical, true);
    assert.ok(result.layers.a.every((layer) => layer.status === 'same' && !layer.moved));
    assert.deepEqual(result.tensors.map((tensor) => [tensor.status, tensor.distance]), [['compared', 0]]);
    assert.ok(diffLines(result).includes('The models are the same (architecture, settings and parameters).'));
  });

  it('finds an added and a removed layer, and counts the parameters of each side', () => {
    const a = xorModel();
    const b = withLayers([
      { type: 'Linear', id: 'fc1', in: 2, out: 8 },
      { type: 'ReLU', id: 'relu1' },
      { type: 'Linear', id: 'hidden', out: 4 },
      { type: 'Linear', id: 'fc2', in: 4, out: 2 },
    ]);
    const result = diff(a, b);
    assert.deepEqual(result.layers.b.filter((layer) => layer.status === 'added').map((layer) => layer.id), ['hidden']);
    assert.deepEqual(result.layers.a.filter((layer) => layer.status === 'removed').map((layer) => layer.id), ['softmax1']);
    // fc2 now takes 4 features: its `in` changed
    const fc2 = result.layers.b.find((layer) => layer.id === 'fc2');
    assert.deepEqual(fc2?.changes, [{ key: 'in', a: 8, b: 4 }]);
    assert.deepEqual(result.parameters, { a: { total: 42, trainable: 42 }, b: { total: 24 + 36 + 10, trainable: 70 } });
    const lines = diffLines(result);
    assert.ok(lines.includes('  + hidden (Linear, 8 -> 4) added as layer 3'), lines.join('\n'));
    assert.ok(lines.includes('  - softmax1 (SoftMax) removed (was layer 4)'), lines.join('\n'));
    assert.ok(lines.includes('  ~ fc2.in: 8 -> 4'), lines.join('\n'));
    assert.ok(lines.includes('Parameters: 42 -> 70 (+28)'), lines.join('\n'));
    assert.equal(result.identical, false);
  });

  it('finds a moved layer: the others keep their order', () => {
    const [fc1, relu1, fc2, softmax1] = xorModel().layers;
    const dropout: LayerSpec = { type: 'Dropout', id: 'drop', p: 0.5 };
    const result = diff(withLayers([fc1, dropout, relu1, fc2, softmax1]), withLayers([fc1, relu1, dropout, fc2, softmax1]));
    const moved = result.layers.b.filter((layer) => layer.moved).map((layer) => layer.id);
    assert.equal(moved.length, 1, 'one of the two swapped layers counts as moved');
    assert.ok(['drop', 'relu1'].includes(moved[0]));
    assert.ok(diffLines(result).some((line) => /^ {2}~ (drop|relu1) moved from layer [23] to layer [23]$/.test(line)));
  });

  it('matches a renamed layer by type and place, and compares its tensors under the new name', () => {
    const a = trained(xorModel(), { fc1: { b: [0, 0, 0, 0, 0, 0, 0, 0] } });
    const renamed = withLayers(xorModel().layers.map((layer) => (layer.id === 'fc1' ? { ...layer, id: 'dense' } : layer)));
    const b = trained(renamed, { dense: { b: [3, 4, 0, 0, 0, 0, 0, 0] } });
    const result = diff(a, b);
    assert.equal(result.layers.b[0].otherId, 'fc1');
    assert.equal(result.layers.b[0].status, 'same');
    assert.deepEqual(result.tensors, [{ layer: 'fc1', otherLayer: 'dense', name: 'b', shapeA: [8], shapeB: [8], status: 'compared', distance: 5 }]);
    assert.ok(diffLines(result).includes('  ~ fc1 renamed dense'));
  });

  it('pairs leftover layers only with layers of their own type', () => {
    const match = matchLayers(
      [{ type: 'Linear', id: 'a', out: 2 }, { type: 'ReLU', id: 'b' }],
      [{ type: 'Tanh', id: 'x' }, { type: 'Linear', id: 'y', out: 2 }],
    );
    assert.deepEqual(match.pairs.map((pair) => [pair.a, pair.b, pair.renamed]), [[0, 1, true]]);
    assert.deepEqual([match.removed, match.added], [[1], [0]]);
  });

  it('compares layer settings as they take effect: a left-out width that equals the stated one is no change', () => {
    const a = xorModel();
    const b = withLayers(xorModel().layers.map((layer) => (layer.id === 'fc2' ? { type: 'Linear', id: 'fc2', out: 2 } : layer)));
    assert.equal(diff(a, b).identical, true);
    const wider = withLayers(xorModel().layers.map((layer) => (layer.id === 'fc1' ? { ...layer, out: 16 } : layer.id === 'fc2' ? { ...layer, in: 16 } : layer)));
    const result = diff(a, wider);
    assert.deepEqual(result.layers.b.map((layer) => layer.changes), [[{ key: 'out', a: 8, b: 16 }], [], [{ key: 'in', a: 8, b: 16 }], []]);
    assert.equal(result.layers.b[0].status, 'changed');
  });

  it('finds a changed layer type on the same id', () => {
    const b = withLayers(xorModel().layers.map((layer) => (layer.id === 'relu1' ? { type: 'Tanh', id: 'relu1' } : layer)));
    const result = diff(xorModel(), b);
    assert.deepEqual(result.layers.b[1].changes, [{ key: 'type', a: 'ReLU', b: 'Tanh' }]);
    assert.ok(diffLines(result).includes('  ~ relu1.type: "ReLU" -> "Tanh"'));
  });

  it('finds changes to the loss, optimizer, training and data settings, with defaults where a file leaves a setting out', () => {
    const a = xorModel();
    const b: NnJsonModel = {
      ...xorModel(),
      loss: { type: 'MSE' },
      optimizer: { type: 'Adam', lr: 0.001, beta1: 0.8 },
      training: { epochs: 300, batchSize: 4, seed: 7, shuffle: true },
      data: { source: 'builtin:circles', samples: 200 },
    };
    const result = diff(a, b);
    const changed = result.settings.filter((row) => row.changed).map((row) => row.path);
    // shuffle is stated as its default in B only: no change
    assert.deepEqual(changed, ['loss.type', 'optimizer.lr', 'training.epochs', 'data.source', 'optimizer.beta1']);
    const lines = diffLines(result);
    assert.ok(lines.includes('  optimizer.lr: 0.01 -> 0.001'), lines.join('\n'));
    assert.ok(lines.includes('  optimizer.beta1: 0.9 (default) -> 0.8'), lines.join('\n'));
    assert.ok(lines.includes('  data.source: "builtin:xor" -> "builtin:circles"'), lines.join('\n'));
  });

  it('reads settings generically: a nested setting it has never heard of shows, and data.fitted is left out', () => {
    const a: NnJsonModel = { ...xorModel(), data: { source: 'builtin:xor', fitted: { featureOffset: [0, 0] } } };
    const b = {
      ...xorModel(),
      training: { ...xorModel().training, lrSchedule: { type: 'step', stepSize: 10, gamma: 0.5 } },
      data: { source: 'builtin:xor', fitted: { featureOffset: [1, 1] } },
    } as unknown as NnJsonModel;
    const changed = diff(a, b).settings.filter((row) => row.changed);
    assert.deepEqual(changed.map((row) => [row.path, row.a, row.b]), [
      ['training.lrSchedule.type', undefined, 'step'],
      ['training.lrSchedule.stepSize', undefined, 10],
      ['training.lrSchedule.gamma', undefined, 0.5],
    ]);
  });

  it('gives the L2 distance and the relative change of every tensor both have, and says which it could not compare', () => {
    const a = trained(xorModel(), { fc1: { b: [1, 2, 2, 0, 0, 0, 0, 0] }, fc2: { b: [0, 0] } });
    const b = trained(withLayers(xorModel().layers), { fc1: { b: [1, 2, 2, 0, 0, 0, 0, 0].map((v) => v * 2) }, fc2: { b: [1, 1] } });
    const result = diff(a, b);
    // ‖b − a‖ = ‖a‖ = 3 for fc1.b; fc2.b starts from zeros, so no relative change
    assert.deepEqual(result.tensors.map((t) => [t.layer, t.name, t.distance, t.relative]), [['fc1', 'b', 3, 1], ['fc2', 'b', Math.SQRT2, undefined]]);
    const reshaped = trained(withLayers(xorModel().layers), { fc1: { W: [1, 2] }, fc2: { W: new Array(16).fill(0) } });
    const onlyA = trained(xorModel(), { fc1: { W: [1, 2, 3] } });
    const other = diff(onlyA, reshaped);
    assert.deepEqual(other.tensors.map((t) => [t.layer, t.name, t.status]), [['fc1', 'W', 'reshaped'], ['fc2', 'W', 'onlyB']]);
    const lines = diffLines(result);
    assert.ok(lines.some((line) => /^ {2}fc1\.b\s+\[8\]\s+3\s+100\.0%$/.test(line)), lines.join('\n'));
    assert.ok(lines.some((line) => /^ {2}fc2\.b\s+\[2\]\s+1\.414\s+—$/.test(line)), lines.join('\n'));
  });

  it('puts the final metrics of both runs side by side, and the epochs each was trained for', () => {
    const a: NnJsonModel = { ...xorModel(), history: [{ epoch: 1, loss: 0.9, seconds: 1 }, { epoch: 2, loss: 0.5, accuracy: 0.75, seconds: 1 }] };
    const b: NnJsonModel = { ...xorModel(), history: [{ epoch: 10, loss: 0.25, valLoss: 0.3, accuracy: 0.875, seconds: 2 }] };
    const result = diff(a, b);
    assert.deepEqual(result.epochs, { a: 2, b: 10 });
    assert.deepEqual(result.metrics, [{ key: 'loss', a: 0.5, b: 0.25 }, { key: 'valLoss', a: undefined, b: 0.3 }, { key: 'accuracy', a: 0.75, b: 0.875 }]);
    const lines = diffLines(result);
    const at = lines.indexOf('Final metrics:');
    assert.deepEqual(lines.slice(at + 1).map((line) => line.trim().split(/\s+/)), [['A', 'B'], ['epochs', '2', '10'], ['loss', '0.5', '0.25'], ['valLoss', '—', '0.3'], ['accuracy', '0.75', '0.875']]);
  });

  it('finds a changed input', () => {
    const result = diff(xorModel(), { ...xorModel(), input: { size: 3 } });
    assert.deepEqual(result.input, { a: 'size 2', b: 'size 3', changed: true });
    assert.ok(diffLines(result).includes('Input: size 2 -> size 3'));
    assert.deepEqual(ids(result.layers.b), ['fc1', 'relu1', 'fc2', 'softmax1']);
  });
});
