/** BatchNorm: normalises each feature (each channel of an image) over the batch, then scales and shifts it. */
import { BatchNorm } from '../../engine/layers/batch-norm';
import { channelsError, defineLayer, flatInputError } from '../layer-descriptor';
import { isNodeOn, settingOfFloat32 } from '../onnx-form';

/**
 * torch's BatchNorm1d/2d updates its running variance with the batch's unbiased variance, NN Builder (as its seed)
 * with the biased one: the script writes the layer out, with torch's tensor names.
 */
const BATCH_NORM_PYTHON = `class BatchNorm(nn.Module):
    """NN Builder's BatchNorm, on [N, features] or per channel of [N, C, H, W]: y = weight * (x - mean) / sqrt(var + eps) + bias.
    Training normalises with the batch's mean and biased variance and moves the running statistics towards them
    (running = (1 - momentum) * running + momentum * batch); torch's BatchNorm1d/2d uses the unbiased variance there."""

    def __init__(self, features, eps, momentum):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(features))
        self.bias = nn.Parameter(torch.zeros(features))
        self.register_buffer('running_mean', torch.zeros(features))
        self.register_buffer('running_var', torch.ones(features))

    def forward(self, x):
        axes = (0,) if x.dim() == 2 else (0, 2, 3)
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1, 1)
        if self.training:
            mean = x.mean(dim=axes)
            var = x.var(dim=axes, unbiased=False)
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(mean, alpha=self.momentum)
                self.running_var.mul_(1 - self.momentum).add_(var, alpha=self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        return (x - mean.view(shape)) / torch.sqrt(var.view(shape) + self.eps) * self.weight.view(shape) + self.bias.view(shape)
`;

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
  pytorch: (layer) => ({
    module: `BatchNorm(${layer.features}, eps=${layer.eps}, momentum=${layer.momentum})`,
    tensors: { gamma: { key: 'weight' }, beta: { key: 'bias' }, runningMean: { key: 'running_mean' }, runningVar: { key: 'running_var' } },
    support: { name: 'BatchNorm', source: BATCH_NORM_PYTHON },
  }),
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    if (!isNodeOn(node, 'BatchNormalization', nodes.input) || (node.int('training_mode') ?? 0) !== 0) return undefined;
    const [gamma, beta, runningMean, runningVar] = [1, 2, 3, 4].map((k) => node.tensor(k));
    if (!gamma || !beta || !runningMean || !runningVar) return undefined;
    const features = gamma.values.length;
    const flat = (tensor: typeof gamma) => ({ dims: [features], values: tensor.values });
    const stored = node.float('momentum') ?? 0.9;
    return {
      nodes: 1,
      settings: { eps: settingOfFloat32(node.float('epsilon') ?? 1e-5), momentum: settingOfFloat32(stored, (momentum) => 1 - momentum, 1 - stored) },
      tensors: { gamma: flat(gamma), beta: flat(beta), runningMean: flat(runningMean), runningVar: flat(runningVar) },
    };
  },
  parameters: [
    { name: 'gamma', role: 'trained', description: 'the scale γ, [features]', shape: (layer) => [layer.features], of: (module) => module.gamma },
    { name: 'beta', role: 'trained', description: 'the shift β, [features]', shape: (layer) => [layer.features], of: (module) => module.beta },
    { name: 'runningMean', role: 'state', description: 'the running mean used in evaluation, [features]', shape: (layer) => [layer.features], of: (module) => module.runningMean },
    { name: 'runningVar', role: 'state', description: 'the running variance used in evaluation, [features]', shape: (layer) => [layer.features], of: (module) => module.runningVar },
  ],
  summary: (layer) => `${layer.features} features`,
});
