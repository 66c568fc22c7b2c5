/** Conv2D: slides learned filters over an image, one output channel per filter. */
import { Conv2D } from '../../engine/layers/conv2d';
import { perAxis } from '../../engine/window';
import { channelsError, defineLayer } from '../layer-descriptor';
import { isNodeOn, windowAttributes, windowSettings, type OnnxTensor } from '../onnx-form';
import { pythonValue } from '../pytorch-form';
import { formatAxes, formatKernel, imageInput, imageInputError, KERNEL_SIZE, PADDING, STRIDE, windowOutputShape } from './window-shape';

export const conv2d = defineLayer({
  type: 'Conv2D',
  idPrefix: 'conv',
  aliases: ['conv', 'convolution', 'convolution2d'],
  group: 'Convolution',
  codicon: 'layers',
  explanation: 'Slides learned filters over the image: each output channel is one filter applied at every position, plus a bias.',
  formula: 'Y[o] = b[o] + Σ_c W[o, c] ⋆ X[c]',
  settings: {
    inChannels: {
      kind: 'integer', label: 'Input channels', description: 'the number of channels coming in', min: 1, followsIncomingWidth: true,
    },
    outChannels: {
      kind: 'integer', label: 'Output channels', description: 'the number of filters, one output channel each', min: 1, required: true,
      whenAdded: 8,
    },
    kernelSize: { ...KERNEL_SIZE, whenAdded: 3 },
    stride: { ...STRIDE, default: 1 },
    padding: PADDING,
    bias: { kind: 'boolean', label: 'Bias', description: 'whether a learned bias b is added to every output', default: true },
  },
  outputShape: (layer, input) => {
    if (input === undefined) return undefined;
    const notImage = imageInputError('Conv2D', input);
    if (notImage) return notImage;
    return channelsError('Conv2D', 'inChannels', layer.inChannels, input) ?? windowOutputShape('Conv2D', layer, input, layer.outChannels);
  },
  create: (layer, rng, input) => {
    const [, height, width] = imageInput('Conv2D', input);
    return new Conv2D(layer, height, width, rng);
  },
  onnx: (layer, graph) => graph.node(
    'Conv', [graph.input, ...graph.tensors('W', 'b')], windowAttributes(perAxis(layer.kernelSize), perAxis(layer.stride), perAxis(layer.padding)),
  ),
  pytorch: (layer) => ({
    module: `nn.Conv2d(${layer.inChannels}, ${layer.outChannels}, ${pythonValue(perAxis(layer.kernelSize))}, ` +
      `stride=${pythonValue(perAxis(layer.stride))}, padding=${pythonValue(perAxis(layer.padding))}, bias=${pythonValue(layer.bias)})`,
    tensors: { W: { key: 'weight' }, b: { key: 'bias' } },
  }),
  // one group (no depthwise convolution); the window as windowSettings reads it
  fromOnnx: (nodes) => {
    const conv = nodes.at(0);
    const window = isNodeOn(conv, 'Conv', nodes.input) ? windowSettings(conv) : undefined;
    const weight = conv?.tensor(1);
    if (window === undefined || weight?.dims.length !== 4 || (conv!.int('group') ?? 1) !== 1) return undefined;
    const hasBias = conv!.inputs.length > 2 && conv!.inputs[2] !== '';
    const bias = conv!.tensor(2);
    if (hasBias && bias?.values.length !== weight.dims[0]) return undefined;
    return {
      nodes: 1,
      settings: { outChannels: weight.dims[0], ...window, bias: hasBias },
      tensors: bias ? { W: weight, b: { dims: [weight.dims[0]], values: bias.values } } : { W: weight } as Record<string, OnnxTensor>,
    };
  },
  parameters: [
    {
      name: 'W', role: 'trained', description: 'the filters, [outChannels, inChannels, kernel height, kernel width]',
      shape: (layer) => [layer.outChannels, layer.inChannels, ...(layer.kernelSize === undefined ? [undefined, undefined] : perAxis(layer.kernelSize))],
      of: (module) => module.weight,
    },
    {
      name: 'b', role: 'trained', description: 'the bias, [outChannels]',
      shape: (layer) => (layer.bias ? [layer.outChannels] : undefined), of: (module) => module.bias,
    },
  ],
  summary: (layer, arrow) => [
    `${layer.inChannels} ${arrow} ${layer.outChannels}, ${formatKernel(layer.kernelSize)}`,
    ...(formatAxes(layer.stride) === '1' ? [] : [`stride ${formatAxes(layer.stride)}`]),
    ...(formatAxes(layer.padding) === '0' ? [] : [`padding ${formatAxes(layer.padding)}`]),
    ...(layer.bias ? [] : ['no bias']),
  ].join(', '),
});
