/** Conv2D, MaxPool2D, AvgPool2D and Flatten in the registry: their shape rules on a whole shape, and their errors. */
import * as assert from 'node:assert/strict';
import { createNetwork } from '../../../src/engine/factory';
import { BatchNorm } from '../../../src/engine/layers/batch-norm';
import { Random } from '../../../src/engine/random';
import { Tensor } from '../../../src/engine/tensor';
import { CrossEntropy } from '../../../src/engine/criteria/cross-entropy';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { trainStep } from '../../../src/engine/train-step';
import { buildNetwork, exportParameters } from '../../../src/model/bridge';
import { layerShapes } from '../../../src/model/layer-widths';
import { readModel } from '../../../src/model/reader';
import { layerTensors } from '../../../src/model/shapes';
import { layerSettingsText } from '../../../src/model/summary';
import { PALETTE_GROUPS } from '../../../src/registry/layer-descriptor';
import { LAYER_DESCRIPTORS } from '../../../src/registry/layers/index';
import type { ResolvedLayerSpec } from '../../../src/shared/nnjson';

const LENET = [
  { type: 'Conv2D', id: 'conv1', outChannels: 6, kernelSize: 5, padding: 2 },
  { type: 'ReLU', id: 'relu1' },
  { type: 'MaxPool2D', id: 'maxpool1', kernelSize: 2 },
  { type: 'Conv2D', id: 'conv2', inChannels: 6, outChannels: 16, kernelSize: [5, 3], stride: 2, bias: false },
  { type: 'AvgPool2D', id: 'avgpool1', kernelSize: 3, stride: 1, padding: 1 },
  { type: 'Flatten', id: 'flatten1' },
  { type: 'Linear', id: 'fc1', out: 10 },
] as const;

describe('the sliding-window layers in the registry', () => {
  it('give each layer its whole output shape: floor((H + 2p − k)/s) + 1, the pools keep the channels, Flatten multiplies', () => {
    const chain = layerShapes([1, 28, 28], LENET);
    assert.deepEqual(chain.errors, []);
    assert.deepEqual(chain.shapes, [[1, 28, 28], [6, 28, 28], [6, 28, 28], [6, 14, 14], [16, 5, 6], [16, 5, 6], [480], [10]]);
  });

  it('state their tensors on the whole shape: W [out, in, kh, kw], no b without bias', () => {
    assert.deepEqual(layerTensors(LENET[0], [1, 28, 28]).map((tensor) => [tensor.name, tensor.shape]), [['W', [6, 1, 5, 5]], ['b', [6]]]);
    assert.deepEqual(layerTensors(LENET[3], [6, 14, 14]).map((tensor) => [tensor.name, tensor.shape]), [['W', [16, 6, 5, 3]]]);
  });

  it('build a network from the input shape whose output is the shape chain says', () => {
    const network = createNetwork(LENET as unknown as ResolvedLayerSpec[], new Random(1), [1, 28, 28]);
    assert.equal(network.forward(new Tensor(3, 784)).cols, 10);
    assert.throws(() => createNetwork(LENET as unknown as ResolvedLayerSpec[], new Random(1)), /layer conv1: Conv2D needs to know the \[C, H, W\] image shape coming in/);
  });

  it('refuse a flat input, a kernel larger than the padded input, other channels and pool padding over half the kernel, saying what to change', () => {
    const errors = (input: number[], layers: Parameters<typeof layerShapes>[1]) => layerShapes(input, layers).errors.map((error) => error.message);
    assert.deepEqual(errors([64], [{ type: 'Conv2D', outChannels: 4, kernelSize: 3 }]), [
      'Conv2D needs a [C, H, W] image shape coming in, but the shape coming in is [64]: give the model an image input ("input": { "shape": [C, H, W] }), or move the layer before the Flatten',
    ]);
    assert.deepEqual(errors([1, 8, 8], [{ type: 'Flatten' }, { type: 'MaxPool2D', kernelSize: 2 }]), [
      'MaxPool2D needs a [C, H, W] image shape coming in, but the shape coming in is [64]: give the model an image input ("input": { "shape": [C, H, W] }), or move the layer before the Flatten',
    ]);
    assert.deepEqual(errors([1, 4, 6], [{ type: 'Conv2D', outChannels: 2, kernelSize: [5, 3], padding: [0, 1] }]), [
      "Conv2D's kernelSize 5×3 is larger than its padded input 4×8 (the [1, 4, 6] coming in with padding [0, 1]): make kernelSize at most 4×3, or padding larger",
    ]);
    assert.deepEqual(errors([3, 8, 8], [{ type: 'Conv2D', inChannels: 1, outChannels: 2, kernelSize: 3 }]), [
      "Conv2D's inChannels is 1 but the [3, 8, 8] coming in has 3 channels: set inChannels to 3 (or leave it out)",
    ]);
    assert.deepEqual(errors([3, 8, 8], [{ type: 'AvgPool2D', kernelSize: [2, 4], padding: [1, 3] }]), [
      "AvgPool2D's padding [1, 3] is more than half its kernelSize 2×4: make padding at most [1, 2]",
    ]);
  });

  it('BatchNorm takes an image too: its features are the channels, and other channels are an error with the fix', () => {
    const chain = layerShapes([4, 6, 6], [{ type: 'BatchNorm' }, { type: 'MaxPool2D', kernelSize: 3 }, { type: 'BatchNorm', features: 4 }]);
    assert.deepEqual([chain.shapes, chain.errors], [[[4, 6, 6], [4, 6, 6], [4, 2, 2], [4, 2, 2]], []]);
    assert.deepEqual(layerTensors({ type: 'BatchNorm' }, [4, 6, 6]).map((tensor) => tensor.shape), [[4], [4], [4], [4]]);
    assert.deepEqual(layerShapes([4, 6, 6], [{ type: 'BatchNorm', features: 6 }]).errors.map((error) => error.message), [
      "BatchNorm's features is 6 but the [4, 6, 6] coming in has 4 channels: set features to 4 (or leave it out)",
    ]);
    const network = createNetwork([{ type: 'BatchNorm', id: 'bn1' } as unknown as ResolvedLayerSpec], new Random(1), [4, 6, 6]);
    const module = network.modules[0];
    assert.ok(module instanceof BatchNorm);
    assert.equal(module.positions, 36);
  });

  it('Dropout and the activations keep an image shape', () => {
    assert.deepEqual(layerShapes([2, 5, 5], [{ type: 'Dropout' }, { type: 'Tanh' }, { type: 'Flatten' }]).shapes, [[2, 5, 5], [2, 5, 5], [2, 5, 5], [50]]);
  });

  it('a model file with an image input and conv layers reads clean, builds, trains a step and exports its tensors in file shapes', () => {
    const text = `{ "format": "nnjson", "version": 1, "input": { "shape": [1, 8, 8] },
      "layers": [
        { "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3, "padding": 1 },
        { "type": "BatchNorm", "id": "bn1" }, { "type": "ReLU", "id": "relu1" },
        { "type": "MaxPool2D", "id": "maxpool1", "kernelSize": 2 },
        { "type": "Conv2D", "id": "conv2", "outChannels": 6, "kernelSize": [3, 2], "stride": 2, "bias": false },
        { "type": "Flatten", "id": "flatten1" }, { "type": "Linear", "id": "fc1", "out": 3 }, { "type": "SoftMax", "id": "softmax1" }
      ],
      "loss": { "type": "CrossEntropy" }, "optimizer": { "type": "SGD", "lr": 0.1 } }`;
    const { model, diagnostics } = readModel(text);
    assert.deepEqual(diagnostics, []);
    assert.ok(model);
    const network = buildNetwork(model);
    const x = new Tensor(2, 64);
    x.data.forEach((_, i) => (x.data[i] = Math.cos(i)));
    const y = Tensor.fromRows([[1, 0, 0], [0, 0, 1]]);
    const before = trainStep(network, new CrossEntropy(), new SGD({ lr: 0.1 }), x, y).loss;
    const after = trainStep(network, new CrossEntropy(), new SGD({ lr: 0.1 }), x, y).loss;
    assert.ok(after < before, `the loss falls: ${before} then ${after}`);
    const parameters = exportParameters(network, model);
    assert.deepEqual(Object.fromEntries(Object.entries(parameters).map(([id, tensors]) => [id, Object.values(tensors).map((tensor) => tensor.shape)])), {
      conv1: [[4, 1, 3, 3], [4]], bn1: [[4], [4], [4], [4]], conv2: [[6, 4, 3, 2]], fc1: [[12, 3], [3]],
    });
    // read back, the trained tensors load into the same layers
    assert.doesNotThrow(() => buildNetwork({ ...model, parameters }));
  });

  it('sit in the Convolution palette group and summarise their settings', () => {
    assert.deepEqual(PALETTE_GROUPS, ['Layers', 'Convolution', 'Activations', 'Regularisation']);
    assert.deepEqual(LAYER_DESCRIPTORS.filter((descriptor) => descriptor.group === 'Convolution').map((descriptor) => descriptor.type), ['Conv2D', 'MaxPool2D', 'AvgPool2D', 'Flatten']);
    assert.equal(layerSettingsText({ ...LENET[3] }, [6, 14, 14]), '6 → 16, 5×3, stride 2, no bias');
    assert.equal(layerSettingsText({ ...LENET[4] }, [16, 5, 6]), '3×3, stride 1, padding 1');
    assert.equal(layerSettingsText({ ...LENET[2] }, [6, 28, 28]), '2×2');
    assert.equal(layerSettingsText({ ...LENET[0] }, [1, 28, 28]), '1 → 6, 5×5, padding 2');
  });

  it('the validator takes a per-axis setting as one whole number or an [height, width] pair, and says what is wrong with others', () => {
    const model = (kernelSize: string) => `{ "format": "nnjson", "version": 1, "input": { "size": 64 },
      "layers": [ { "type": "Conv2D", "id": "conv1", "outChannels": 2, "kernelSize": ${kernelSize} } ],
      "loss": { "type": "MSE" }, "optimizer": { "type": "SGD" } }`;
    const messages = (kernelSize: string) => readModel(model(kernelSize)).diagnostics
      .filter((diagnostic) => diagnostic.code !== 'input-shape').map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
    assert.deepEqual(messages('3'), []);
    assert.deepEqual(messages('[3, 2]'), []);
    assert.deepEqual(messages('[3, 0]'), ['out-of-range: conv1.kernelSize[1] is 0 but must be a whole number of at least 1: change conv1.kernelSize[1] (the width)']);
    assert.deepEqual(messages('[3, 2, 1]'), [
      'wrong-type: conv1.kernelSize must be one number or a [height, width] pair of two numbers (the size of the window (the filter): one number, or [height, width]), not a list: write two numbers such as [3, 3], or one number for both',
    ]);
    assert.deepEqual(messages('2.5'), ['out-of-range: conv1.kernelSize is 2.5 but must be a whole number of at least 1: change conv1.kernelSize']);
  });
});
