/** ReLU: max(0, x), element-wise. */
import { ReLU } from '../../engine/layers/relu';
import { defineLayer, keepsShape } from '../layer-descriptor';

export const relu = defineLayer({
  type: 'ReLU',
  idPrefix: 'relu',
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'Rectified linear unit: passes positive values, zeroes negative ones.',
  formula: 'y = max(0, x)',
  settings: {},
  outputShape: keepsShape,
  create: () => new ReLU(),
  parameters: [],
});
