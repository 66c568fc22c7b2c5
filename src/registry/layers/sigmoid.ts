/** Sigmoid: 1 / (1 + e^(−x)), element-wise. */
import { Sigmoid } from '../../engine/layers/sigmoid';
import { defineLayer, keepsShape } from '../layer-descriptor';

export const sigmoid = defineLayer({
  type: 'Sigmoid',
  idPrefix: 'sigmoid',
  aliases: ['logistic'],
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'Squashes every value into (0, 1).',
  formula: 'y = 1 / (1 + e^(−x))',
  settings: {},
  outputShape: keepsShape,
  create: () => new Sigmoid(),
  parameters: [],
});
