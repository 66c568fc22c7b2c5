import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensorValues } from '../../../src/model/tensor-codec';
import type { EpochRecord, NnJsonModel } from '../../../src/shared/nnjson';
import { evaluateModel } from '../../../src/training/evaluate-model';
import { runTraining } from '../../../src/training/run-training';

/** Written by scripts/reference/unshuffled-training.py (PyTorch); see there for what it computes and how. */
interface Reference {
  model: NnJsonModel;
  expected: {
    trainRows: number;
    validationRows: number;
    featureOffset: number[];
    featureScale: number[];
    history: Omit<EpochRecord, 'seconds'>[];
    parameters: Record<string, Record<string, number[]>>;
  };
}

const REFERENCE_DIR = join(process.cwd(), 'test', 'reference');
const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, 'unshuffled-training.json'), 'utf8')) as Reference;

/** float32 arithmetic in a different order (PyTorch's kernels against ours) over nine Adam steps. */
const TOLERANCE = 1e-5;

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)), `${what}: ${actual}, PyTorch ${expected}`);
}

describe('training with "shuffle": false', () => {
  it('follows the file\'s row order and holds out its last rows: the parameters equal PyTorch\'s with DataLoader(shuffle=False)', async () => {
    const { expected } = reference;
    const result = await runTraining({ model: reference.model, modelDir: REFERENCE_DIR });
    assert.equal(result.outcome.status, 'completed');
    assert.equal(result.data.batchesPerEpoch, 3, 'several batches per epoch, the last one smaller');
    assert.deepEqual([result.data.trainRows, result.data.validationRows], [expected.trainRows, expected.validationRows]);
    const fitted = result.model.data?.fitted;
    assert.deepEqual(fitted?.featureOffset, expected.featureOffset, 'normalisation fitted on the first rows');
    assert.deepEqual(fitted?.featureScale, expected.featureScale);
    assert.deepEqual(fitted?.split, { seed: 5, validationSplit: 0.2, rows: 14, shuffle: false });

    result.history.forEach((record, i) => {
      const want = expected.history[i];
      assert.equal(record.epoch, want.epoch);
      assertClose(record.loss, want.loss, `epoch ${want.epoch} loss`);
      assertClose(record.valLoss ?? NaN, want.valLoss ?? NaN, `epoch ${want.epoch} validation loss (on the last rows)`);
      assert.equal(record.accuracy, want.accuracy, `epoch ${want.epoch} accuracy`);
      assert.equal(record.valAccuracy, want.valAccuracy, `epoch ${want.epoch} validation accuracy`);
    });
    assert.equal(result.history.length, expected.history.length);

    for (const [layer, tensors] of Object.entries(expected.parameters)) {
      for (const [name, want] of Object.entries(tensors)) {
        const decoded = tensorValues(result.model.parameters![layer][name]);
        assert.ok('values' in decoded, `${layer}.${name}`);
        assert.equal(decoded.values.length, want.length);
        decoded.values.forEach((value, i) => assertClose(value, want[i], `${layer}.${name}[${i}]`));
      }
    }

    // Evaluate Model → the validation rows finds the same last rows again from the recorded split
    const report = await evaluateModel({ model: result.model, modelDir: REFERENCE_DIR, rows: 'validation' });
    assert.equal(report.rowCount, expected.validationRows);
    assertClose(report.loss, expected.history[expected.history.length - 1].valLoss ?? NaN, 'the validation rows evaluated after training');
  });
});
