/** SoftMax: each row of features as probabilities that sum to 1. */
import { SoftMax } from '../../engine/layers/softmax';
import { defineLayer, flatInputError } from '../layer-descriptor';

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
  parameters: [],
});
