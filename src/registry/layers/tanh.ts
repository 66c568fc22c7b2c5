/** Tanh: tanh(x), element-wise. */
import { Tanh } from '../../engine/layers/tanh';
import { defineActivation } from '../layer-descriptor';
import { singleNode } from '../onnx-form';

export const tanh = defineActivation({
  type: 'Tanh',
  explanation: 'Squashes every value into (−1, 1), centred on 0.',
  formula: 'y = tanh(x)',
  create: () => new Tanh(),
  onnx: (graph) => graph.node('Tanh', [graph.input]),
  pytorch: 'nn.Tanh()',
  fromOnnx: singleNode('Tanh'),
});
