/**
 * The PyTorch export of every layer type in the registry: the exported script's nn.Sequential, loaded from the
 * exported safetensors, gives the engine's eval-mode forward within 1e-5 (relative to the largest output) for the
 * cases of test/shared/layer-cases.ts; its state dict names the layers and holds torch's shapes; a layer type
 * without a PyTorch form fails the export, naming the layer.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predict, Tensor } from '../../../src/engine/index';
import { Random } from '../../../src/engine/random';
import { ExportError } from '../../../src/export/export-error';
import { pytorchFiles } from '../../../src/export/pytorch/pytorch-export';
import { buildNetwork } from '../../../src/model/bridge';
import { inputShape } from '../../../src/model/layer-widths';
import { shapeSize } from '../../../src/model/tensor-codec';
import { layerDescriptor } from '../../../src/registry/layers/index';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { float32File, runExportedScripts } from '../../shared/exported-pytorch';
import { CASES, onFeatures, trainedModel } from '../../shared/layer-cases';
import { ONNX_TOLERANCE as EXPORT_TOLERANCE, relativeDifference } from '../../shared/onnx-runtime';

const OPTIONS = { producerVersion: 'test', modelFile: 'model.nnjson', modelFolder: '.' };

/** The safetensors header: each tensor's name, dtype and shape. */
function safetensorsHeader(bytes: Uint8Array): Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> {
  const size = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + size))) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  delete header.__metadata__;
  return header;
}

describe('PyTorch export of every layer type', function () {
  this.timeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-pytorch-layers-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the engine\'s eval-mode outputs in torch for every case (one Python process)', () => {
    const cases = Object.values(CASES).flat();
    const expected: Float32Array[] = [];
    const jobs = cases.map((layerCase, index) => {
      const rng = new Random(11);
      const model = trainedModel(layerCase, rng);
      const x = new Tensor(5, shapeSize(inputShape(model.input)));
      for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-3, 3);
      expected.push(predict(buildNetwork(model), x).data);
      const baseName = `case${index}`;
      for (const file of pytorchFiles(model, { ...OPTIONS, baseName })) writeFileSync(join(folder, `${baseName}${file.suffix}`), file.bytes);
      writeFileSync(join(folder, `${baseName}.input`), x.data);
      return { script: join(folder, `${baseName}.py`), forward: join(folder, `${baseName}.input`), output: join(folder, `${baseName}.output`) };
    });
    const results = runExportedScripts(jobs);
    const differences = cases.map((layerCase, index) => {
      assert.equal(results[index].status, 0, `${layerCase.name}: ${results[index].printed}`);
      return relativeDifference(float32File(jobs[index].output), expected[index]);
    });
    cases.forEach((layerCase, index) => assert.ok(differences[index] <= EXPORT_TOLERANCE, `${layerCase.name}: relative difference ${differences[index]}`));
    console.log(`      largest relative difference over ${cases.length} cases: ${Math.max(...differences).toExponential(2)}`);
  });

  it('names the state dict\'s tensors after the layers, in torch\'s shapes: Linear as [out, in], Conv2d as [out, in, kh, kw]', () => {
    const rng = new Random(5);
    const model = trainedModel({
      name: 'shapes', input: { shape: [3, 7, 6] },
      layers: [
        { type: 'Conv2D', id: 'conv1', outChannels: 4, kernelSize: [3, 2] }, { type: 'BatchNorm', id: 'bn1' },
        { type: 'Flatten', id: 'flatten' }, { type: 'Linear', id: 'head', out: 5, bias: false },
      ],
    }, rng);
    const [script, weights] = pytorchFiles(model, { ...OPTIONS, baseName: 'shapes' });
    const header = safetensorsHeader(weights.bytes);
    assert.deepEqual(Object.fromEntries(Object.entries(header).map(([name, { dtype, shape }]) => [name, `${dtype} [${shape.join(', ')}]`])), {
      'conv1.weight': 'F32 [4, 3, 3, 2]', 'conv1.bias': 'F32 [4]',
      'bn1.weight': 'F32 [4]', 'bn1.bias': 'F32 [4]', 'bn1.running_mean': 'F32 [4]', 'bn1.running_var': 'F32 [4]',
      'head.weight': 'F32 [5, 100]',
    });
    const stored = model.parameters!.head.W;
    assert.deepEqual(stored.shape, [100, 5], 'the file keeps Linear\'s W as [in, out]');
    const text = new TextDecoder().decode(script.bytes);
    assert.match(text, /\('conv1', nn\.Conv2d\(3, 4, \(3, 2\), stride=\(1, 1\), padding=\(0, 0\), bias=True\)\),/);
    assert.match(text, /\('head', nn\.Linear\(100, 5, bias=False\)\),/);
    assert.match(text, /class BatchNorm\(nn\.Module\):/, 'the BatchNorm written out, once');
  });

  it('fails, naming the layer, where a layer type has no PyTorch form', () => {
    const model: NnJsonModel = trainedModel(onFeatures('GELU', { type: 'GELU', id: 'gelu1' }), new Random(3));
    const descriptor = layerDescriptor('GELU');
    const form = descriptor.pytorch;
    delete descriptor.pytorch;
    try {
      assert.throws(() => pytorchFiles(model, { ...OPTIONS, baseName: 'gelu' }), (error: Error) => error instanceof ExportError
        && error.message === 'layer gelu1 (GELU) has no PyTorch form, so the model cannot be exported to PyTorch: remove or replace the layer ' +
          '(a layer type gains one in its descriptor, docs/adding-a-layer.md)');
    } finally {
      descriptor.pytorch = form;
    }
  });
});
