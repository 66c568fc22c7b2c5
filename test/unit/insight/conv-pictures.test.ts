import * as assert from 'node:assert/strict';
import { predictLayers, Random, Tensor } from '../../../src/engine/index';
import { featureMaps, firstConvFilters, hasFeatureMapLayers } from '../../../src/insight/conv-pictures';
import { buildNetwork, withTrainedParameters } from '../../../src/model/bridge';
import { readModel } from '../../../src/model/reader';
import { tensorValues } from '../../../src/model/tensor-codec';
import type { NnJsonModel } from '../../../src/shared/nnjson';

const CNN = readModel(JSON.stringify({
  format: 'nnjson', version: 1, input: { shape: [1, 5, 5] },
  layers: [
    { type: 'Linear', id: 'lin', out: 25 },
    { type: 'Conv2D', id: 'conv1', outChannels: 2, kernelSize: 3, padding: 1 },
    { type: 'ReLU', id: 'relu1' },
    { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 },
    { type: 'Conv2D', id: 'conv2', outChannels: 3, kernelSize: 2 },
    { type: 'Flatten', id: 'flatten' },
    { type: 'Linear', id: 'fc1', out: 2 },
    { type: 'SoftMax', id: 'softmax' },
  ],
  loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam' },
})).model!;

/** CNN with its initial weights written as trained ones; a 5×5 image-shaped Linear input fails, so conv1 takes [1, 5, 5]. */
function trained(): NnJsonModel {
  const model = { ...CNN, layers: CNN.layers.slice(1) };
  return withTrainedParameters(model, buildNetwork(model));
}

describe('conv pictures: filters and feature maps of a trained CNN', () => {
  it('gives the first Conv2D\'s W as out × in filters of the kernel size, or says why there are none', () => {
    const model = trained();
    const filters = firstConvFilters(model);
    assert.ok(!('missing' in filters));
    const w = tensorValues(model.parameters!.conv1.W);
    assert.ok(!('error' in w));
    assert.deepEqual([filters.layerId, filters.outChannels, filters.inChannels, filters.kernel], ['conv1', 2, 1, [3, 3]]);
    assert.deepEqual(Array.from(filters.values), Array.from(w.values));
    assert.deepEqual(firstConvFilters({ ...model, parameters: undefined }), { missing: 'Train the model to see the filters of conv1.' });
    assert.deepEqual(firstConvFilters({ ...model, layers: model.layers.filter((layer) => layer.type !== 'Conv2D') }), { missing: 'The model has no Conv2D layer, so it has no filters to show.' });
    const cut = { ...model, parameters: { ...model.parameters, conv1: { ...model.parameters!.conv1, W: { shape: [2, 9], dtype: 'float32' as const, values: Array.from({ length: 18 }, () => 0) } } } };
    assert.match((firstConvFilters(cut) as { missing: string }).missing, /parameters\.conv1\.W has shape \[2,9\], not \[out, in, kh, kw\]: train the model again/);
  });

  it('gives every Conv2D and pooling layer\'s output for one image, normalised as training normalised it', () => {
    const base = trained();
    const offset = Array.from({ length: 25 }, (_, i) => i / 50);
    const scale = Array.from({ length: 25 }, (_, i) => 1 + i / 10);
    const model: NnJsonModel = { ...base, data: { source: 'images.csv', fitted: { featureOffset: offset, featureScale: scale } } };
    const network = buildNetwork(model);
    const rng = new Random(9);
    const pixels = Array.from({ length: 25 }, () => rng.uniform(0, 1));
    const maps = featureMaps(model, network, pixels);
    assert.deepEqual(maps.map((map) => [map.layerId, map.type, map.shape]), [
      ['conv1', 'Conv2D', [2, 5, 5]], ['pool1', 'MaxPool2D', [2, 2, 2]], ['conv2', 'Conv2D', [3, 1, 1]],
    ]);
    const normalised = Float32Array.from(Float32Array.from(pixels), (value, i) => (value - offset[i]) / scale[i]);
    const outputs = predictLayers(network, new Tensor(1, 25, normalised));
    assert.deepEqual(Array.from(maps[0].values), Array.from(outputs[0].data));
    assert.deepEqual(Array.from(maps[1].values), Array.from(outputs[2].data));
    assert.deepEqual(Array.from(maps[2].values), Array.from(outputs[3].data));
    assert.notDeepEqual(Array.from(featureMaps(base, network, pixels)[0].values), Array.from(maps[0].values), 'without the scaling the maps differ');
    assert.equal(hasFeatureMapLayers(model), true);
    assert.equal(hasFeatureMapLayers({ ...model, layers: model.layers.filter((layer) => !['Conv2D', 'MaxPool2D'].includes(layer.type)) }), false);
  });
});
