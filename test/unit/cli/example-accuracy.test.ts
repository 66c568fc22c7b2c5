/**
 * The digits examples reach the accuracy examples/README.md states for them, trained as a user would: 351 of the 359
 * held-out images (97.8%) for the MLP, 354 (98.6%) for the CNN.
 */
import * as assert from 'node:assert/strict';
import { runCli, withExamplesCopy } from './cli-helpers';

describe('the digits examples, trained with nnjson train', function () {
  const examples = withExamplesCopy(this);

  for (const { file, atLeast } of [{ file: 'digits.nnjson', atLeast: 0.975 }, { file: 'digits-cnn.nnjson', atLeast: 0.985 }]) {
    it(`${file} reaches ${(100 * atLeast).toFixed(1)}% validation accuracy`, async () => {
      const result = await runCli(['train', file, '--json'], examples.dir);
      assert.equal(result.code, 0, result.stderr);
      const epochs = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { valAccuracy: number });
      const last = epochs[epochs.length - 1].valAccuracy;
      assert.ok(last >= atLeast, `validation accuracy ${last}`);
    });
  }
});
