import * as assert from 'node:assert/strict';
import { Tensor } from '../../../src/engine/tensor';
import { buildNetwork, exportParameters, ParameterLoadError, withTrainedParameters } from '../../../src/model/bridge';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import { tensorValues } from '../../../src/model/tensor-codec';
import type { NnJsonModel, TensorJson } from '../../../src/shared/nnjson';
import { xorModel } from './samples';

function withBatchNorm(): NnJsonModel {
  const model = xorModel();
  model.layers.splice(1, 0, { type: 'BatchNorm', id: 'bn1', features: 8 });
  return model;
}

function values(tensor: TensorJson): number[] {
  const decoded = tensorValues(tensor);
  assert.ok('values' in decoded);
  return Array.from(decoded.values);
}

function outputs(model: NnJsonModel): number[] {
  const network = buildNetwork(model);
  network.eval();
  return Array.from(network.forward(Tensor.fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])).data);
}

describe('model file <-> engine bridge', () => {
  it('initialises the same weights from the same seed and different ones from another', () => {
    const a = exportParameters(buildNetwork(xorModel()), xorModel());
    const b = exportParameters(buildNetwork(xorModel()), xorModel());
    assert.deepEqual(a, b);
    const other = xorModel();
    other.training = { seed: 8 };
    assert.notDeepEqual(exportParameters(buildNetwork(other), other), a);
  });

  it('exports tensors in file shapes: W [in, out], vectors [n]', () => {
    const model = withBatchNorm();
    const parameters = exportParameters(buildNetwork(model), model);
    assert.deepEqual(Object.keys(parameters), ['fc1', 'bn1', 'fc2']);
    assert.deepEqual(parameters.fc1.W.shape, [2, 8]);
    assert.deepEqual(parameters.fc1.b.shape, [8]);
    assert.deepEqual(Object.keys(parameters.bn1), ['gamma', 'beta', 'runningMean', 'runningVar']);
    assert.deepEqual(parameters.bn1.runningVar.shape, [8]);
  });

  it('loads written parameters back: a network built from the saved file computes the same outputs', () => {
    const model = withBatchNorm();
    model.training = { seed: 3 };
    const network = buildNetwork(model);
    // change the weights so that loading (not the seed) has to reproduce them
    for (const tensor of network.parameters()) tensor.data.forEach((value, i, data) => { data[i] = value * 0.5 + i * 1e-3; });
    const saved = writeModel(withTrainedParameters(model, network));
    const read = readModel(saved);
    assert.ok(read.model);
    const reloaded = read.model;
    reloaded.training = { seed: 99 };
    network.eval();
    const expected = Array.from(network.forward(Tensor.fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])).data);
    assert.deepEqual(outputs(reloaded), expected);
  });

  it('accepts hand-written "values" and keeps fresh weights for layers without parameters', () => {
    const model = xorModel();
    model.parameters = { fc2: { W: { shape: [8, 2], dtype: 'float32', values: new Array(16).fill(0) }, b: { shape: [2], dtype: 'float32', values: [1, -1] } } };
    // logits [1, -1] through the final SoftMax
    const high = 1 / (1 + Math.exp(-2));
    const expected = [high, 1 - high, high, 1 - high, high, 1 - high, high, 1 - high];
    outputs(model).forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 1e-6, `output ${i}: ${value}`));
  });

  it('throws a ParameterLoadError naming the tensor when parameters do not fit', () => {
    const model = xorModel();
    model.parameters = { fc1: { W: { shape: [8, 2], dtype: 'float32', values: new Array(16).fill(0) }, b: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) } } };
    assert.throws(() => buildNetwork(model), (error: unknown) => error instanceof ParameterLoadError && /parameters\.fc1\.W has shape \[8,2\] but layer fc1 needs \[2,8\]/.test(error.message));
  });

  it('initialises the layers, and single tensors, the file lacks from the seed and loads the others', () => {
    const fresh = exportParameters(buildNetwork(xorModel()), xorModel());
    const model = xorModel();
    const trainedW = { shape: [2, 8], dtype: 'float32' as const, values: Array.from({ length: 16 }, (_, i) => i / 10) };
    const trainedB = { shape: [2], dtype: 'float32' as const, values: [0.5, -0.5] };
    // fc1 has W but no b (a bias turned on after training), fc2 has b but no W (its in changed), nothing else
    model.parameters = { fc1: { W: trainedW }, fc2: { b: trainedB } };
    const loaded = exportParameters(buildNetwork(model), model);
    assert.deepEqual(values(loaded.fc1.W), Array.from(new Float32Array(trainedW.values)));
    assert.equal(loaded.fc1.b.data, fresh.fc1.b.data, 'fc1.b starts from the seed');
    assert.equal(loaded.fc2.W.data, fresh.fc2.W.data, 'fc2.W starts from the seed');
    assert.deepEqual(values(loaded.fc2.b), [0.5, -0.5]);
    // a model whose parameters lack whole layers: those start from the seed, the others load
    model.parameters = { fc2: { W: { shape: [8, 2], dtype: 'float32', values: new Array(16).fill(0.25) }, b: trainedB } };
    const partial = exportParameters(buildNetwork(model), model);
    assert.deepEqual(partial.fc1, fresh.fc1);
    assert.notEqual(partial.fc2.W.data, fresh.fc2.W.data);
  });
});
