/** Dropout: while training, drops each value with probability p and rescales the rest. */
import { Dropout } from '../../engine/layers/dropout';
import { defineLayer, keepsShape } from '../layer-descriptor';
import { isNodeOn, settingOfFloat32 } from '../onnx-form';

export const dropout = defineLayer({
  type: 'Dropout',
  idPrefix: 'drop',
  group: 'Regularisation',
  codicon: 'debug-disconnect',
  explanation: 'During training, drops each value with probability p and rescales the rest.',
  formula: 'y = x·mask / (1 − p), mask ~ Bernoulli(1 − p)',
  settings: {
    p: {
      kind: 'number', label: 'Drop probability', description: 'the probability of dropping a unit while training', noun: 'a probability',
      min: 0, max: 1, maxExclusive: true, default: 0.5, whenAdded: 'default', step: 0.05,
    },
  },
  outputShape: keepsShape,
  create: (layer, rng) => new Dropout(layer.p, rng),
  // the identity in eval mode: the export leaves it out
  onnx: (_layer, graph) => graph.input,
  // the same rule, though not the same masks: torch draws them from its own generator
  pytorch: (layer) => ({ module: `nn.Dropout(${layer.p})` }),
  // the ratio is an input from opset 12 on, an attribute before
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    if (!isNodeOn(node, 'Dropout', nodes.input)) return undefined;
    const p = node.tensor(1)?.values[0] ?? node.float('ratio') ?? 0.5;
    return { nodes: 1, settings: { p: settingOfFloat32(p) } };
  },
  parameters: [],
});
