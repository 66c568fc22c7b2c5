/** Linear: a fully connected layer, Y = X·W + b. */
import { Linear } from '../../engine/layers/linear';
import { defineLayer, flatInputError } from '../layer-descriptor';
import { pythonValue } from '../pytorch-form';
import type { OnnxImported, OnnxImportNodes, OnnxNodeView, OnnxTensor } from '../onnx-form';

/** [rows, cols] as [cols, rows]: Gemm's transB = 1 weight, PyTorch's [out, in], as the file's [in, out], and back (the PyTorch export). */
export function transposed({ dims: [rows, cols], values }: OnnxTensor): OnnxTensor {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return { dims: [cols, rows], values: out };
}

/** A bias of `width` values, [width] or [1, width], as the file's [width]. */
function biasOf(tensor: OnnxTensor | undefined, width: number): OnnxTensor | undefined {
  if (tensor === undefined || tensor.values.length !== width || tensor.dims[tensor.dims.length - 1] !== width) return undefined;
  return { dims: [width], values: tensor.values };
}

function linearOf(nodes: number, weight: OnnxTensor, bias: OnnxTensor | undefined): OnnxImported {
  return { nodes, settings: { out: weight.dims[1], ...(bias ? {} : { bias: false }) }, tensors: bias ? { W: weight, b: bias } : { W: weight } };
}

/** Gemm(x, W, b) with alpha = beta = 1 and no transA; transB = 1 is PyTorch's [out, in] weight. */
function fromGemm(gemm: OnnxNodeView): OnnxImported | undefined {
  const stored = gemm.tensor(1);
  if (stored?.dims.length !== 2 || (gemm.int('transA') ?? 0) !== 0 || (gemm.float('alpha') ?? 1) !== 1 || (gemm.float('beta') ?? 1) !== 1) return undefined;
  const weight = (gemm.int('transB') ?? 0) === 1 ? transposed(stored) : stored;
  const hasBias = gemm.inputs.length > 2 && gemm.inputs[2] !== '';
  const bias = biasOf(gemm.tensor(2), weight.dims[1]);
  return hasBias && bias === undefined ? undefined : linearOf(1, weight, bias);
}

/** MatMul(x, W [in, out]), and the Add of a bias [out] after it when there is one. */
function fromMatMul(matMul: OnnxNodeView, add: OnnxNodeView | undefined): OnnxImported | undefined {
  const weight = matMul.tensor(1);
  if (weight?.dims.length !== 2) return undefined;
  const side = add?.op === 'Add' ? add.inputs.indexOf(matMul.output) : -1;
  const bias = side === -1 ? undefined : biasOf(add!.tensor(1 - side), weight.dims[1]);
  return bias ? linearOf(2, weight, bias) : linearOf(1, weight, undefined);
}

function linearFromOnnx(nodes: OnnxImportNodes): OnnxImported | undefined {
  const first = nodes.at(0);
  if (first?.inputs[0] !== nodes.input) return undefined;
  if (first.op === 'Gemm') return fromGemm(first);
  return first.op === 'MatMul' ? fromMatMul(first, nodes.at(1)) : undefined;
}

export const linear = defineLayer({
  type: 'Linear',
  idPrefix: 'fc',
  aliases: ['dense', 'fullyconnected', 'fc'],
  group: 'Layers',
  codicon: 'symbol-array',
  explanation: 'Fully connected layer: every output is a weighted sum of all inputs plus a bias.',
  formula: 'Y = X·W + b',
  settings: {
    in: { kind: 'integer', label: 'Input width', description: 'the number of input features', min: 1, followsIncomingWidth: true },
    out: { kind: 'integer', label: 'Output width', description: 'the number of output features', min: 1, required: true, whenAdded: 'incomingWidth' },
    bias: { kind: 'boolean', label: 'Bias', description: 'whether a learned bias b is added to every output', default: true },
  },
  outputShape: (layer, input) => flatInputError('Linear', input) ?? (layer.out === undefined ? undefined : [layer.out]),
  create: (layer, rng) => new Linear(layer.in, layer.out, layer.bias, rng),
  // Gemm without transB takes W as the file stores it, [in, out]
  onnx: (_layer, graph) => graph.node('Gemm', [graph.input, ...graph.tensors('W', 'b')]),
  pytorch: (layer) => ({
    module: `nn.Linear(${layer.in}, ${layer.out}, bias=${pythonValue(layer.bias)})`,
    tensors: { W: { key: 'weight', transposed: true }, b: { key: 'bias' } },
  }),
  fromOnnx: linearFromOnnx,
  parameters: [
    { name: 'W', role: 'trained', description: 'the weights, [in, out]', shape: (layer) => [layer.in, layer.out], of: (module) => module.weight },
    { name: 'b', role: 'trained', description: 'the bias, [out]', shape: (layer) => (layer.bias ? [layer.out] : undefined), of: (module) => module.bias },
  ],
  summary: (layer, arrow) => `${layer.in} ${arrow} ${layer.out}${layer.bias ? '' : ', no bias'}`,
});
