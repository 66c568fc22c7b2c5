/** Flatten: an image's channels, rows and columns as one row of features. */
import { Flatten } from '../../engine/layers/flatten';
import { defineLayer } from '../layer-descriptor';

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
  parameters: [],
  summary: () => '',
});
