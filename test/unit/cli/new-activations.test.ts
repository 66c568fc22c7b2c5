/**
 * The activations added through the registry alone (one descriptor each) work where a user meets them: a model file
 * with one of them reads without a problem, `nnjson summary` shows it, and `nnjson train` learns iris with it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../../../src/model/reader';
import { runCli, withExamplesCopy } from './cli-helpers';

const ACTIVATIONS: { layer: Record<string, unknown>; summary: RegExp }[] = [
  { layer: { type: 'Tanh', id: 'tanh1' }, summary: /^2  tanh1 +Tanh +\[N, 16\]/m },
  { layer: { type: 'ELU', id: 'elu1', alpha: 0.5 }, summary: /^2  elu1 +ELU +alpha 0\.5 +\[N, 16\]/m },
  { layer: { type: 'GELU', id: 'gelu1' }, summary: /^2  gelu1 +GELU +\[N, 16\]/m },
  { layer: { type: 'SiLU', id: 'silu1' }, summary: /^2  silu1 +SiLU +\[N, 16\]/m },
  { layer: { type: 'Softplus', id: 'softplus1', beta: 2 }, summary: /^2  softplus1 +Softplus +beta 2, threshold 20 +\[N, 16\]/m },
];

describe('the activations added through the registry, in the command line', function () {
  const examples = withExamplesCopy(this);

  for (const { layer, summary } of ACTIVATIONS) {
    it(`${layer.type}: reads clean, shows in the summary, and trains iris`, async () => {
      const iris = JSON.parse(readFileSync(join(examples.dir, 'iris.nnjson'), 'utf8'));
      iris.layers[1] = layer;
      const file = `iris-${String(layer.id)}.nnjson`;
      writeFileSync(join(examples.dir, file), JSON.stringify(iris, null, 2));
      assert.deepEqual(readModel(JSON.stringify(iris)).diagnostics, []);

      const shown = await runCli(['summary', file], examples.dir);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, summary);

      const trained = await runCli(['train', file, '--json'], examples.dir);
      assert.equal(trained.code, 0, trained.stderr);
      const epochs = trained.stdout.trim().split('\n').map((line) => JSON.parse(line) as { loss: number; valAccuracy: number });
      assert.ok(epochs[epochs.length - 1].loss < epochs[0].loss / 2, `the loss went from ${epochs[0].loss} to ${epochs[epochs.length - 1].loss}`);
      assert.ok(epochs[epochs.length - 1].valAccuracy > 0.85, `validation accuracy ${epochs[epochs.length - 1].valAccuracy}`);
      const { model, diagnostics } = readModel(readFileSync(join(examples.dir, file), 'utf8'));
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(model?.layers[1], layer, 'the layer as written, its settings kept');
    });
  }
});
