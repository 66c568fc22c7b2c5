/**
 * A model per layer type and per setting that changes its ONNX form, with random trained tensors: the cases the
 * ONNX export and import tests and the PyTorch export test share (test/unit/export/onnx-layers.test.ts,
 * test/unit/import/onnx-round-trip.test.ts, test/unit/export/pytorch-layers.test.ts).
 */
import type { Random } from '../../src/engine/random';
import type { Tensor } from '../../src/engine/tensor';
import { buildNetwork, exportParameters } from '../../src/model/bridge';
import type { LayerType } from '../../src/registry/layers/index';
import type { InputSpec, LayerSpec, NnJsonModel } from '../../src/shared/nnjson';

export interface LayerCase {
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
export const onFeatures = (name: string, ...layers: LayerSpec[]): LayerCase => ({
  name, input: { size: 6 }, layers: [{ type: 'Linear', id: 'fc1', out: 9 }, ...layers],
});

/** Every layer type, and the settings that change its ONNX form. */
export const CASES: Record<LayerType, LayerCase[]> = {
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
export function trainedModel(layerCase: LayerCase, rng: Random): NnJsonModel {
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
