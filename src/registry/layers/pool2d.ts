/** MaxPool2D and AvgPool2D: the maximum or the mean of each window of each channel. */
import { AvgPool2D, MaxPool2D, type Pool2DSettings } from '../../engine/layers/pool2d';
import { perAxis } from '../../engine/window';
import { defineLayer, type OutputShape, type Shape } from '../layer-descriptor';
import { isNodeOn, windowAttributes, windowSettings, type OnnxImported, type OnnxImportNodes, type OnnxLayerGraph } from '../onnx-form';
import { pythonValue, type PytorchModule } from '../pytorch-form';
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

/** The pool as torch's `module` (padding counted as zeros in a mean, as the engine does: count_include_pad). */
function poolModule(module: 'MaxPool2d' | 'AvgPool2d', layer: Pool2DSettings): PytorchModule {
  const window = `${pythonValue(perAxis(layer.kernelSize))}, stride=${pythonValue(perAxis(layer.stride))}, padding=${pythonValue(perAxis(layer.padding))}`;
  return { module: `nn.${module}(${window}${module === 'AvgPool2d' ? ', count_include_pad=True' : ''})` };
}

/** The pool `op` in ONNX as this layer: floor rounding, one output, and for a padded mean the zeros counted. */
function poolFromOnnx(op: 'MaxPool' | 'AveragePool', nodes: OnnxImportNodes): OnnxImported | undefined {
  const node = nodes.at(0);
  const window = isNodeOn(node, op, nodes.input) ? windowSettings(node) : undefined;
  if (window === undefined || (node!.int('ceil_mode') ?? 0) !== 0 || (node!.int('storage_order') ?? 0) !== 0) return undefined;
  const padded = (node!.ints('pads') ?? []).some((pad) => pad !== 0);
  if (op === 'AveragePool' && padded && (node!.int('count_include_pad') ?? 0) !== 1) return undefined;
  return { nodes: 1, settings: window };
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
  pytorch: (layer) => poolModule('MaxPool2d', layer),
  fromOnnx: (nodes) => poolFromOnnx('MaxPool', nodes),
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
  pytorch: (layer) => poolModule('AvgPool2d', layer),
  fromOnnx: (nodes) => poolFromOnnx('AveragePool', nodes),
  parameters: [],
  summary: poolSummary,
});
