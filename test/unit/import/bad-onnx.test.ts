/**
 * ONNX files the import cannot read or convert: each gets one line that says why and what to do, never an
 * exception of another kind (the CLI's side, that nothing is written, is in test/unit/cli/import.test.ts).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from '../../../src/export/onnx/proto/onnx_pb';
import { OnnxImportError } from '../../../src/import/onnx/import-error';
import { NEWEST_IMPORT_OPSET } from '../../../src/import/onnx/onnx-file';
import { onnxToNnjson } from '../../../src/import/onnx/to-nnjson';

const MLP = readFileSync('test/fixtures/onnx/torch-mlp.onnx');

/** The message `onnxToNnjson` refuses `bytes` with; fails unless it is one OnnxImportError line. */
function refusal(bytes: Uint8Array): string {
  try {
    onnxToNnjson(bytes);
  } catch (error) {
    assert.ok(error instanceof OnnxImportError, `an OnnxImportError, not ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('the file was converted');
}

/** The MLP with its model changed by `edit`. */
function edited(edit: (model: ReturnType<typeof fromBinary<typeof ModelProtoSchema>>) => void): Uint8Array {
  const model = fromBinary(ModelProtoSchema, MLP);
  edit(model);
  return toBinary(ModelProtoSchema, model);
}

describe('ONNX import of files it cannot take', () => {
  it('a truncated file: may be truncated, export it again', () => {
    for (const length of [1, 17, Math.floor(MLP.length / 2), MLP.length - 3]) {
      assert.match(refusal(MLP.subarray(0, length)), /truncated.*export or download it again|export it again/, `cut at ${length}`);
    }
  });

  it('a file that is not ONNX, and an empty one', () => {
    assert.match(refusal(new TextEncoder().encode('{"format": "nnjson"}')), /not a readable ONNX model|no ONNX graph/);
    assert.match(refusal(new Uint8Array(0)), /^the file is empty: export the model to ONNX again$/);
  });

  it('a newer opset than it reads: says which, and the opset to export with', () => {
    const future = edited((model) => (model.opsetImport[0].version = BigInt(NEWEST_IMPORT_OPSET + 5)));
    assert.equal(refusal(future), `the model uses ONNX opset ${NEWEST_IMPORT_OPSET + 5}, newer than the ${NEWEST_IMPORT_OPSET} this version of NN Builder reads: ` +
      `export it with opset ${NEWEST_IMPORT_OPSET} or lower (torch.onnx.export(..., opset_version=${NEWEST_IMPORT_OPSET})), or update NN Builder`);
  });

  it('a node no layer maps: named with its op', () => {
    const unknown = edited((model) => {
      model.graph!.node[1].opType = 'HardSwish';
    });
    assert.equal(refusal(unknown), 'node /1/Relu (HardSwish) maps to no NN Builder layer, so the model cannot be converted to .nnjson');
  });

  it('an initializer with fewer values than its shape: the file is damaged', () => {
    const damaged = edited((model) => {
      const weight = model.graph!.initializer[0];
      weight.rawData = weight.rawData.subarray(0, 8);
    });
    assert.match(refusal(damaged), /^initializer 0\.weight has 2 values but its shape \[16, 4\] needs 64: the file is damaged; export it again$/);
  });
});
