/**
 * The shape of every value of an ONNX graph that follows from the graph input's and the initializers' shapes, for
 * the operators NN Builder's layers are made of (and a few that come with them); undefined where the rule is not
 * known here or an input's shape is not. Dimensions keep their names ("N"). Browser-safe.
 */
import type { OnnxNodeView } from '../../registry/onnx-form';
import type { Dim, OnnxGraph } from './onnx-graph';

type Dims = readonly Dim[];

const KEEPS_SHAPE = new Set([
  'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Elu', 'Gelu', 'Softplus', 'Softmax', 'LogSoftmax', 'Dropout', 'BatchNormalization',
  'Identity', 'Exp', 'Log', 'Neg', 'Abs', 'Sqrt', 'Erf', 'Clip', 'HardSigmoid', 'Selu', 'Celu', 'Mish', 'HardSwish', 'Cast',
]);
const BROADCASTS = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Greater', 'Less', 'Equal', 'Where', 'Max', 'Min', 'And', 'Or']);

/** The product of the sizes; a single dimension is itself, named or not. */
const product = (dims: Dims): Dim => (dims.length === 1 ? dims[0] : dims.every((dim) => typeof dim === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : undefined);

/** NumPy broadcasting, aligned on the last dimension. */
function broadcast(shapes: readonly Dims[]): Dims {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  return Array.from({ length: rank }, (_, k) => {
    const dims = shapes.map((shape) => shape[shape.length - rank + k] ?? 1);
    const sized = dims.filter((dim) => dim !== 1);
    return sized.length === 0 ? 1 : sized.every((dim) => dim === sized[0]) ? sized[0] : undefined;
  });
}

/** A sliding window's output size: floor (or ceil) ((size + pads − dilation·(k − 1) − 1) / stride) + 1. */
function windowed(node: OnnxNodeView, input: Dims, channels: Dim): Dims | undefined {
  const kernel = node.ints('kernel_shape');
  if (kernel === undefined || input.length !== kernel.length + 2) return undefined;
  const strides = node.ints('strides') ?? kernel.map(() => 1);
  const pads = node.ints('pads') ?? kernel.map(() => 0).concat(kernel.map(() => 0));
  const dilations = node.ints('dilations') ?? kernel.map(() => 1);
  const round = node.int('ceil_mode') === 1 ? Math.ceil : Math.floor;
  const autoPad = node.string('auto_pad');
  if (autoPad !== undefined && autoPad !== 'NOTSET' && autoPad !== 'VALID') return undefined;
  const spatial = kernel.map((k, axis) => {
    const size = input[axis + 2];
    if (typeof size !== 'number') return undefined;
    const padded = autoPad === 'VALID' ? size : size + pads[axis] + pads[axis + kernel.length];
    return round((padded - dilations[axis] * (k - 1) - 1) / strides[axis]) + 1;
  });
  return [input[0], channels, ...spatial];
}

function outputDims(node: OnnxNodeView, inputs: readonly (Dims | undefined)[], graph: OnnxGraph): Dims | undefined {
  const [first, second] = inputs;
  if (KEEPS_SHAPE.has(node.op)) return first;
  if (BROADCASTS.has(node.op)) return inputs.every((shape) => shape !== undefined) ? broadcast(inputs as Dims[]) : undefined;
  if (first === undefined) return undefined;
  switch (node.op) {
    case 'Gemm': {
      if (second === undefined) return undefined;
      return [node.int('transA') === 1 ? first[1] : first[0], node.int('transB') === 1 ? second[0] : second[1]];
    }
    case 'MatMul':
      if (second === undefined || first.length < 2 || second.length < 2) return undefined;
      return [...broadcast([first.slice(0, -2), second.slice(0, -2)]), first[first.length - 2], second[second.length - 1]];
    case 'Conv':
      return second === undefined ? undefined : windowed(node, first, second[0]);
    case 'MaxPool':
    case 'AveragePool':
      return windowed(node, first, first[1]);
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return [first[0], first[1], ...first.slice(2).map(() => 1)];
    case 'Flatten': {
      const axis = node.int('axis') ?? 1;
      const at = axis < 0 ? first.length + axis : axis;
      return [product(first.slice(0, at)), product(first.slice(at))];
    }
    case 'Reshape': {
      const target = node.tensor(1)?.values;
      if (target === undefined) return undefined;
      const dims: Dim[] = Array.from(target, (size, axis) => (size === 0 ? first[axis] : size === -1 ? undefined : size));
      const inferred = dims.indexOf(undefined);
      const known = product(dims.filter((_, axis) => axis !== inferred));
      const total = product(first);
      if (inferred !== -1 && typeof known === 'number' && typeof total === 'number') dims[inferred] = total / known;
      else if (inferred !== -1 && target.length === 2 && inferred === 0) dims[0] = first[0];
      return dims;
    }
    case 'Transpose': {
      const perm = node.ints('perm') ?? first.map((_, axis) => first.length - 1 - axis);
      return perm.map((axis) => first[axis]);
    }
    default:
      return graph.initializers.has(node.output) ? graph.initializers.get(node.output)!.dims : undefined;
  }
}

/** Each value's dimensions (with the batch), by name: the graph inputs', the initializers', then each node's output's. */
export function inferShapes(graph: OnnxGraph): Map<string, Dims | undefined> {
  const shapes = new Map<string, Dims | undefined>();
  for (const input of graph.inputs) shapes.set(input.name, input.dims);
  for (const [name, tensor] of graph.initializers) shapes.set(name, tensor.dims);
  for (const node of graph.nodes) {
    let dims: Dims | undefined;
    try {
      dims = outputDims(node, node.inputs.filter((input) => input !== '').map((input) => shapes.get(input)), graph);
    } catch {
      dims = undefined;
    }
    shapes.set(node.output, dims);
  }
  return shapes;
}

/** "N×4×16×16", with "?" for a dimension that is not known, and "?" for an unknown shape. */
export function formatDims(dims: Dims | undefined): string {
  return dims === undefined ? '?' : dims.length === 0 ? 'scalar' : dims.map((dim) => (dim === undefined ? '?' : String(dim))).join('×');
}
