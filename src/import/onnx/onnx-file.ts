/**
 * An ONNX file's bytes read as the ONNX schema's ModelProto (the generated src/export/onnx/proto/), refused with one
 * line that says why and what to do when it is truncated or not ONNX, has no graph, or needs a newer opset than
 * the import knows. Browser-safe.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, type ModelProto } from '../../export/onnx/proto/onnx_pb';
import { OnnxImportError } from './import-error';

/**
 * The newest opset of the default domain whose operators the import reads (ONNX 1.17). A later one may have changed
 * what an operator means, so it is refused rather than read wrongly.
 */
export const NEWEST_IMPORT_OPSET = 22;

/** The default domain's opset the model imports ('' and 'ai.onnx' are its names). */
export function defaultOpset(model: ModelProto): number | undefined {
  const entry = model.opsetImport.find((opset) => opset.domain === '' || opset.domain === 'ai.onnx');
  return entry === undefined ? undefined : Number(entry.version);
}

export function readOnnxModel(bytes: Uint8Array): ModelProto {
  if (bytes.length === 0) throw new OnnxImportError('the file is empty: export the model to ONNX again');
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new OnnxImportError(`the file is not a readable ONNX model (${detail}): it may be truncated or not ONNX; export or download it again`);
  }
  const graph = model.graph;
  if (model.irVersion === 0n || graph === undefined || graph.node.length === 0 || graph.output.length === 0) {
    throw new OnnxImportError('the file holds no ONNX graph (no IR version, nodes or outputs): it may be truncated or not ONNX; export or download it again');
  }
  const opset = defaultOpset(model);
  if (opset === undefined) throw new OnnxImportError('the model imports no opset of the ONNX operators (domain ""): it is not a model this import reads');
  if (opset > NEWEST_IMPORT_OPSET) {
    throw new OnnxImportError(`the model uses ONNX opset ${opset}, newer than the ${NEWEST_IMPORT_OPSET} this version of NN Builder reads: ` +
      `export it with opset ${NEWEST_IMPORT_OPSET} or lower (torch.onnx.export(..., opset_version=${NEWEST_IMPORT_OPSET})), or update NN Builder`);
  }
  return model;
}
