/**
 * An ONNX graph as the import and the viewer read it: its nodes in topological order, its initializers decoded,
 * the graph input and its per-sample shape, and each node as an OnnxNodeView (src/registry/onnx-form.ts) for the
 * layers' `fromOnnx`. Browser-safe.
 */
import type { AttributeProto, GraphProto, NodeProto, TensorProto, ValueInfoProto } from '../../export/onnx/proto/onnx_pb';
import { AttributeProto_AttributeType, TensorProto_DataLocation, TensorProto_DataType } from '../../export/onnx/proto/onnx_pb';
import type { OnnxNodeView, OnnxTensor } from '../../registry/onnx-form';
import { OnnxImportError } from './import-error';

/** A dimension: its size, the name of a dynamic one ("N"), or undefined when the file does not say. */
export type Dim = number | string | undefined;

export interface GraphValue {
  readonly name: string;
  readonly dims: readonly Dim[] | undefined;
}

export interface OnnxGraph {
  readonly name: string;
  /** In an order where every node comes after the nodes its inputs come from (the file's order where it allows). */
  readonly nodes: readonly OnnxNodeView[];
  readonly initializers: ReadonlyMap<string, OnnxTensor>;
  /** Initializers of types the import does not decode (int8, float16 …), by name: their element counts. */
  readonly otherInitializers: ReadonlyMap<string, { readonly type: string; readonly count: number }>;
  /** The inputs that are not initializers, and the outputs. */
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
}

function dimsOf(value: ValueInfoProto): Dim[] | undefined {
  const type = value.type?.value;
  if (type?.case !== 'tensorType' || type.value.shape === undefined) return undefined;
  return type.value.shape.dim.map((dim) => (dim.value.case === 'dimValue' ? Number(dim.value.value)
    : dim.value.case === 'dimParam' ? dim.value.value : undefined));
}

function bytesView(raw: Uint8Array): DataView {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** A float32, int64 or int32 tensor's values as float32 (shapes and counts are exact in float32 up to 2^24); undefined for other types. */
function tensorValues(tensor: TensorProto, count: number): Float32Array | undefined {
  const raw = tensor.rawData.length > 0 ? bytesView(tensor.rawData) : undefined;
  const values = new Float32Array(count);
  switch (tensor.dataType) {
    case TensorProto_DataType.FLOAT:
      for (let i = 0; i < count; i++) values[i] = raw ? raw.getFloat32(4 * i, true) : tensor.floatData[i];
      return values;
    case TensorProto_DataType.INT64:
      for (let i = 0; i < count; i++) values[i] = Number(raw ? raw.getBigInt64(8 * i, true) : tensor.int64Data[i]);
      return values;
    case TensorProto_DataType.INT32:
      for (let i = 0; i < count; i++) values[i] = raw ? raw.getInt32(4 * i, true) : tensor.int32Data[i];
      return values;
    default:
      return undefined;
  }
}

const BYTES_PER_VALUE: Partial<Record<TensorProto_DataType, number>> = {
  [TensorProto_DataType.FLOAT]: 4, [TensorProto_DataType.INT64]: 8, [TensorProto_DataType.INT32]: 4,
};

function decodeInitializers(graph: GraphProto) {
  const initializers = new Map<string, OnnxTensor>();
  const others = new Map<string, { type: string; count: number }>();
  for (const tensor of graph.initializer) {
    const dims = tensor.dims.map(Number);
    const count = dims.reduce((product, size) => product * size, 1);
    if (tensor.dataLocation === TensorProto_DataLocation.EXTERNAL) {
      throw new OnnxImportError(`initializer ${tensor.name} keeps its data in an external file, which the import does not read: ` +
        'save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))');
    }
    const width = BYTES_PER_VALUE[tensor.dataType as TensorProto_DataType];
    const stored = tensor.rawData.length > 0 ? tensor.rawData.length / (width ?? 1) : Math.max(tensor.floatData.length, tensor.int64Data.length, tensor.int32Data.length);
    if (width !== undefined && stored !== count) {
      throw new OnnxImportError(`initializer ${tensor.name} has ${stored} values but its shape [${dims.join(', ')}] needs ${count}: the file is damaged; export it again`);
    }
    const values = tensorValues(tensor, count);
    if (values === undefined) others.set(tensor.name, { type: TensorProto_DataType[tensor.dataType] ?? String(tensor.dataType), count });
    else initializers.set(tensor.name, { dims, values });
  }
  return { initializers, others };
}

function attributeOf(node: NodeProto, name: string, type: AttributeProto_AttributeType): AttributeProto | undefined {
  return node.attribute.find((attribute) => attribute.name === name && attribute.type === type);
}

function nodeView(node: NodeProto, initializers: ReadonlyMap<string, OnnxTensor>): OnnxNodeView {
  return {
    name: node.name,
    op: node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}.${node.opType}`,
    inputs: node.input,
    output: node.output[0] ?? '',
    int: (name) => { const a = attributeOf(node, name, AttributeProto_AttributeType.INT); return a && Number(a.i); },
    float: (name) => attributeOf(node, name, AttributeProto_AttributeType.FLOAT)?.f,
    ints: (name) => attributeOf(node, name, AttributeProto_AttributeType.INTS)?.ints.map(Number),
    string: (name) => { const a = attributeOf(node, name, AttributeProto_AttributeType.STRING); return a && new TextDecoder().decode(a.s); },
    tensor: (k) => (node.input[k] ? initializers.get(node.input[k]) : undefined),
  };
}

/** Kahn's order, taking the earliest ready node in file order each time; a cycle or an undefined input is an error. */
function topologicalOrder(nodes: readonly NodeProto[], available: ReadonlySet<string>): NodeProto[] {
  const known = new Set(available);
  const ordered: NodeProto[] = [];
  const pending = [...nodes];
  while (pending.length > 0) {
    const index = pending.findIndex((node) => node.input.every((input) => input === '' || known.has(input)));
    if (index === -1) {
      const stuck = pending[0];
      const missing = stuck.input.find((input) => input !== '' && !known.has(input) && !nodes.some((node) => node.output.includes(input)));
      throw new OnnxImportError(missing !== undefined
        ? `node ${stuck.name || stuck.opType} takes ${missing}, which no node, input or initializer gives: the file is damaged; export it again`
        : `the graph has a cycle through node ${stuck.name || stuck.opType}: it is not a model the import reads`);
    }
    const [node] = pending.splice(index, 1);
    for (const output of node.output) known.add(output);
    ordered.push(node);
  }
  return ordered;
}

export function onnxGraph(graph: GraphProto): OnnxGraph {
  const { initializers, others } = decodeInitializers(graph);
  const isInitializer = (name: string) => initializers.has(name) || others.has(name);
  const inputs = graph.input.filter((input) => !isInitializer(input.name)).map((input) => ({ name: input.name, dims: dimsOf(input) }));
  const available = new Set([...initializers.keys(), ...others.keys(), ...inputs.map((input) => input.name)]);
  const nodes = topologicalOrder(graph.node, available).map((node) => nodeView(node, initializers));
  return {
    name: graph.name, nodes, initializers, otherInitializers: others, inputs,
    outputs: graph.output.map((output) => ({ name: output.name, dims: dimsOf(output) })),
  };
}
