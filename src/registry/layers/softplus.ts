/** Softplus: ln(1 + exp(beta·x)) / beta, and x where beta·x > threshold. */
import { Softplus } from '../../engine/layers/softplus';
import { defineLayer, keepsShape } from '../layer-descriptor';
import { isNodeOn, settingOfFloat32, type OnnxImported, type OnnxImportNodes, type OnnxNodeView } from '../onnx-form';

/** Above βx = 15, ln(1 + e^(βx))/β and x agree to float32 rounding (e^(−15)/15 < 2^(−24)): no threshold nodes are needed. */
const SOFTPLUS_SAME_AS_X_ABOVE = 15;

/** The scalar initializer feeding `node`'s input `k`. */
function scalarInput(node: OnnxNodeView, k: number): number | undefined {
  const tensor = node.tensor(k);
  return tensor?.values.length === 1 ? tensor.values[0] : undefined;
}

/** The inverse of the ONNX form below: [Mul by beta,] Softplus[, Div by beta][, Greater than threshold, Where]. */
function softplusFromOnnx(nodes: OnnxImportNodes): OnnxImported | undefined {
  let k = 0;
  let beta = 1;
  const first = nodes.at(0);
  if (isNodeOn(first, 'Mul', nodes.input)) {
    beta = scalarInput(first, 1) ?? NaN;
    k = 1;
  }
  const scaled = k === 0 ? nodes.input : first!.output;
  const softplus = nodes.at(k);
  if (!Number.isFinite(beta) || !isNodeOn(softplus, 'Softplus', scaled)) return undefined;
  let output = softplus.output;
  k += 1;
  if (beta !== 1) {
    const divide = nodes.at(k);
    if (!isNodeOn(divide, 'Div', output) || scalarInput(divide, 1) !== beta) return undefined;
    output = divide.output;
    k += 1;
  }
  const settings: Record<string, number> = beta === 1 ? {} : { beta: settingOfFloat32(beta) };
  const [greater, where] = [nodes.at(k), nodes.at(k + 1)];
  const threshold = isNodeOn(greater, 'Greater', scaled) ? scalarInput(greater, 1) : undefined;
  if (threshold !== undefined && where?.op === 'Where' && where.inputs.join() === [greater!.output, nodes.input, output].join()) {
    return { nodes: k + 2, settings: { ...settings, threshold: settingOfFloat32(threshold) } };
  }
  return { nodes: k, settings };
}

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
  pytorch: (layer) => ({ module: `nn.Softplus(beta=${layer.beta}, threshold=${layer.threshold})` }),
  fromOnnx: softplusFromOnnx,
  parameters: [],
});
