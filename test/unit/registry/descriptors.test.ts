/**
 * Every listed layer descriptor, checked by itself: so a new one (its descriptor and module only) is checked
 * without writing these tests again. Its defaults fit its ranges, its tensors are the module's, with the shapes
 * and roles it states, and its output-shape rule gives the width the module's forward really produces.
 */
import * as assert from 'node:assert/strict';
import { createLayer } from '../../../src/engine/factory';
import { ReLU } from '../../../src/engine/layers/relu';
import { namedParameters } from '../../../src/engine/named-parameters';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { layerShapes } from '../../../src/model/layer-widths';
import { layerTensors } from '../../../src/model/shapes';
import { shapeSize } from '../../../src/model/tensor-codec';
import { defineActivation } from '../../../src/registry/layer-descriptor';
import { LAYER_DESCRIPTORS } from '../../../src/registry/layers/index';
import { relu } from '../../../src/registry/layers/relu';
import { fitsRange, isNumberSetting, rangeOf, type Settings } from '../../../src/registry/settings';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';

const INCOMING = 3;

/** A layer of the descriptor's type with every setting at its default, a left-out width and `out` 5. */
function sampleLayer(descriptor: (typeof LAYER_DESCRIPTORS)[number]): ResolvedLayerSpec {
  const layer: Record<string, unknown> = { type: descriptor.type, id: `${descriptor.idPrefix}1` };
  for (const [key, setting] of Object.entries(descriptor.settings as Settings)) {
    if (isNumberSetting(setting) && setting.followsIncomingWidth) layer[key] = INCOMING;
    else if (isNumberSetting(setting) && setting.required) layer[key] = 5;
  }
  return layer as ResolvedLayerSpec;
}

describe('layer descriptors', () => {
  it('have distinct types and id prefixes, at most one width that follows the one coming in, and defaults in range', () => {
    assert.equal(new Set(LAYER_DESCRIPTORS.map((descriptor) => descriptor.type)).size, LAYER_DESCRIPTORS.length);
    assert.equal(new Set(LAYER_DESCRIPTORS.map((descriptor) => descriptor.idPrefix)).size, LAYER_DESCRIPTORS.length);
    for (const descriptor of LAYER_DESCRIPTORS) {
      const settings = Object.entries(descriptor.settings as Settings);
      assert.ok(settings.filter(([, setting]) => isNumberSetting(setting) && setting.followsIncomingWidth).length <= 1, descriptor.type);
      for (const [key, setting] of settings) {
        if (!isNumberSetting(setting)) continue;
        assert.ok(!(setting.required && setting.default !== undefined), `${descriptor.type}.${key} is required or has a default, not both`);
        if (setting.default !== undefined) assert.ok(fitsRange(rangeOf(setting), setting.default), `${descriptor.type}.${key}'s default ${setting.default} is in its range`);
      }
    }
  });

  for (const descriptor of LAYER_DESCRIPTORS) {
    it(`${descriptor.type}: its tensors are the module's, with the file shapes and roles it states; its output shape is the module's`, () => {
      const layer = sampleLayer(descriptor);
      const module = createLayer(layer, new Random(1));
      assert.equal(module.type, descriptor.type);
      const stated = layerTensors(layer, [INCOMING]);
      const live = namedParameters(descriptor.type, module);
      assert.deepEqual(Object.keys(live), stated.map((tensor) => tensor.name));
      // the file's shape holds the module's values row-major: the same count, the same last dimension
      for (const { name, shape } of stated) {
        assert.ok(shape, `${descriptor.type}.${name}'s shape is known`);
        assert.deepEqual([shapeSize(shape), shape[shape.length - 1]], [live[name].size, live[name].cols], `${descriptor.type}.${name}`);
      }
      // trained tensors are the ones the optimizer gets; state is stored but not trained
      const trained = stated.filter((tensor) => tensor.role === 'trained').map((tensor) => live[tensor.name]);
      assert.deepEqual(module.parameters(), trained);
      const output = module.forward(Tensor.fromRows([[0.5, -1, 2], [1, 0.25, -0.5]]));
      const shape = descriptor.outputShape(layer as never, [INCOMING]);
      assert.ok(Array.isArray(shape), `${descriptor.type} takes [${INCOMING}]`);
      assert.deepEqual(shape, [output.cols]);
    });
  }

  it('an element-wise activation is its type, explanation, formula and module', () => {
    const tiny = defineActivation({ type: 'Tiny', explanation: 'x.', formula: 'y = x', create: () => new ReLU() });
    assert.deepEqual([tiny.idPrefix, tiny.group, tiny.settings, tiny.parameters, tiny.outputShape({}, [4, 2])], ['tiny', 'Activations', {}, [], [4, 2]]);
    assert.deepEqual([relu.idPrefix, relu.group], ['relu', 'Activations']);
  });

  it('shape rules take a whole shape: a layer that needs [features] refuses more dimensions and says what to do', () => {
    const chain = layerShapes([3, 8, 8], [{ type: 'ReLU' }, { type: 'Linear', out: 4 }, { type: 'Sigmoid' }]);
    assert.deepEqual(chain.shapes, [[3, 8, 8], [3, 8, 8], undefined, undefined]);
    assert.deepEqual(chain.errors, [{ index: 1, message: 'Linear takes one dimension of features but the shape coming in is [3, 8, 8]: flatten it first' }]);
  });
});
