/** Linear: a fully connected layer, Y = X·W + b. */
import { Linear } from '../../engine/layers/linear';
import { defineLayer, flatInputError } from '../layer-descriptor';

export const linear = defineLayer({
  type: 'Linear',
  idPrefix: 'fc',
  aliases: ['dense', 'fullyconnected', 'fc'],
  group: 'Layers',
  codicon: 'symbol-array',
  explanation: 'Fully connected layer: every output is a weighted sum of all inputs plus a bias.',
  formula: 'Y = X·W + b',
  settings: {
    in: { kind: 'integer', label: 'Input width', description: 'the number of input features', min: 1, followsIncomingWidth: true },
    out: { kind: 'integer', label: 'Output width', description: 'the number of output features', min: 1, required: true, whenAdded: 'incomingWidth' },
    bias: { kind: 'boolean', label: 'Bias', description: 'whether a learned bias b is added to every output', default: true },
  },
  outputShape: (layer, input) => flatInputError('Linear', input) ?? (layer.out === undefined ? undefined : [layer.out]),
  create: (layer, rng) => new Linear(layer.in, layer.out, layer.bias, rng),
  // Gemm without transB takes W as the file stores it, [in, out]
  onnx: (_layer, graph) => graph.node('Gemm', [graph.input, ...graph.tensors('W', 'b')]),
  parameters: [
    { name: 'W', role: 'trained', description: 'the weights, [in, out]', shape: (layer) => [layer.in, layer.out], of: (module) => module.weight },
    { name: 'b', role: 'trained', description: 'the bias, [out]', shape: (layer) => (layer.bias ? [layer.out] : undefined), of: (module) => module.bias },
  ],
  summary: (layer, arrow) => `${layer.in} ${arrow} ${layer.out}${layer.bias ? '' : ', no bias'}`,
});
