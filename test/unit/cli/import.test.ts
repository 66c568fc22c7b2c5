/**
 * `nnjson import MODEL.onnx` (the built command), where a user meets it: every example model, trained briefly and
 * exported, comes back as the same model with bitwise-equal tensors; a PyTorch file converts; a truncated,
 * malformed or future-opset file, an unsupported node and an existing output each get one line and write nothing.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from '../../../src/export/onnx/proto/onnx_pb';
import { readModel } from '../../../src/model/reader';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { assertSameModel } from '../../shared/same-model';
import { runCli, withExamplesCopy } from './cli-helpers';

const EXAMPLES = readdirSync('examples').filter((name) => name.endsWith('.nnjson')).sort();

function readModelFile(path: string): NnJsonModel {
  const { model } = readModel(readFileSync(path, 'utf8'));
  assert.ok(model, path);
  return model;
}

describe('nnjson import (built command)', function () {
  const examples = withExamplesCopy(this);
  this.timeout(300_000);

  for (const example of EXAMPLES) {
    it(`${example}, trained and exported: the same model back`, async () => {
      const trained = example.replace('.nnjson', '-trained.nnjson');
      assert.equal((await runCli(['train', example, '--epochs', '1', '--out', trained], examples.dir)).code, 0);
      assert.equal((await runCli(['export', trained, '--to', 'onnx'], examples.dir)).code, 0);
      const back = example.replace('.nnjson', '-back.nnjson');
      const result = await runCli(['import', trained.replace('.nnjson', '.onnx'), '--out', back], examples.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr.trim(), `wrote ${back}`);
      assertSameModel(readModelFile(join(examples.dir, back)), readModelFile(join(examples.dir, trained)));
    });
  }

  it('a PyTorch file: written next to it as MODEL.nnjson, which validates', async () => {
    copyFileSync('test/fixtures/onnx/torch-lenet.onnx', join(examples.dir, 'lenet.onnx'));
    const result = await runCli(['import', 'lenet.onnx'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await runCli(['validate', 'lenet.nnjson'], examples.dir)).code, 0);
  });

  it('an existing output is never written over', async () => {
    copyFileSync('test/fixtures/onnx/torch-mlp.onnx', join(examples.dir, 'mlp.onnx'));
    writeFileSync(join(examples.dir, 'mlp.nnjson'), 'mine');
    const result = await runCli(['import', 'mlp.onnx'], examples.dir);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), 'mlp.nnjson exists, and an import never writes over a file: give another --out FILE, or move the file away');
    assert.equal(readFileSync(join(examples.dir, 'mlp.nnjson'), 'utf8'), 'mine');
  });

  it('a truncated, malformed or future-opset file, or an unsupported node: one line, exit 1, nothing written', async () => {
    const mlp = readFileSync('test/fixtures/onnx/torch-mlp.onnx');
    const future = fromBinary(ModelProtoSchema, mlp);
    future.opsetImport[0].version = 99n;
    const unsupported = fromBinary(ModelProtoSchema, mlp);
    unsupported.graph!.node[1].opType = 'Selu';
    const files: Record<string, { bytes: Uint8Array; message: RegExp }> = {
      'truncated.onnx': { bytes: mlp.subarray(0, 900), message: /^truncated\.onnx: the file is not a readable ONNX model .*: it may be truncated or not ONNX; export or download it again$/ },
      'text.onnx': { bytes: new TextEncoder().encode('not a model at all'), message: /^text\.onnx: the file (is not a readable ONNX model|holds no ONNX graph).*again$/ },
      'future.onnx': { bytes: toBinary(ModelProtoSchema, future), message: /^future\.onnx: the model uses ONNX opset 99, newer than the 22 this version of NN Builder reads: export it with opset 22 or lower/ },
      'selu.onnx': { bytes: toBinary(ModelProtoSchema, unsupported), message: /^selu\.onnx: node \/1\/Relu \(Selu\) maps to no NN Builder layer, so the model cannot be converted to \.nnjson$/ },
    };
    for (const [name, { bytes, message }] of Object.entries(files)) {
      writeFileSync(join(examples.dir, name), bytes);
      const result = await runCli(['import', name], examples.dir);
      assert.equal(result.code, 1, name);
      assert.match(result.stderr.trim(), message);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${name}: one line`);
      assert.equal(existsSync(join(examples.dir, name.replace('.onnx', '.nnjson'))), false, `${name}: nothing written`);
    }
  });
});
