/** ELU: x for x > 0, alpha·(exp(x) − 1) otherwise. */
import { ELU } from '../../engine/layers/elu';
import { defineLayer, keepsShape } from '../layer-descriptor';
import { isNodeOn, settingOfFloat32 } from '../onnx-form';

export const elu = defineLayer({
  type: 'ELU',
  idPrefix: 'elu',
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'Like ReLU for positive values; negative values curve smoothly down towards −alpha.',
  formula: 'y = x if x > 0, else alpha·(eˣ − 1)',
  settings: {
    alpha: {
      kind: 'number', label: 'Alpha', description: 'the value that large negative inputs approach, as −alpha',
      min: 0, default: ELU.defaults.alpha, soft: true, whenAdded: 'default', step: 0.1,
    },
  },
  outputShape: keepsShape,
  create: (layer) => new ELU(layer.alpha),
  onnx: (layer, graph) => graph.node('Elu', [graph.input], { alpha: { float: layer.alpha } }),
  pytorch: (layer) => ({ module: `nn.ELU(${layer.alpha})` }),
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    return isNodeOn(node, 'Elu', nodes.input) ? { nodes: 1, settings: { alpha: settingOfFloat32(node.float('alpha') ?? 1) } } : undefined;
  },
  parameters: [],
});
