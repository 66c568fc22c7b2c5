import * as assert from 'node:assert/strict';
import { defaultLayer } from '../../../src/model/edit';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';

describe('layers added in the builder to an image model', () => {
  it('Conv2D, MaxPool2D, AvgPool2D and Flatten arrive with settings that fit: a 3×3 kernel, 8 filters, 2×2 pools', () => {
    const layers = [defaultLayer('Conv2D', 1, 'conv1'), defaultLayer('MaxPool2D', 8, 'pool1'), defaultLayer('AvgPool2D', 8, 'pool2'), defaultLayer('Flatten', 8, 'flatten')];
    assert.deepEqual(layers.slice(0, 2), [
      { type: 'Conv2D', id: 'conv1', outChannels: 8, kernelSize: 3 },
      { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 },
    ]);
    const model = {
      format: 'nnjson', version: 1, input: { shape: [1, 8, 8] },
      layers: [...layers, { type: 'Linear', id: 'fc1', out: 10 }, { type: 'SoftMax', id: 'softmax' }],
      loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.001 },
    } as NnJsonModel;
    assert.deepEqual(readModel(writeModel(model)).diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
