/** Whether a model imported from ONNX is the model that was exported: for the import's unit and CLI tests. */
import * as assert from 'node:assert/strict';
import type { NnJsonModel } from '../../src/shared/nnjson';

/** The stored tensors as their exact bytes, by layer and name. */
function tensorBytes(model: NnJsonModel): Record<string, string> {
  const bytes: Record<string, string> = {};
  for (const [layer, tensors] of Object.entries(model.parameters ?? {})) {
    for (const [name, tensor] of Object.entries(tensors)) bytes[`${layer}.${name}`] = `${tensor.shape.join('x')}:${tensor.data}`;
  }
  return bytes;
}

const float32 = (values: readonly number[] | undefined) => values?.map(Math.fround);

/**
 * The same layers and settings, bitwise-equal tensors, the same input, name, description, loss, optimizer, training
 * and data settings, and the fitted preprocessing as float32 (the precision the graph holds it in).
 */
export function assertSameModel(imported: NnJsonModel, original: NnJsonModel): void {
  assert.deepEqual(imported.layers, original.layers, 'the same layers and settings');
  assert.deepEqual(tensorBytes(imported), tensorBytes(original), 'bitwise-equal tensors');
  assert.deepEqual(imported.input, original.input);
  assert.deepEqual([imported.name, imported.description, imported.loss, imported.optimizer, imported.training],
    [original.name, original.description, original.loss, original.optimizer, original.training]);
  const { fitted: importedFit, ...importedData } = imported.data ?? {};
  const { fitted: originalFit, ...originalData } = original.data ?? {};
  assert.deepEqual(importedData, originalData);
  assert.deepEqual([importedFit?.featureOffset, importedFit?.featureScale, importedFit?.targetOffset, importedFit?.targetScale],
    [originalFit?.featureOffset, originalFit?.featureScale, originalFit?.targetOffset, originalFit?.targetScale].map(float32));
}
