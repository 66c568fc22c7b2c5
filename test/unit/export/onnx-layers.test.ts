/**
 * The ONNX export of every layer type in the registry: onnxruntime, given the same rows, gives the engine's
 * eval-mode forward within 1e-5 (relative to the largest output), for random weights (BatchNorm with random running
 * statistics) and settings away from the defaults; and the ONNX checker accepts every graph.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predict, Tensor } from '../../../src/engine/index';
import { Random } from '../../../src/engine/random';
import { ExportError } from '../../../src/export/export-error';
import { onnxModelBytes } from '../../../src/export/onnx/onnx-model';
import { buildNetwork, exportParameters } from '../../../src/model/bridge';
import { inputShape } from '../../../src/model/layer-widths';
import { shapeSize } from '../../../src/model/tensor-codec';
import { LAYER_TYPES, layerDescriptor, type LayerType } from '../../../src/registry/layers/index';
import type { InputSpec, LayerSpec, NnJsonModel } from '../../../src/shared/nnjson';
import { checkWithOnnxChecker, ONNX_TOLERANCE, relativeDifference, runOnnx } from '../../shared/onnx-runtime';

interface LayerCase {
  readonly name: string;
  readonly input: InputSpec;
  readonly layers: LayerSpec[];
}

const IMAGE: InputSpec = { shape: [3, 7, 6] };
/** An image layer's case: `layers` on a [3, 7, 6] image, flattened into a Linear so every output is compared. */
const onImage = (name: string, ...layers: LayerSpec[]): LayerCase => ({
  name, input: IMAGE, layers: [...layers, { type: 'Flatten', id: 'flatten' }, { type: 'Linear', id: 'head', out: 5 }],
});
/** A flat layer's case: a Linear of 6 features into it, so its input has negative and positive values of either size. */
const onFeatures = (name: string, ...layers: LayerSpec[]): LayerCase => ({
  name, input: { size: 6 }, layers: [{ type: 'Linear', id: 'fc1', out: 9 }, ...layers],
});

/** Every layer type, and the settings that change its ONNX form. */
const CASES: Record<LayerType, LayerCase[]> = {
  Linear: [onFeatures('Linear'), onFeatures('Linear without bias', { type: 'Linear', id: 'fc2', out: 4, bias: false })],
  ReLU: [onFeatures('ReLU', { type: 'ReLU', id: 'relu1' })],
  LeakyReLU: [onFeatures('LeakyReLU', { type: 'LeakyReLU', id: 'lrelu1', slope: 0.2 })],
  ELU: [onFeatures('ELU', { type: 'ELU', id: 'elu1', alpha: 0.7 })],
  GELU: [onFeatures('GELU', { type: 'GELU', id: 'gelu1' })],
  SiLU: [onFeatures('SiLU', { type: 'SiLU', id: 'silu1' })],
  Softplus: [
    onFeatures('Softplus', { type: 'Softplus', id: 'softplus1' }),
    onFeatures('Softplus with beta 2 and threshold 1', { type: 'Softplus', id: 'softplus1', beta: 2, threshold: 1 }),
  ],
  Sigmoid: [onFeatures('Sigmoid', { type: 'Sigmoid', id: 'sigmoid1' })],
  Tanh: [onFeatures('Tanh', { type: 'Tanh', id: 'tanh1' })],
  SoftMax: [onFeatures('SoftMax', { type: 'SoftMax', id: 'softmax' })],
  Dropout: [
    onFeatures('Dropout', { type: 'Dropout', id: 'drop1', p: 0.5 }, { type: 'Linear', id: 'fc2', out: 3 }),
    onFeatures('Dropout last', { type: 'Dropout', id: 'drop1', p: 0.3 }),
  ],
  BatchNorm: [
    onFeatures('BatchNorm', { type: 'BatchNorm', id: 'bn1', eps: 1e-3 }),
    onImage('BatchNorm on an image', { type: 'BatchNorm', id: 'bn1' }),
  ],
  Conv2D: [
    onImage('Conv2D', { type: 'Conv2D', id: 'conv1', outChannels: 4, kernelSize: 3, padding: 1 }),
    onImage('Conv2D with a [3, 2] kernel, stride [2, 1], padding [1, 0], no bias',
      { type: 'Conv2D', id: 'conv1', outChannels: 2, kernelSize: [3, 2], stride: [2, 1], padding: [1, 0], bias: false }),
  ],
  MaxPool2D: [
    onImage('MaxPool2D', { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 }),
    onImage('MaxPool2D with padding', { type: 'MaxPool2D', id: 'pool1', kernelSize: 3, stride: 2, padding: 1 }),
  ],
  AvgPool2D: [
    onImage('AvgPool2D', { type: 'AvgPool2D', id: 'pool1', kernelSize: 2 }),
    onImage('AvgPool2D counting padding as zeros', { type: 'AvgPool2D', id: 'pool1', kernelSize: [3, 2], stride: 1, padding: [1, 1] }),
  ],
  Flatten: [onImage('Flatten', { type: 'Conv2D', id: 'conv1', outChannels: 2, kernelSize: 2 })],
};

/** The case's model with random trained tensors: weights in (−1, 1), BatchNorm's running variance in (0.5, 2). */
function trainedModel(layerCase: LayerCase, rng: Random): NnJsonModel {
  const model: NnJsonModel = {
    format: 'nnjson', version: 1, name: layerCase.name, input: layerCase.input, layers: layerCase.layers,
    loss: { type: 'MSE' }, optimizer: { type: 'SGD' }, training: { seed: 7 },
  };
  const network = buildNetwork(model);
  for (const module of network.modules) {
    for (const tensor of module.parameters()) for (let i = 0; i < tensor.size; i++) tensor.data[i] = rng.uniform(-1, 1);
    if ('runningVar' in module && 'runningMean' in module) {
      const { runningMean, runningVar } = module as unknown as Record<'runningMean' | 'runningVar', Tensor>;
      for (let i = 0; i < runningVar.size; i++) {
        runningMean.data[i] = rng.uniform(-1, 1);
        runningVar.data[i] = rng.uniform(0.5, 2);
      }
    }
  }
  return { ...model, parameters: exportParameters(network, model) };
}

describe('ONNX export of every layer type', function () {
  this.timeout(60_000);
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-onnx-layers-'));
  const written: string[] = [];
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('has a case for every layer type in the registry', () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...LAYER_TYPES].sort());
  });

  for (const layerCase of Object.values(CASES).flat()) {
    it(`${layerCase.name}: onnxruntime gives the engine's eval-mode outputs`, async () => {
      const rng = new Random(11);
      const model = trainedModel(layerCase, rng);
      const shape = inputShape(model.input);
      const rows = 5;
      const x = new Tensor(rows, shapeSize(shape));
      for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-3, 3);
      const expected = predict(buildNetwork(model), x).data;
      const bytes = onnxModelBytes(model, { producerVersion: 'test' });
      const actual = await runOnnx(bytes, x.data, rows, shape);
      const difference = relativeDifference(actual, expected);
      assert.ok(difference <= ONNX_TOLERANCE, `${layerCase.name}: relative difference ${difference}`);
      const file = join(folder, `${written.length}.onnx`);
      writeFileSync(file, bytes);
      written.push(file);
    });
  }

  it('passes the ONNX checker (full check, with shape inference) for every case', () => {
    assert.equal(written.length, Object.values(CASES).flat().length);
    checkWithOnnxChecker(written);
  });

  it('fails, naming the layer, where a layer type has no ONNX form', () => {
    const model = trainedModel(onFeatures('GELU', { type: 'GELU', id: 'gelu1' }), new Random(3));
    const descriptor = layerDescriptor('GELU');
    const form = descriptor.onnx;
    delete descriptor.onnx;
    try {
      assert.throws(() => onnxModelBytes(model, { producerVersion: 'test' }), (error: Error) => error instanceof ExportError
        && error.message === 'layer gelu1 (GELU) has no ONNX form, so the model cannot be exported to ONNX: remove or replace the layer ' +
          '(a layer type gains one in its descriptor, docs/adding-a-layer.md)');
    } finally {
      descriptor.onnx = form;
    }
  });
});
