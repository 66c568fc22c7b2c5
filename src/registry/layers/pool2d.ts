/** MaxPool2D and AvgPool2D: the maximum or the mean of each window of each channel. */
import { AvgPool2D, MaxPool2D, type Pool2DSettings } from '../../engine/layers/pool2d';
import { perAxis } from '../../engine/window';
import { defineLayer, type OutputShape, type Shape } from '../layer-descriptor';
import { windowAttributes, type OnnxLayerGraph } from '../onnx-form';
import { axesLike, formatAxes, formatKernel, imageInput, imageInputError, KERNEL_SIZE, PADDING, STRIDE, windowOutputShape, type WindowValues } from './window-shape';

/** The settings both pools take, as PyTorch's MaxPool2d and AvgPool2d do. */
const POOL_SETTINGS = { kernelSize: { ...KERNEL_SIZE, whenAdded: 2 }, stride: { ...STRIDE, defaultFrom: 'kernelSize' }, padding: PADDING } as const;

function poolOutputShape(type: string, layer: WindowValues, input: Shape | undefined): OutputShape {
  if (input === undefined) return undefined;
  const notImage = imageInputError(type, input);
  if (notImage) return notImage;
  if (layer.kernelSize !== undefined && layer.padding !== undefined) {
    const [kh, kw] = perAxis(layer.kernelSize);
    const [ph, pw] = perAxis(layer.padding);
    if (2 * ph > kh || 2 * pw > kw) {
      const [halfH, halfW] = [Math.floor(kh / 2), Math.floor(kw / 2)];
      return {
        error: `${type}'s padding ${formatAxes(layer.padding)} is more than half its kernelSize ${kh}×${kw}: ` +
          `make padding at most ${formatAxes(kh === kw ? halfH : [halfH, halfW])}`,
        fixes: [{ set: { padding: axesLike([Math.min(ph, halfH), Math.min(pw, halfW)], layer.padding) }, because: `at most half the ${kh}×${kw} kernel` }],
      };
    }
  }
  return windowOutputShape(type, layer, input, input[0]);
}

/** The pool as ONNX's `op`: padding is left out of a max (MaxPool's pads are −∞) and counted as zeros in a mean. */
function poolNode(op: 'MaxPool' | 'AveragePool', layer: Pool2DSettings, graph: OnnxLayerGraph): string {
  const window = windowAttributes(perAxis(layer.kernelSize), perAxis(layer.stride), perAxis(layer.padding));
  return graph.node(op, [graph.input], op === 'AveragePool' ? { ...window, count_include_pad: { int: 1 } } : window);
}

function poolSummary(layer: Pool2DSettings): string {
  return [
    formatKernel(layer.kernelSize),
    ...(formatAxes(layer.stride) === formatAxes(layer.kernelSize) ? [] : [`stride ${formatAxes(layer.stride)}`]),
    ...(formatAxes(layer.padding) === '0' ? [] : [`padding ${formatAxes(layer.padding)}`]),
  ].join(', ');
}

export const maxPool2d = defineLayer({
  type: 'MaxPool2D',
  idPrefix: 'maxpool',
  aliases: ['maxpool', 'maxpooling2d', 'maxpool2d'],
  group: 'Convolution',
  codicon: 'fold-down',
  explanation: 'Keeps the largest value of each window of each channel, shrinking the image.',
  formula: 'y = max over the window of x',
  settings: POOL_SETTINGS,
  outputShape: (layer, input) => poolOutputShape('MaxPool2D', layer, input),
  create: (layer, _rng, input) => new MaxPool2D(layer, ...imageInput('MaxPool2D', input)),
  onnx: (layer, graph) => poolNode('MaxPool', layer, graph),
  parameters: [],
  summary: poolSummary,
});

export const avgPool2d = defineLayer({
  type: 'AvgPool2D',
  idPrefix: 'avgpool',
  aliases: ['avgpool', 'averagepooling2d', 'avgpool2d', 'averagepool2d'],
  group: 'Convolution',
  codicon: 'fold',
  explanation: 'Averages each window of each channel (padding counts as zeros), shrinking the image.',
  formula: 'y = mean over the window of x',
  settings: POOL_SETTINGS,
  outputShape: (layer, input) => poolOutputShape('AvgPool2D', layer, input),
  create: (layer, _rng, input) => new AvgPool2D(layer, ...imageInput('AvgPool2D', input)),
  onnx: (layer, graph) => poolNode('AveragePool', layer, graph),
  parameters: [],
  summary: poolSummary,
});
