/** Sigmoid: 1 / (1 + e^(−x)), element-wise. */
import { Sigmoid } from '../../engine/layers/sigmoid';
import { defineActivation } from '../layer-descriptor';
import { singleNode } from '../onnx-form';

export const sigmoid = defineActivation({
  type: 'Sigmoid',
  aliases: ['logistic'],
  explanation: 'Squashes every value into (0, 1).',
  formula: 'y = 1 / (1 + e^(−x))',
  create: () => new Sigmoid(),
  onnx: (graph) => graph.node('Sigmoid', [graph.input]),
  pytorch: 'nn.Sigmoid()',
  fromOnnx: singleNode('Sigmoid'),
});
