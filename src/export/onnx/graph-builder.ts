/**
 * An ONNX graph built node by node as the ONNX schema's messages (src/export/onnx/proto/, generated from onnx.proto):
 * float32 initializers, nodes with typed attributes, and the view each layer's ONNX form writes with. Value and node
 * names say where they come from: `fc1/Gemm`, initializers `fc1.W`. Browser-safe.
 */
import { create } from '@bufbuild/protobuf';
import { littleEndianBytes } from '../../model/tensor-codec';
import type { StoredTensor } from '../exported-layers';
import type { OnnxAttribute, OnnxAttributes, OnnxLayerGraph } from '../../registry/onnx-form';
import {
  AttributeProto_AttributeType, AttributeProtoSchema, NodeProtoSchema, TensorProto_DataType, TensorProtoSchema,
  type AttributeProto, type NodeProto, type TensorProto,
} from './proto/onnx_pb';


function attributeProto(name: string, attribute: OnnxAttribute): AttributeProto {
  if ('int' in attribute) return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(attribute.int) });
  if ('float' in attribute) return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.FLOAT, f: attribute.float });
  if ('ints' in attribute) return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: attribute.ints.map(BigInt) });
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(attribute.string) });
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly names = new Set<string>();

  /** `inputName` is the graph input's name, taken from the start. */
  constructor(inputName: string) {
    this.names.add(inputName);
  }

  /** A float32 initializer of shape `dims`; gives its name. */
  initializer(name: string, dims: readonly number[], values: Float32Array): string {
    if (this.names.has(name)) throw new Error(`the ONNX graph already has a value named ${name}`);
    this.names.add(name);
    this.initializers.push(create(TensorProtoSchema, {
      name, dims: dims.map(BigInt), dataType: TensorProto_DataType.FLOAT, rawData: littleEndianBytes(values).slice(),
    }));
    return name;
  }

  /** The node `op(inputs)`, named after `scope` and `op` (`fc1/Gemm`, `fc1/Gemm_2` for a second one), as is its output. */
  node(scope: string, op: string, inputs: readonly string[], attributes: OnnxAttributes = {}): string {
    let name = `${scope}/${op}`;
    for (let k = 2; this.names.has(name); k++) name = `${scope}/${op}_${k}`;
    this.names.add(name);
    this.nodes.push(create(NodeProtoSchema, {
      name, opType: op, input: [...inputs], output: [name],
      attribute: Object.entries(attributes).map(([key, value]) => attributeProto(key, value)),
    }));
    return name;
  }

  /** The graph as layer `id` sees it, with `input` coming in and its `tensors` by file name. */
  layer(id: string, input: string, tensors: ReadonlyMap<string, StoredTensor>): OnnxLayerGraph {
    const constants = new Map<string, string>();
    return {
      input,
      tensors: (...names) => names.flatMap((name) => {
        const tensor = tensors.get(name);
        return tensor === undefined ? [] : [this.initializer(`${id}.${name}`, tensor.dims, tensor.values)];
      }),
      constant: (name, value) => {
        const known = constants.get(name);
        if (known !== undefined) return known;
        const initializer = this.initializer(`${id}.${name}`, [], Float32Array.of(value));
        constants.set(name, initializer);
        return initializer;
      },
      node: (op, inputs, attributes) => this.node(id, op, inputs, attributes),
    };
  }

  /** Makes `value` the graph output `outputName`: the last node's output is renamed, any other value passes an Identity. */
  finish(value: string, outputName: string): void {
    const last = this.nodes[this.nodes.length - 1];
    if (last !== undefined && last.output[0] === value) last.output[0] = outputName;
    else this.nodes.push(create(NodeProtoSchema, { name: outputName, opType: 'Identity', input: [value], output: [outputName] }));
  }
}
