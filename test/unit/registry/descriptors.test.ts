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
import { defineActivation, layerValues, type Shape } from '../../../src/registry/layer-descriptor';
import { LAYER_DESCRIPTORS } from '../../../src/registry/layers/index';
import { relu } from '../../../src/registry/layers/relu';
import { fitsRange, isNumberSetting, rangeOf, type Settings } from '../../../src/registry/settings';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';

const INCOMING = 3;
/** The image shape a layer that refuses [INCOMING] (Conv2D, the pools) gets instead. */
const IMAGE: Shape = [INCOMING, 7, 6];

/** A layer of the descriptor's type with every setting at its default, a left-out width and other required ones 5 (per axis: [3, 2]). */
function sampleLayer(descriptor: (typeof LAYER_DESCRIPTORS)[number]): ResolvedLayerSpec {
  const layer: Record<string, unknown> = { type: descriptor.type, id: `${descriptor.idPrefix}1` };
  for (const [key, setting] of Object.entries(descriptor.settings as Settings)) {
    if (isNumberSetting(setting) && setting.followsIncomingWidth) layer[key] = INCOMING;
    else if (isNumberSetting(setting) && setting.required) layer[key] = setting.perAxis ? [3, 2] : 5;
  }
  return layer as ResolvedLayerSpec;
}

/** The shape the sample layer is checked on: [INCOMING], or an image for a layer that refuses it. */
function sampleInput(descriptor: (typeof LAYER_DESCRIPTORS)[number], layer: ResolvedLayerSpec): Shape {
  const flat = descriptor.outputShape(layerValues(descriptor, layer, [INCOMING]) as never, [INCOMING]);
  return flat !== undefined && 'error' in flat ? IMAGE : [INCOMING];
}

/** Whether a tensor of `shape`, row-major, is a rows × cols matrix split after some of its dimensions. */
function splitsInto(shape: readonly number[], rows: number, cols: number): boolean {
  return shape.some((_, at) => shapeSize(shape.slice(0, at)) === rows && shapeSize(shape.slice(at)) === cols);
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
      const input = sampleInput(descriptor, layer);
      const module = createLayer(layer, new Random(1), input);
      assert.equal(module.type, descriptor.type);
      const stated = layerTensors(layer, input);
      const live = namedParameters(descriptor.type, module);
      assert.deepEqual(Object.keys(live), stated.map((tensor) => tensor.name));
      // the file's shape holds the module's values row-major: the module's rows × cols after some of its dimensions
      for (const { name, shape } of stated) {
        assert.ok(shape, `${descriptor.type}.${name}'s shape is known`);
        assert.ok(splitsInto(shape, live[name].rows, live[name].cols), `${descriptor.type}.${name}: [${shape.join(', ')}] is ${live[name].rows} × ${live[name].cols}`);
      }
      // trained tensors are the ones the optimizer gets; state is stored but not trained
      const trained = stated.filter((tensor) => tensor.role === 'trained').map((tensor) => live[tensor.name]);
      assert.deepEqual(module.parameters(), trained);
      const batch = new Tensor(2, shapeSize(input));
      batch.data.forEach((_, i) => (batch.data[i] = Math.sin(i + 1)));
      const output = module.forward(batch);
      const shape = descriptor.outputShape(layerValues(descriptor, layer, input) as never, input);
      assert.ok(Array.isArray(shape), `${descriptor.type} takes [${input.join(', ')}]`);
      assert.equal(shapeSize(shape), output.cols);
      assert.equal(output.rows, 2);
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
    assert.deepEqual(chain.errors, [{ index: 1, message: 'Linear takes one dimension of features but the shape coming in is [3, 8, 8]: flatten it first', flattenFixes: true, settingsFixes: [] }]);
  });
});
