import * as assert from 'node:assert/strict';
import { runEpochText, runFraction } from '../../../src/shared/run-progress';

describe('run progress text', () => {
  it('counts epochs per run, with the total when the run continues a history', () => {
    assert.equal(runEpochText({ startEpoch: 0, epochs: 100 }, 92), 'epoch 92 of 100');
    assert.equal(runEpochText({ startEpoch: 1000, epochs: 100 }, 1092), 'epoch 92 of 100 in this run (1,092 in total)');
    assert.equal(runEpochText({ startEpoch: 3092, epochs: 4000 }, 4184), 'epoch 1,092 of 4,000 in this run (4,184 in total)');
  });

  it('measures how much of this run is done, not of the whole history', () => {
    const run = { startEpoch: 1000, epochs: 100 };
    assert.equal(runFraction(run, 1001, 0, 10), 0, 'a continued run starts at 0, not at 91%');
    assert.equal(runFraction(run, 1001, 5, 10), 0.005);
    assert.equal(runFraction(run, 1100, 10, 10), 1);
  });
});
