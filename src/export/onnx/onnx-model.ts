/**
 * A trained `.nnjson` model as an ONNX model (opset.ts): input `input` with a dynamic batch dimension, the fitted
 * feature scaling, each layer's ONNX form from its descriptor (src/registry/layers/), the mapping back to the
 * targets' units, and output `output`. The tensors are the network's as evaluation and prediction load them, named
 * `<layer id>.<tensor>`. Gives the model's bytes; writing them is the caller's (src/node/atomic-write.ts).
 * Browser-safe.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { taskOfLoss } from '../../data/preprocess';
import type { Module } from '../../engine/module';
import { inputShape, layerShapes, resolveLayers, widthShapes } from '../../model/layer-widths';
import { trainedNetwork } from '../../model/network-state';
import { parameterShapes } from '../../model/shapes';
import { layerValues, type LayerDescriptor, type Shape } from '../../registry/layer-descriptor';
import { layerDescriptor } from '../../registry/layers/index';
import type { CompleteValues, Settings } from '../../registry/settings';
import type { LayerSpec, NnJsonModel } from '../../shared/nnjson';
import { ExportError } from '../export-error';
import { GraphBuilder, type StoredTensor } from './graph-builder';
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

/** Every layer without an ONNX form, named, or nothing when each has one. */
function checkOnnxForms(layers: readonly LayerSpec[]): void {
  const missing = layers.filter((layer) => layerDescriptor(layer.type).onnx === undefined).map((layer) => `${layer.id} (${layer.type})`);
  if (missing.length === 0) return;
  throw new ExportError(
    `${missing.length === 1 ? 'layer' : 'layers'} ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no ONNX form, so the model ` +
      'cannot be exported to ONNX: remove or replace the layer (a layer type gains one in its descriptor, docs/adding-a-layer.md)',
  );
}

/** The tensors `module` holds for `layer`, by file name, with their file shapes (Linear W [in, out], b [out]). */
function storedTensors(descriptor: LayerDescriptor, layer: LayerSpec, widthShape: Shape | undefined, module: Module): Map<string, StoredTensor> {
  const shapes = parameterShapes(layer, widthShape);
  const tensors = new Map<string, StoredTensor>();
  for (const parameter of descriptor.parameters) {
    const live = parameter.of(module);
    if (live !== null) tensors.set(parameter.name, { dims: shapes[parameter.name] ?? [live.rows, live.cols], values: live.data });
  }
  return tensors;
}

export function onnxModel(model: NnJsonModel, options: OnnxExportOptions): ModelProto {
  checkOnnxForms(model.layers);
  const network = trainedNetwork(model);
  const input = inputShape(model.input);
  const chain = layerShapes(input, model.layers);
  const fromWidths = widthShapes(chain);
  const resolved = resolveLayers(model);
  const output = chain.shapes[chain.shapes.length - 1];
  if (output === undefined || output.length !== 1) {
    throw new ExportError(`the network's output is ${output === undefined ? 'not known' : `[${output.join(', ')}] per sample`}: end it in a layer that gives [features] (a Linear)`);
  }
  const task = taskOfLoss(model.loss.type);
  const fitted = model.data?.fitted;

  const graph = new GraphBuilder(ONNX_INPUT_NAME);
  let value = scaledInput(graph, fitted, input, ONNX_INPUT_NAME);
  model.layers.forEach((layer, index) => {
    const descriptor = layerDescriptor(layer.type);
    const settings = layerValues(descriptor, resolved[index], chain.shapes[index]) as CompleteValues<Settings>;
    const tensors = storedTensors(descriptor, layer, fromWidths[index], network.modules[index]);
    value = descriptor.onnx!(settings, graph.layer(layer.id, value, tensors));
  });
  graph.finish(targetUnits(graph, fitted, task, output[0], value), ONNX_OUTPUT_NAME);

  const facts: ModelFacts = { model, task, inputShape: input, outputWidth: output[0], inputName: ONNX_INPUT_NAME, outputName: ONNX_OUTPUT_NAME };
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
      output: [batchValue(ONNX_OUTPUT_NAME, output)],
    }),
  });
}

/** The model's ONNX file, as bytes. */
export function onnxModelBytes(model: NnJsonModel, options: OnnxExportOptions): Uint8Array {
  return toBinary(ModelProtoSchema, onnxModel(model, options));
}
