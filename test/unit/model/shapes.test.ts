import * as assert from 'node:assert/strict';
import { formatBytes, formatCount, inferShapes } from '../../../src/model/shapes';
import { mnistModel } from './samples';

describe('shape inference', () => {
  it('gives widths and parameter counts of a 784-256-128-10 MLP', () => {
    const summary = inferShapes(mnistModel());
    assert.deepEqual(summary.layers.map((layer) => [layer.id, layer.inputWidth, layer.outputWidth, layer.parameterCount]), [
      ['fc1', 784, 256, 200960],
      ['relu1', 256, 256, 0],
      ['fc2', 256, 128, 32896],
      ['relu2', 128, 128, 0],
      ['drop1', 128, 128, 0],
      ['fc3', 128, 10, 1290],
      ['softmax1', 10, 10, 0],
    ]);
    assert.equal(summary.totalParameters, 235146);
    assert.equal(summary.trainableParameters, 235146);
    assert.equal(summary.parameterBytes, 940584);
    assert.equal(summary.outputWidth, 10);
    assert.equal(formatCount(summary.totalParameters), '235,146');
    assert.equal(formatBytes(summary.parameterBytes), '918.5 KB');
  });

  it('counts a Linear without bias, and BatchNorm\'s running statistics as non-trainable state (as Keras does)', () => {
    const summary = inferShapes({
      input: { size: 4 },
      layers: [
        { type: 'Linear', id: 'fc1', in: 4, out: 6, bias: false },
        { type: 'BatchNorm', id: 'bn1', features: 6 },
        { type: 'LeakyReLU', id: 'lrelu1' },
      ],
    });
    assert.deepEqual(summary.layers.map((layer) => [layer.parameterCount, layer.trainableCount, layer.stateCount]), [[24, 24, 0], [24, 12, 12], [0, 0, 0]]);
    assert.equal(summary.totalParameters, 48);
    assert.equal(summary.trainableParameters, 36);
    assert.equal(summary.nonTrainableParameters, 12);
    assert.equal(summary.parameterBytes, 48 * 4);
  });
});
