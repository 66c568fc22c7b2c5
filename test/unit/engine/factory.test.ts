import * as assert from 'node:assert/strict';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { MSE } from '../../../src/engine/criteria/mse';
import { createCriterion, createLayer, createNetwork, createOptimizer } from '../../../src/engine/factory';
import { BatchNorm } from '../../../src/engine/layers/batch-norm';
import { Dropout } from '../../../src/engine/layers/dropout';
import { LeakyReLU } from '../../../src/engine/layers/leaky-relu';
import { Linear } from '../../../src/engine/layers/linear';
import { namedParameters } from '../../../src/engine/named-parameters';
import { Adam } from '../../../src/engine/optimizers/adam';
import { Momentum } from '../../../src/engine/optimizers/momentum';
import { Nadam } from '../../../src/engine/optimizers/nadam';
import { RMSProp } from '../../../src/engine/optimizers/rmsprop';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { Random } from '../../../src/engine/random';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_DESCRIPTORS } from '../../../src/registry/optimizers';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';

const LAYERS: ResolvedLayerSpec[] = [
  { type: 'Linear', id: 'fc1', in: 4, out: 8 },
  { type: 'BatchNorm', id: 'bn1', features: 8, momentum: 0.2 },
  { type: 'LeakyReLU', id: 'act1', slope: 0.1 },
  { type: 'Dropout', id: 'drop1', p: 0.2 },
  { type: 'Linear', id: 'fc2', in: 8, out: 3, bias: false },
  { type: 'Sigmoid', id: 'sig' },
  { type: 'SoftMax', id: 'out' },
  { type: 'ReLU', id: 'relu' },
];

describe('engine factories', () => {
  it('builds every layer type with its settings and names it by id', () => {
    const network = createNetwork(LAYERS, new Random(1));
    assert.deepEqual(network.modules.map((m) => [m.type, m.name]), LAYERS.map((l) => [l.type, l.id]));
    const bn = network.modules[1] as BatchNorm;
    assert.deepEqual([bn.features, bn.eps, bn.momentum], [8, 1e-5, 0.2]);
    assert.equal((network.modules[2] as LeakyReLU).slope, 0.1);
    assert.equal((network.modules[3] as Dropout).p, 0.2);
    assert.equal((network.modules[4] as Linear).bias, null);
  });

  it('the same seed gives the same initial weights', () => {
    const a = createNetwork(LAYERS, new Random(5)).parameters().map((p) => Array.from(p.data));
    const b = createNetwork(LAYERS, new Random(5)).parameters().map((p) => Array.from(p.data));
    const c = createNetwork(LAYERS, new Random(6)).parameters().map((p) => Array.from(p.data));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('invalid layer settings name the layer id', () => {
    assert.throws(() => createLayer({ type: 'Dropout', id: 'drop9', p: 2 }, new Random(1)), /layer drop9: Dropout p/);
    assert.throws(
      () => createLayer(JSON.parse('{"type":"Conv3D","id":"c1"}') as ResolvedLayerSpec, new Random(1)),
      /layer c1: unknown type "Conv3D"/,
    );
  });

  it('namedParameters gives the model-file names of live tensors', () => {
    const network = createNetwork(LAYERS, new Random(1));
    const fc1 = namedParameters('Linear', network.modules[0]);
    assert.deepEqual(Object.keys(fc1), ['W', 'b']);
    assert.deepEqual([fc1.W.rows, fc1.W.cols, fc1.b.rows, fc1.b.cols], [4, 8, 1, 8]);
    fc1.W.data[0] = 42;
    assert.equal((network.modules[0] as Linear).weight.data[0], 42);
    assert.deepEqual(Object.keys(namedParameters('BatchNorm', network.modules[1])), ['gamma', 'beta', 'runningMean', 'runningVar']);
    assert.deepEqual(Object.keys(namedParameters('Linear', network.modules[4])), ['W']);
    assert.deepEqual(namedParameters('LeakyReLU', network.modules[2]), {});
  });

  it('createOptimizer applies the settings and the seed\'s defaults', () => {
    assert.ok(createOptimizer({ type: 'SGD' }) instanceof SGD);
    const momentum = createOptimizer({ type: 'Momentum', lr: 0.5 });
    assert.ok(momentum instanceof Momentum && momentum.lr === 0.5 && momentum.momentum === 0.9);
    const rmsprop = createOptimizer({ type: 'RMSProp', beta: 0.8 });
    assert.ok(rmsprop instanceof RMSProp && rmsprop.beta === 0.8 && rmsprop.lr === 1e-3);
    const adam = createOptimizer({ type: 'Adam', beta2: 0.99 });
    assert.ok(adam instanceof Adam && adam.beta2 === 0.99 && adam.beta1 === 0.9);
    const nadam = createOptimizer({ type: 'Nadam', eps: 1e-7 });
    assert.ok(nadam instanceof Nadam && nadam.eps === 1e-7);
    assert.throws(() => createOptimizer(JSON.parse('{"type":"Lion"}')), /unknown optimizer type "Lion"/);
  });

  it('createOptimizer passes each setting its descriptor lists, by name, and no other', () => {
    for (const descriptor of OPTIMIZER_DESCRIPTORS) {
      const settings = Object.keys(descriptor.settings);
      const stated = Object.fromEntries(settings.map((key, i) => [key, 0.5 + i / 100]));
      const optimizer = createOptimizer({ type: descriptor.type, ...stated }) as unknown as Record<string, unknown>;
      assert.deepEqual(Object.fromEntries(settings.map((key) => [key, optimizer[key]])), stated, descriptor.type);
      assert.deepEqual(Object.fromEntries(settings.map((key) => [key, (createOptimizer({ type: descriptor.type }) as unknown as Record<string, unknown>)[key]])),
        OPTIMIZER_DEFAULTS[descriptor.type], `${descriptor.type}'s defaults`);
    }
    assert.equal((createOptimizer({ type: 'Adam', momentum: 0.5 }) as unknown as Record<string, unknown>).momentum, undefined);
  });

  it('createCriterion builds MSE and CrossEntropy', () => {
    assert.ok(createCriterion('MSE') instanceof MSE);
    assert.ok(createCriterion('CrossEntropy') instanceof CrossEntropy);
  });
});
