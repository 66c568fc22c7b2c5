/** SoftMax: each row of features as probabilities that sum to 1. */
import { SoftMax } from '../../engine/layers/softmax';
import { defineLayer, flatInputError } from '../layer-descriptor';
import { isNodeOn } from '../onnx-form';

export const softmax = defineLayer({
  type: 'SoftMax',
  idPrefix: 'softmax',
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'Turns each row into probabilities that sum to 1; put it last for CrossEntropy.',
  formula: 'yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)',
  settings: {},
  outputShape: (_layer, input) => flatInputError('SoftMax', input) ?? input,
  create: () => new SoftMax(),
  onnx: (_layer, graph) => graph.node('Softmax', [graph.input], { axis: { int: -1 } }),
  pytorch: () => ({ module: 'nn.Softmax(dim=1)' }),
  // over the features of [N, features]: axis −1 or 1
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    return isNodeOn(node, 'Softmax', nodes.input) && [-1, 1].includes(node.int('axis') ?? -1) ? { nodes: 1, settings: {} } : undefined;
  },
  parameters: [],
});
