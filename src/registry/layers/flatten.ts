/** Flatten: an image's channels, rows and columns as one row of features. */
import { Flatten } from '../../engine/layers/flatten';
import { defineLayer } from '../layer-descriptor';
import { isNodeOn } from '../onnx-form';

export const flatten = defineLayer({
  type: 'Flatten',
  idPrefix: 'flatten',
  group: 'Convolution',
  codicon: 'list-flat',
  explanation: 'Lays the channels, rows and columns out as one row of features (channel by channel), for the Linear layers after it.',
  formula: '[C, H, W] → C·H·W',
  settings: {},
  outputShape: (_layer, input) => (input === undefined ? undefined : [input.reduce((product, size) => product * size, 1)]),
  create: () => new Flatten(),
  onnx: (_layer, graph) => graph.node('Flatten', [graph.input], { axis: { int: 1 } }),
  pytorch: () => ({ module: 'nn.Flatten()' }),
  fromOnnx: (nodes) => {
    const node = nodes.at(0);
    if (node?.op === 'Flatten') return isNodeOn(node, 'Flatten', nodes.input) && (node.int('axis') ?? 1) === 1 ? { nodes: 1, settings: {} } : undefined;
    // a Reshape to [N, features]: a kept (0) or inferred (−1) batch and every value of a sample
    const target = isNodeOn(node, 'Reshape', nodes.input) ? node.tensor(1)?.values : undefined;
    const width = nodes.inputShape?.reduce((product, size) => product * size, 1);
    if (target?.length !== 2 || width === undefined || (target[0] !== 0 && target[0] !== -1)) return undefined;
    return target[1] === width || (target[1] === -1 && target[0] === 0) ? { nodes: 1, settings: {} } : undefined;
  },
  parameters: [],
  summary: () => '',
});
