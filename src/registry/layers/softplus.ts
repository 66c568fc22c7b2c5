/** Softplus: ln(1 + exp(beta·x)) / beta, and x where beta·x > threshold. */
import { Softplus } from '../../engine/layers/softplus';
import { defineLayer, keepsShape } from '../layer-descriptor';

/** Above βx = 15, ln(1 + e^(βx))/β and x agree to float32 rounding (e^(−15)/15 < 2^(−24)): no threshold nodes are needed. */
const SOFTPLUS_SAME_AS_X_ABOVE = 15;

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
  onnx: (layer, graph) => {
    // ONNX's Softplus is ln(1 + eˣ): beta scales around it, and a threshold that changes float32 results selects x above it
    const scaled = layer.beta === 1 ? graph.input : graph.node('Mul', [graph.input, graph.constant('beta', layer.beta)]);
    const softplus = graph.node('Softplus', [scaled]);
    const output = layer.beta === 1 ? softplus : graph.node('Div', [softplus, graph.constant('beta', layer.beta)]);
    if (layer.threshold >= SOFTPLUS_SAME_AS_X_ABOVE) return output;
    return graph.node('Where', [graph.node('Greater', [scaled, graph.constant('threshold', layer.threshold)]), graph.input, output]);
  },
  parameters: [],
});
