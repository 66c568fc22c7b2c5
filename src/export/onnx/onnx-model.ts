/**
 * A trained `.nnjson` model as an ONNX model (opset.ts): input `input` with a dynamic batch dimension, the fitted
 * feature scaling, each layer's ONNX form from its descriptor (src/registry/layers/), the mapping back to the
 * targets' units, and output `output`. The tensors are the network's as evaluation and prediction load them, named
 * `<layer id>.<tensor>`. Gives the model's bytes; writing them is the caller's (src/node/atomic-write.ts).
 * Browser-safe.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import type { Shape } from '../../registry/layer-descriptor';
import type { NnJsonModel } from '../../shared/nnjson';
import { exportedModel } from '../exported-layers';
import { GraphBuilder } from './graph-builder';
import { docString, metadata, type ModelFacts } from './model-notes';
import { ONNX_IR_VERSION, ONNX_OPSET } from './opset';
import { scaledInput, targetUnits } from './preprocessing';
import {
  GraphProtoSchema, ModelProtoSchema, OperatorSetIdProtoSchema, StringStringEntryProtoSchema, TensorProto_DataType,
  TensorShapeProto_DimensionSchema, TensorShapeProtoSchema, TypeProto_TensorSchema, TypeProtoSchema, ValueInfoProtoSchema,
  type ModelProto, type ValueInfoProto,
} from './proto/onnx_pb';

export const ONNX_INPUT_NAME = 'input';
export const ONNX_OUTPUT_NAME = 'output';
/** The name of the dynamic first dimension of `input` and `output`. */
const BATCH = 'N';

export interface OnnxExportOptions {
  /** NN Builder's version, for the model's producer_version. */
  readonly producerVersion: string;
}

/** float32 [N, ...shape]. */
function batchValue(name: string, shape: Shape): ValueInfoProto {
  const dims = [create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: BATCH } }),
    ...shape.map((size) => create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(size) } }))];
  const tensorType = create(TypeProto_TensorSchema, { elemType: TensorProto_DataType.FLOAT, shape: create(TensorShapeProtoSchema, { dim: dims }) });
  return create(ValueInfoProtoSchema, { name, type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }) });
}

export function onnxModel(model: NnJsonModel, options: OnnxExportOptions): ModelProto {
  const { layers, inputShape: input, outputWidth, task } = exportedModel(model, 'ONNX', (descriptor) => descriptor.onnx !== undefined);
  const fitted = model.data?.fitted;

  const graph = new GraphBuilder(ONNX_INPUT_NAME);
  let value = scaledInput(graph, fitted, input, ONNX_INPUT_NAME);
  for (const { layer, descriptor, settings, tensors } of layers) value = descriptor.onnx!(settings, graph.layer(layer.id, value, tensors));
  graph.finish(targetUnits(graph, fitted, task, outputWidth, value), ONNX_OUTPUT_NAME);

  const facts: ModelFacts = { model, task, inputShape: input, outputWidth, inputName: ONNX_INPUT_NAME, outputName: ONNX_OUTPUT_NAME };
  return create(ModelProtoSchema, {
    irVersion: BigInt(ONNX_IR_VERSION),
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(ONNX_OPSET) })],
    producerName: 'NN Builder',
    producerVersion: options.producerVersion,
    docString: docString(facts),
    metadataProps: metadata(facts).map((entry) => create(StringStringEntryProtoSchema, entry)),
    graph: create(GraphProtoSchema, {
      name: model.name ?? 'nnjson',
      node: graph.nodes,
      initializer: graph.initializers,
      input: [batchValue(ONNX_INPUT_NAME, input)],
      output: [batchValue(ONNX_OUTPUT_NAME, [outputWidth])],
    }),
  });
}

/** The model's ONNX file, as bytes. */
export function onnxModelBytes(model: NnJsonModel, options: OnnxExportOptions): Uint8Array {
  return toBinary(ModelProtoSchema, onnxModel(model, options));
}
