/** SiLU (Swish): x·sigmoid(x), element-wise. */
import { SiLU } from '../../engine/layers/silu';
import { defineActivation } from '../layer-descriptor';
import { isNodeOn } from '../onnx-form';

export const silu = defineActivation({
  type: 'SiLU',
  aliases: ['swish'],
  explanation: 'Sigmoid linear unit (Swish): each value times its own sigmoid, a smooth ReLU that dips slightly below 0.',
  formula: 'y = x·σ(x) = x / (1 + e^(−x))',
  create: () => new SiLU(),
  // ONNX has no SiLU operator: x·σ(x) as two nodes, as torch.onnx writes it
  onnx: (graph) => graph.node('Mul', [graph.input, graph.node('Sigmoid', [graph.input])]),
  pytorch: 'nn.SiLU()',
  fromOnnx: (nodes) => {
    const [sigmoid, product] = [nodes.at(0), nodes.at(1)];
    if (!isNodeOn(sigmoid, 'Sigmoid', nodes.input) || product?.op !== 'Mul') return undefined;
    const factors = [...product.inputs].sort();
    return factors.join() === [nodes.input, sigmoid.output].sort().join() ? { nodes: 2, settings: {} } : undefined;
  },
});
