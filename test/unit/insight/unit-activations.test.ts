import * as assert from 'node:assert/strict';
import { predictLayers, Tensor } from '../../../src/engine/index';
import { decisionBoundary, planeGrid } from '../../../src/insight/decision-boundary';
import { hiddenActivations, layerActivations } from '../../../src/insight/unit-activations';
import { networkForModel } from '../../../src/model/network-state';
import { readModel } from '../../../src/model/reader';
import { MAX_PICTURED_UNITS } from '../../../src/shared/training-events';

const MODEL = `{
  "format": "nnjson", "version": 1, "input": { "size": 2 },
  "layers": [
    { "type": "Linear", "id": "fc1", "in": 2, "out": 20 },
    { "type": "Tanh", "id": "tanh1" },
    { "type": "Linear", "id": "fc2", "in": 20, "out": 2 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" }, "optimizer": { "type": "SGD", "lr": 0.1 }
}`;

describe('unit activations (neuron pictures)', () => {
  it('scales each unit by its largest |activation|, to three decimals, and keeps a dead unit at 0', () => {
    const data = Float32Array.from([2, 0, -4, 0, 1, 0]); // 3 rows, 2 units; unit 1 is 0 everywhere
    const layer = layerActivations('fc1', data, 2, 3);
    assert.deepEqual(layer, { layerId: 'fc1', width: 2, units: [{ scale: 4, values: [0.5, -1, 0.25] }, { scale: 0, values: [0, 0, 0] }] });
  });

  it('gives every layer but the last, the first MAX_PICTURED_UNITS units of each, as the engine computes them over the grid', () => {
    const { model } = readModel(MODEL);
    assert.ok(model);
    const network = networkForModel(model, 3);
    const range = { xMin: -1, xMax: 2, yMin: -3, yMax: 1 };
    const scaling = { offset: [0.5, -1], scale: [1.5, 2] };
    const boundary = decisionBoundary(range, 5, scaling, ['a', 'b'], ['p', 'q'], () => new Float32Array(50), hiddenActivations(model, network));
    const layers = boundary.layers ?? [];
    assert.deepEqual(layers.map((layer) => [layer.layerId, layer.width, layer.units.length]), [['fc1', 20, MAX_PICTURED_UNITS], ['tanh1', 20, MAX_PICTURED_UNITS], ['fc2', 2, 2]]);
    const outputs = predictLayers(network, new Tensor(25, 2, planeGrid(range, 5, scaling)));
    layers.forEach((layer, index) => layer.units.forEach((unit, u) => {
      const column = Array.from({ length: 25 }, (_, cell) => outputs[index].data[cell * outputs[index].cols + u]);
      const scale = Math.max(...column.map(Math.abs));
      assert.ok(Math.abs(unit.scale - scale) < 1e-6);
      column.forEach((value, cell) => assert.ok(Math.abs(unit.values[cell] - value / scale) <= 5e-4, `${layer.layerId} unit ${u} cell ${cell}`));
    }));
  });
});
