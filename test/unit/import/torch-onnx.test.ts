/**
 * Importing the ONNX files `torch.onnx.export` wrote (test/fixtures/onnx/, made by scripts/reference/onnx-import.py):
 * an MLP (Gemm with transB, SiLU as x·Sigmoid(x), Softmax) and a LeNet (Conv, MaxPool, AveragePool, Flatten) become
 * models whose engine forward equals onnxruntime's on the same file within 1e-5 (relative to the largest output).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { predict, Tensor } from '../../../src/engine/index';
import { Random } from '../../../src/engine/random';
import { onnxToNnjson } from '../../../src/import/onnx/to-nnjson';
import { buildNetwork } from '../../../src/model/bridge';
import { inputShape } from '../../../src/model/layer-widths';
import { shapeSize } from '../../../src/model/tensor-codec';
import { ONNX_TOLERANCE, relativeDifference, runOnnx } from '../../shared/onnx-runtime';

const FIXTURES = 'test/fixtures/onnx';

const CASES = [
  { file: 'torch-mlp.onnx', layers: ['Linear', 'ReLU', 'Linear', 'SiLU', 'Linear', 'SoftMax'], loss: 'CrossEntropy' },
  { file: 'torch-lenet.onnx', layers: ['Conv2D', 'ReLU', 'MaxPool2D', 'Conv2D', 'Tanh', 'AvgPool2D', 'Flatten', 'Linear', 'ReLU', 'Linear'], loss: 'MSE' },
];

describe('ONNX import of PyTorch\'s files', function () {
  this.timeout(30_000);
  for (const { file, layers, loss } of CASES) {
    it(`${file}: the layers PyTorch had, and onnxruntime's outputs`, async () => {
      const bytes = readFileSync(`${FIXTURES}/${file}`);
      const model = onnxToNnjson(bytes);
      assert.deepEqual(model.layers.map((layer) => layer.type), layers);
      assert.equal(model.loss.type, loss);
      const shape = inputShape(model.input);
      const rows = 6;
      const rng = new Random(3);
      const x = new Tensor(rows, shapeSize(shape));
      for (let i = 0; i < x.size; i++) x.data[i] = rng.uniform(-2, 2);
      const expected = await runOnnx(bytes, x.data, rows, shape);
      const difference = relativeDifference(predict(buildNetwork(model), x).data, expected);
      assert.ok(difference <= ONNX_TOLERANCE, `relative difference ${difference}`);
    });
  }
});
