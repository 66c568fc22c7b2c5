/** BatchNorm: normalises each feature (each channel of an image) over the batch, then scales and shifts it. */
import { BatchNorm } from '../../engine/layers/batch-norm';
import { channelsError, defineLayer, flatInputError } from '../layer-descriptor';

export const batchNorm = defineLayer({
  type: 'BatchNorm',
  idPrefix: 'bn',
  aliases: ['batchnorm1d', 'batchnormalization'],
  group: 'Regularisation',
  codicon: 'settings',
  explanation: 'Normalises each feature over the batch, then scales and shifts it with learned γ and β.',
  formula: 'y = γ·(x − μ) / √(σ² + ε) + β',
  settings: {
    features: { kind: 'integer', label: 'Features', description: 'the number of features (of an image: channels) to normalise', min: 1, followsIncomingWidth: true },
    eps: {
      kind: 'number', label: 'Epsilon', description: 'the small constant added to the variance before the square root',
      min: 0, minExclusive: true, default: 1e-5, step: 1e-5,
    },
    momentum: {
      kind: 'number', label: 'Momentum', description: 'the weight of the newest batch in the running mean and variance',
      min: 0, max: 1, default: 0.1, step: 0.01,
    },
  },
  outputShape: (layer, input) => {
    if (input?.length !== 3) return flatInputError('BatchNorm', input) ?? input;
    // on an image, the features are the channels, each normalised over the batch and its pixels (BatchNorm2d)
    return channelsError('BatchNorm', 'features', layer.features, input) ?? input;
  },
  create: (layer, _rng, input) => new BatchNorm(layer.features, layer.eps, layer.momentum, input?.length === 3 ? input[1] * input[2] : 1),
  // with the running statistics, as in eval mode; ONNX's momentum weighs the running value, PyTorch's (and ours) the batch
  onnx: (layer, graph) => graph.node(
    'BatchNormalization',
    [graph.input, ...graph.tensors('gamma', 'beta', 'runningMean', 'runningVar')],
    { epsilon: { float: layer.eps }, momentum: { float: 1 - layer.momentum } },
  ),
  parameters: [
    { name: 'gamma', role: 'trained', description: 'the scale γ, [features]', shape: (layer) => [layer.features], of: (module) => module.gamma },
    { name: 'beta', role: 'trained', description: 'the shift β, [features]', shape: (layer) => [layer.features], of: (module) => module.beta },
    { name: 'runningMean', role: 'state', description: 'the running mean used in evaluation, [features]', shape: (layer) => [layer.features], of: (module) => module.runningMean },
    { name: 'runningVar', role: 'state', description: 'the running variance used in evaluation, [features]', shape: (layer) => [layer.features], of: (module) => module.runningVar },
  ],
  summary: (layer) => `${layer.features} features`,
});
