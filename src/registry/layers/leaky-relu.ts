/** LeakyReLU: x for x > 0, slope·x otherwise. */
import { LeakyReLU } from '../../engine/layers/leaky-relu';
import { defineLayer, keepsShape } from '../layer-descriptor';
import { isNodeOn, settingOfFloat32 } from '../onnx-form';

export const leakyRelu = defineLayer({
  type: 'LeakyReLU',
  idPrefix: 'lrelu',
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'Like ReLU but lets a small slope through for negative values.',
  formula: 'y = x if x > 0, else slope·x',
  settings: {
    slope: {
      kind: 'number', label: 'Negative slope', description: 'the slope for negative inputs',
      min: 0, max: 1, maxExclusive: true, default: 0.03, soft: true, whenAdded: 'default', step: 0.01,
    },
  },
  outputShape: keepsShape,
  create: (layer) => new LeakyReLU(layer.slope),
  onnx: (layer, graph) => graph.node('LeakyRelu', [graph.input], { alpha: { float: layer.slope } }),
  pytorch: (layer) => ({ module: `nn.LeakyReLU(${layer.slope})` }),
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    return isNodeOn(node, 'LeakyRelu', nodes.input) ? { nodes: 1, settings: { slope: settingOfFloat32(node.float('alpha') ?? 0.01) } } : undefined;
  },
  parameters: [],
});
