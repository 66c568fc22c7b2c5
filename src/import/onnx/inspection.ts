/**
 * What the ONNX viewer shows of a file, as plain data the host sends the webview: the model's facts, its nodes in
 * topological order with their op types, attributes, inputs and output shapes, the parameters each holds, every
 * initializer's statistics and histogram, and whether it converts to .nnjson (the unsupported nodes by name if
 * not). A file that cannot be read gives its one-line reason instead. Browser-safe.
 */
import type { AttributeProto, ModelProto } from '../../export/onnx/proto/onnx_pb';
import { AttributeProto_AttributeType } from '../../export/onnx/proto/onnx_pb';
import { summarize, type TensorStats } from '../../insight/tensor-stats';
import { OnnxImportError } from './import-error';
import { defaultOpset, readOnnxModel } from './onnx-file';
import { onnxGraph, type OnnxGraph } from './onnx-graph';
import { formatDims, inferShapes } from './shape-inference';
import { convertOnnx, unsupportedText, type UnsupportedNode } from './to-nnjson';

export interface InspectedInput {
  readonly name: string;
  /** Where the value comes from. */
  readonly from: 'graph input' | 'initializer' | 'node';
}

export interface InspectedNode {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly InspectedInput[];
  /** "kernel_shape = [3, 3]", one per attribute. */
  readonly attributes: readonly string[];
  readonly output: string;
  /** "N×8", "?" where not known. */
  readonly shape: string;
  /** The values of the initializers it takes. */
  readonly parameters: number;
}

export interface OnnxInspection {
  readonly title: string;
  readonly producer: string;
  readonly opset: number;
  readonly irVersion: number;
  readonly docString: string;
  readonly inputs: readonly { name: string; shape: string }[];
  readonly outputs: readonly { name: string; shape: string }[];
  /** Whether each node takes the one before it and nothing else of the graph's values: shown as a chain, else as a list. */
  readonly chain: boolean;
  readonly nodes: readonly InspectedNode[];
  readonly parameterCount: number;
  readonly tensors: readonly TensorStats[];
  readonly conversion: { readonly convertible: true } | { readonly convertible: false; readonly reason: string; readonly unsupported: readonly UnsupportedNode[] };
}

const HISTOGRAM_BINS = 24;

function attributeText(attribute: AttributeProto): string {
  const value = (() => {
    switch (attribute.type) {
      case AttributeProto_AttributeType.INT: return String(attribute.i);
      case AttributeProto_AttributeType.FLOAT: return String(Number(attribute.f.toPrecision(7)));
      case AttributeProto_AttributeType.STRING: return `"${new TextDecoder().decode(attribute.s)}"`;
      case AttributeProto_AttributeType.INTS: return `[${attribute.ints.join(', ')}]`;
      case AttributeProto_AttributeType.FLOATS: return `[${attribute.floats.map((f) => Number(f.toPrecision(7))).join(', ')}]`;
      case AttributeProto_AttributeType.TENSOR: return `tensor [${attribute.t?.dims.join(', ') ?? ''}]`;
      default: return AttributeProto_AttributeType[attribute.type] ?? '?';
    }
  })();
  return `${attribute.name} = ${value}`;
}

function isChain(graph: OnnxGraph): boolean {
  let previous = graph.inputs[0]?.name;
  for (const node of graph.nodes) {
    const computed = node.inputs.filter((input) => input !== '' && !graph.initializers.has(input) && !graph.otherInitializers.has(input));
    if (computed.length !== 1 || computed[0] !== previous) return false;
    previous = node.output;
  }
  return graph.inputs.length === 1;
}

function inspect(proto: ModelProto): OnnxInspection {
  const graph = onnxGraph(proto.graph!);
  const shapes = inferShapes(graph);
  const graphInputs = new Set(graph.inputs.map((input) => input.name));
  const size = (name: string) => graph.initializers.get(name)?.values.length ?? graph.otherInitializers.get(name)?.count ?? 0;
  const nodes = graph.nodes.map((node, index): InspectedNode => {
    const source = proto.graph!.node.find((candidate) => candidate.output[0] === node.output);
    return {
      name: node.name || `${node.op} ${index + 1}`,
      op: node.op,
      inputs: node.inputs.filter((input) => input !== '').map((name) => ({
        name, from: graphInputs.has(name) ? 'graph input' : size(name) > 0 || graph.initializers.has(name) ? 'initializer' : 'node',
      })),
      attributes: source?.attribute.map(attributeText) ?? [],
      output: node.output,
      shape: formatDims(shapes.get(node.output)),
      parameters: [...new Set(node.inputs)].reduce((total, input) => total + size(input), 0),
    };
  });
  const conversion = convertOnnx(proto, graph);
  return {
    title: graph.name || 'ONNX model',
    producer: [proto.producerName, proto.producerVersion].filter(Boolean).join(' ') || 'unknown',
    opset: defaultOpset(proto) ?? 0,
    irVersion: Number(proto.irVersion),
    docString: proto.docString,
    inputs: graph.inputs.map((input) => ({ name: input.name, shape: formatDims(input.dims) })),
    outputs: graph.outputs.map((output) => ({ name: output.name, shape: formatDims(shapes.get(output.name) ?? output.dims) })),
    chain: isChain(graph),
    nodes,
    parameterCount: [...graph.initializers.values()].reduce((total, tensor) => total + tensor.values.length, 0)
      + [...graph.otherInitializers.values()].reduce((total, tensor) => total + tensor.count, 0),
    tensors: [...graph.initializers].filter(([, tensor]) => tensor.values.length > 0)
      .map(([name, tensor]) => summarize('', name, [...tensor.dims], tensor.values, HISTOGRAM_BINS)),
    conversion: 'model' in conversion ? { convertible: true }
      : { convertible: false, reason: 'unsupported' in conversion ? unsupportedText(conversion.unsupported) : conversion.problem, unsupported: 'unsupported' in conversion ? conversion.unsupported : [] },
  };
}

/** The file's inspection, or the one line that says why it cannot be read. */
export function inspectOnnx(bytes: Uint8Array): OnnxInspection | { readonly error: string } {
  try {
    return inspect(readOnnxModel(bytes));
  } catch (error) {
    if (error instanceof OnnxImportError) return { error: error.message };
    throw error;
  }
}
