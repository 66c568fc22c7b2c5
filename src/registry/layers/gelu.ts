/** GELU with the tanh approximation (PyTorch's `approximate='tanh'`), element-wise. */
import { GELU } from '../../engine/layers/gelu';
import { defineActivation } from '../layer-descriptor';
import { isNodeOn } from '../onnx-form';

export const gelu = defineActivation({
  type: 'GELU',
  explanation: 'Gaussian error linear unit (the tanh approximation, as PyTorch\'s approximate="tanh"): weighs each value by how likely a standard normal is below it.',
  formula: 'y = x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))',
  create: () => new GELU(),
  onnx: (graph) => graph.node('Gelu', [graph.input], { approximate: { string: 'tanh' } }),
  pytorch: "nn.GELU(approximate='tanh')",
  // the exact GELU (approximate 'none') is another function: it stays unsupported
  fromOnnx: (nodes) => (isNodeOn(nodes.at(0), 'Gelu', nodes.input) && nodes.at(0)!.string('approximate') === 'tanh' ? { nodes: 1, settings: {} } : undefined),
});
