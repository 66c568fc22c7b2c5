/** GELU with the tanh approximation (PyTorch's `approximate='tanh'`), element-wise. */
import { GELU } from '../../engine/layers/gelu';
import { defineActivation } from '../layer-descriptor';

export const gelu = defineActivation({
  type: 'GELU',
  explanation: 'Gaussian error linear unit (the tanh approximation, as PyTorch\'s approximate="tanh"): weighs each value by how likely a standard normal is below it.',
  formula: 'y = x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))',
  create: () => new GELU(),
  onnx: (graph) => graph.node('Gelu', [graph.input], { approximate: { string: 'tanh' } }),
});
