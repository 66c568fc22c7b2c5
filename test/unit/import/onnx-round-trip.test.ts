/**
 * Importing what the ONNX export wrote gives the model back: the same layers, settings and name, bitwise-equal
 * tensors, the fitted preprocessing (float32, as the graph holds it) and the settings the export keeps in its
 * metadata, for every layer type's cases (test/shared/layer-cases.ts); test/unit/cli/import.test.ts does the same for the example models.
 */
import { Random } from '../../../src/engine/random';
import { onnxModelBytes } from '../../../src/export/onnx/onnx-model';
import { onnxToNnjson } from '../../../src/import/onnx/to-nnjson';
import { CASES, trainedModel } from '../../shared/layer-cases';
import { assertSameModel } from '../../shared/same-model';

describe('ONNX import of what the export wrote', () => {
  for (const layerCase of Object.values(CASES).flat()) {
    it(`${layerCase.name}: the same model with bitwise-equal tensors`, () => {
      const original = trainedModel(layerCase, new Random(5));
      assertSameModel(onnxToNnjson(onnxModelBytes(original, { producerVersion: 'test' })), original);
    });
  }
});
