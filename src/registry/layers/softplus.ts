/** Softplus: ln(1 + exp(beta·x)) / beta, and x where beta·x > threshold. */
import { Softplus } from '../../engine/layers/softplus';
import { defineLayer, keepsShape } from '../layer-descriptor';

export const softplus = defineLayer({
  type: 'Softplus',
  idPrefix: 'softplus',
  group: 'Activations',
  codicon: 'graph-line',
  explanation: 'A smooth ReLU: always positive, and x itself for large inputs.',
  formula: 'y = ln(1 + e^(beta·x)) / beta, or x where beta·x > threshold',
  settings: {
    beta: {
      kind: 'number', label: 'Beta', description: 'the sharpness of the bend (larger is closer to ReLU)',
      min: 0, minExclusive: true, default: Softplus.defaults.beta, whenAdded: 'default', step: 0.1,
    },
    threshold: {
      kind: 'number', label: 'Threshold', description: 'above this beta·x the output is x itself, for numerical stability',
      default: Softplus.defaults.threshold, whenAdded: 'default', step: 1,
    },
  },
  outputShape: keepsShape,
  create: (layer) => new Softplus(layer.beta, layer.threshold),
  parameters: [],
});
