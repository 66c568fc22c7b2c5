import * as assert from 'node:assert/strict';
import { predict, predictLayers, Random, Sequential } from '../../../src/engine/index';
import { buildNetwork } from '../../../src/model/bridge';
import { readModel } from '../../../src/model/reader';
import { randomTensor } from './gradient-check';

/** A CNN with every kind of layer whose eval mode differs from its train mode (Dropout, BatchNorm). */
const CNN = readModel(JSON.stringify({
  format: 'nnjson', version: 1, input: { shape: [2, 6, 6] },
  layers: [
    { type: 'Conv2D', id: 'conv1', outChannels: 3, kernelSize: 3, padding: 1 },
    { type: 'BatchNorm', id: 'bn1' },
    { type: 'ReLU', id: 'relu1' },
    { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 },
    { type: 'Conv2D', id: 'conv2', outChannels: 4, kernelSize: 2 },
    { type: 'AvgPool2D', id: 'pool2', kernelSize: 2 },
    { type: 'Flatten', id: 'flatten' },
    { type: 'Dropout', id: 'drop1', p: 0.5 },
    { type: 'Linear', id: 'fc1', out: 3 },
    { type: 'SoftMax', id: 'softmax' },
  ],
  loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam' },
})).model!;

describe('engine predictLayers: every layer\'s output in evaluation mode', () => {
  it('gives for each layer exactly what the network cut after it predicts, over more rows than one evaluation batch', () => {
    const network = buildNetwork(CNN);
    const x = randomTensor(300, 2 * 6 * 6, new Random(3));
    network.train();
    const outputs = predictLayers(network, x);
    assert.equal(network.training, true, 'the network is back in training mode');
    assert.deepEqual(outputs.map((output) => [output.rows, output.cols]), [
      [300, 108], [300, 108], [300, 108], [300, 27], [300, 16], [300, 4], [300, 4], [300, 4], [300, 3], [300, 3],
    ]);
    network.modules.forEach((_, index) => {
      const prefix = predict(new Sequential(network.modules.slice(0, index + 1)), x);
      assert.deepEqual(Array.from(outputs[index].data), Array.from(prefix.data), `layer ${index} (${network.modules[index].type})`);
    });
    assert.deepEqual(Array.from(outputs[outputs.length - 1].data), Array.from(predict(network, x).data));
  });

  it('keeps its results when the network runs again (they are copies, not the layers\' reused buffers)', () => {
    const network = buildNetwork(CNN);
    const rng = new Random(4);
    const first = predictLayers(network, randomTensor(2, 72, rng));
    const kept = first.map((output) => Array.from(output.data));
    predictLayers(network, randomTensor(2, 72, rng));
    assert.deepEqual(first.map((output) => Array.from(output.data)), kept);
  });
});
