/** ReLU: max(0, x), element-wise. */
import { ReLU } from '../../engine/layers/relu';
import { defineActivation } from '../layer-descriptor';
import { singleNode } from '../onnx-form';

export const relu = defineActivation({
  type: 'ReLU',
  explanation: 'Rectified linear unit: passes positive values, zeroes negative ones.',
  formula: 'y = max(0, x)',
  create: () => new ReLU(),
  onnx: (graph) => graph.node('Relu', [graph.input]),
  pytorch: 'nn.ReLU()',
  fromOnnx: singleNode('Relu'),
});
