/**
 * The ONNX export of every layer type in the registry: onnxruntime, given the same rows, gives the engine's
 * eval-mode forward within 1e-5 (relative to the largest output), for random weights (BatchNorm with random running
 * statistics) and settings away from the defaults; and the ONNX checker accepts every graph.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predict, Tensor } from '../../../src/engine/index';
import { Random } from '../../../src/engine/random';
import { ExportError } from '../../../src/export/export-error';
import { onnxModelBytes } from '../../../src/export/onnx/onnx-model';
import { buildNetwork } from '../../../src/model/bridge';
import { inputShape } from '../../../src/model/layer-widths';
import { shapeSize } from '../../../src/model/tensor-codec';
import { LAYER_TYPES, layerDescriptor } from '../../../src/registry/layers/index';
import { CASES, onFeatures, trainedModel } from '../../shared/layer-cases';
import { checkWithOnnxChecker, ONNX_TOLERANCE, relativeDifference, runOnnx } from '../../shared/onnx-runtime';

describe('ONNX export of every layer type', function () {
  this.timeout(60_000);
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-onnx-layers-'));
  const written: string[] = [];
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('has a case for every layer type in the registry', () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...LAYER_TYPES].sort());
  });

  for (const layerCase of Object.values(CASES).flat()) {
    it(`${layerCase.name}: onnxruntime gives the engine's eval-mode outputs`, async () => {
      const rng = new Random(11);
      const model = trainedModel(layerCase, rng);
      const shape = inputShape(model.input);
      const rows = 5;
      const x = new Tensor(rows, shapeSize(shape));
      for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-3, 3);
      const expected = predict(buildNetwork(model), x).data;
      const bytes = onnxModelBytes(model, { producerVersion: 'test' });
      const actual = await runOnnx(bytes, x.data, rows, shape);
      const difference = relativeDifference(actual, expected);
      assert.ok(difference <= ONNX_TOLERANCE, `${layerCase.name}: relative difference ${difference}`);
      const file = join(folder, `${written.length}.onnx`);
      writeFileSync(file, bytes);
      written.push(file);
    });
  }

  it('passes the ONNX checker (full check, with shape inference) for every case', () => {
    assert.equal(written.length, Object.values(CASES).flat().length);
    checkWithOnnxChecker(written);
  });

  it('fails, naming the layer, where a layer type has no ONNX form', () => {
    const model = trainedModel(onFeatures('GELU', { type: 'GELU', id: 'gelu1' }), new Random(3));
    const descriptor = layerDescriptor('GELU');
    const form = descriptor.onnx;
    delete descriptor.onnx;
    try {
      assert.throws(() => onnxModelBytes(model, { producerVersion: 'test' }), (error: Error) => error instanceof ExportError
        && error.message === 'layer gelu1 (GELU) has no ONNX form, so the model cannot be exported to ONNX: remove or replace the layer ' +
          '(a layer type gains one in its descriptor, docs/adding-a-layer.md)');
    } finally {
      descriptor.onnx = form;
    }
  });
});
