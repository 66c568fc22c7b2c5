/**
 * Early stopping end to end, on a run that overfits (overfitting-model.ts). The run
 * stops `patience` epochs after its best epoch, the file says so in its history and trainingStatus, and with
 * restoreBest the weights written are the best epoch's: evaluated on the held-out rows they give that epoch's loss.
 */
import * as assert from 'node:assert/strict';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { evaluateModel } from '../../../src/training/evaluate-model';
import { runTraining } from '../../../src/training/run-training';
import { overfittingModel, OVERFITTING_EPOCHS } from './overfitting-model';

const PATIENCE = 10;

/** The validation loss of the written model, computed again from its parameters on the rows its run held out. */
async function heldOutLoss(model: NnJsonModel): Promise<number> {
  return (await evaluateModel({ model, modelDir: process.cwd(), rows: 'validation' })).loss;
}

function assertClose(actual: number, expected: number, what: string): void {
  // the history keeps 6 significant digits
  assert.ok(Math.abs(actual - expected) <= 1e-5 * Math.abs(expected), `${what}: ${actual}, expected ${expected}`);
}

describe('early stopping on a run that overfits', function () {
  this.timeout(60000);

  it('stops patience epochs after the best epoch, says so, and writes the best epoch\'s weights', async () => {
    const result = await runTraining({ model: overfittingModel({ monitor: 'validationLoss', patience: PATIENCE, restoreBest: true }), modelDir: process.cwd() });
    const stop = result.outcome.status === 'completed' ? result.outcome.earlyStop : undefined;
    assert.ok(stop, `early stopping ended the run: ${JSON.stringify(result.outcome)}`);
    const history = result.model.history!;
    assert.ok(stop.epoch < OVERFITTING_EPOCHS, 'well before the planned epochs');
    assert.equal(history.length, stop.epoch);
    assert.equal(stop.epoch - stop.bestEpoch, PATIENCE);
    assert.ok(stop.bestEpoch > 1, 'the validation loss fell first');
    const valLoss = history.map((record) => record.valLoss!);
    const best = valLoss[stop.bestEpoch - 1];
    assert.equal(Math.min(...valLoss), best, 'the best epoch has the lowest validation loss');
    assert.ok(valLoss[valLoss.length - 1] > best * 1.2, 'and the run overfitted after it');
    assert.ok(history[history.length - 1].loss < history[stop.bestEpoch - 1].loss, 'while the training loss kept falling');

    assert.equal(result.model.trainingStatus, `stopped early at epoch ${stop.epoch}, best epoch ${stop.bestEpoch}`);
    assert.equal(history[history.length - 1].bestEpoch, stop.bestEpoch);
    assert.ok(history.slice(0, -1).every((record) => record.bestEpoch === undefined), 'only the last record names the best epoch');
    assertClose(await heldOutLoss(result.model), best, 'the written weights\' validation loss');

    // the file says it in its text, and reads back without a diagnostic
    const text = writeModel(result.model);
    assert.match(text, new RegExp(`"trainingStatus": "stopped early at epoch ${stop.epoch}, best epoch ${stop.bestEpoch}"`));
    assert.match(text, new RegExp(`"epoch": ${stop.epoch}, .*"bestEpoch": ${stop.bestEpoch} }`));
    assert.deepEqual(readModel(text).diagnostics, []);
  });

  it('without restoreBest writes the last epoch\'s weights; a larger minDelta stops sooner', async () => {
    const last = await runTraining({ model: overfittingModel({ patience: PATIENCE, restoreBest: false }), modelDir: process.cwd() });
    const history = last.model.history!;
    assertClose(await heldOutLoss(last.model), history[history.length - 1].valLoss!, 'the written weights\' validation loss');

    const strict = await runTraining({ model: overfittingModel({ patience: PATIENCE, minDelta: 0.07 }), modelDir: process.cwd() });
    const stop = strict.outcome.status === 'completed' ? strict.outcome.earlyStop : undefined;
    assert.ok(stop && stop.epoch < history.length, 'improvements under minDelta do not count');
  });

  it('watches the validation accuracy when asked to (higher is better)', async () => {
    const result = await runTraining({ model: overfittingModel({ monitor: 'validationAccuracy', patience: 5 }), modelDir: process.cwd() });
    const stop = result.outcome.status === 'completed' ? result.outcome.earlyStop : undefined;
    assert.ok(stop);
    const accuracy = result.history.map((record) => record.valAccuracy!);
    assert.equal(Math.max(...accuracy), accuracy[stop.bestEpoch - 1]);
    assert.ok(accuracy.slice(stop.bestEpoch).every((value) => value <= accuracy[stop.bestEpoch - 1]));
  });

  it('refuses to start without validation rows, naming the fix', async () => {
    await assert.rejects(
      runTraining({ model: overfittingModel({ patience: 3 }, 0), modelDir: process.cwd() }),
      /training\.earlyStopping watches the validation figures, but this run holds no rows out: set training\.validationSplit above 0/,
    );
  });
});
