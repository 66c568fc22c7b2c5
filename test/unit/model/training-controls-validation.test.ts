/**
 * The training controls in a model file: weight decay, the learning-rate schedule, gradient clipping and early
 * stopping read without a diagnostic when they are right, and each mistake gets one message at its path that says
 * what a good value is (early stopping without validation rows, a design-time error with its fix).
 */
import * as assert from 'node:assert/strict';
import { readModel } from '../../../src/model/reader';
import { planFixes } from '../../../src/extension/quick-fix-plans';
import { applyTextEdits } from '../../../src/model/edit';
import type { Diagnostic } from '../../../src/shared/diagnostics';
import { positionOf, xorWith } from './samples';

const TRAINING = '"training": { "epochs": 200, "batchSize": 4, "seed": 7 }';

/** XOR_TEXT with the optimizer's settings and the training controls given. */
function model(optimizer: string, training = ''): string {
  const text = xorWith('"lr": 0.01 }', `"lr": 0.01${optimizer} }`);
  return training === '' ? text : text.replace(TRAINING, `"training": { "epochs": 200, "batchSize": 4, "seed": 7, ${training} }`);
}

function diagnosticsOf(text: string): Diagnostic[] {
  return readModel(text).diagnostics;
}

function only(text: string): Diagnostic {
  const diagnostics = diagnosticsOf(text);
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 1));
  return diagnostics[0];
}

describe('training controls in the model file', () => {
  it('reads weight decay, every schedule, clipping and early stopping without a diagnostic', () => {
    const text = model(', "weightDecay": 0.01, "decoupledWeightDecay": true',
      '"lrSchedule": { "type": "cosine", "lrMin": 0.0001, "warmupEpochs": 5 }, "clipGradNorm": 1, ' +
      '"earlyStopping": { "monitor": "validationAccuracy", "patience": 10, "minDelta": 0.001, "restoreBest": false }');
    assert.deepEqual(diagnosticsOf(text), []);
    const { model: read } = readModel(text);
    assert.deepEqual(read?.optimizer, { type: 'Adam', lr: 0.01, weightDecay: 0.01, decoupledWeightDecay: true });
    assert.deepEqual(read?.training?.lrSchedule, { type: 'cosine', lrMin: 0.0001, warmupEpochs: 5 });
    assert.equal(read?.training?.clipGradNorm, 1);
    for (const schedule of ['{ "type": "step", "stepSize": 10, "gamma": 0.5 }', '{ "type": "exponential", "gamma": 0.9 }', '{ "type": "step", "stepSize": 3 }']) {
      assert.deepEqual(diagnosticsOf(model('', `"lrSchedule": ${schedule}`)), [], schedule);
    }
  });

  it('names the path and a good value of each out-of-range setting', () => {
    const cases: [string, string, string, RegExp][] = [
      [', "weightDecay": -0.1', '', 'optimizer.weightDecay', /optimizer\.weightDecay is -0\.1 but must be at least 0 \(for example 0\): change optimizer\.weightDecay/],
      [', "weightDecay": 0.1, "decoupledWeightDecay": "yes"', '', 'optimizer.decoupledWeightDecay', /must be true or false/],
      ['', '"lrSchedule": { "type": "step", "stepSize": 0 }', 'training.lrSchedule.stepSize', /training\.lrSchedule\.stepSize is 0 but must be a whole number of at least 1/],
      ['', '"lrSchedule": { "type": "exponential", "gamma": 1.5 }', 'training.lrSchedule.gamma', /gamma is 1\.5 but must be greater than 0 and at most 1 \(for example 0\.95\)/],
      ['', '"lrSchedule": { "type": "cosine", "warmupEpochs": 1.5 }', 'training.lrSchedule.warmupEpochs', /warmupEpochs is 1\.5 but must be a whole number of at least 0/],
      ['', '"lrSchedule": { "type": "cosine", "lrMin": -1 }', 'training.lrSchedule.lrMin', /lrMin is -1 but must be at least 0/],
      ['', '"clipGradNorm": 0', 'training.clipGradNorm', /training\.clipGradNorm is 0 but must be greater than 0/],
      ['', '"earlyStopping": { "patience": 0 }', 'training.earlyStopping.patience', /patience is 0 but must be a whole number of at least 1 \(for example 5\)/],
      ['', '"earlyStopping": { "minDelta": -0.5 }', 'training.earlyStopping.minDelta', /minDelta is -0\.5 but must be at least 0/],
      ['', '"earlyStopping": { "monitor": "validationLos" }', 'training.earlyStopping.monitor', /monitor is the text "validationLos" but must be the validation figure that must keep improving \(validationLoss or validationAccuracy\): did you mean "validationLoss"\?/],
      ['', '"lrSchedule": { "type": "cosin" }', 'training.lrSchedule.type', /training\.lrSchedule\.type "cosin" is not a schedule: did you mean "cosine"\? Set "type": "cosine"/],
    ];
    assert.match(only(model('', '"earlyStopping": { "monitor": "loss" }')).message, /must be .*: use one of "validationLoss", "validationAccuracy"/);
    for (const [optimizer, training, path, message] of cases) {
      const diagnostic = only(model(optimizer, training));
      assert.equal(diagnostic.path, path, `${optimizer}${training}`);
      assert.match(diagnostic.message, message);
    }
  });

  it('a step schedule without its step size, or a schedule without a type, says what to add', () => {
    assert.match(only(model('', '"lrSchedule": { "type": "step" }')).message, /training\.lrSchedule has no "stepSize" \(the epochs k between two decays\): add "stepSize"/);
    assert.match(only(model('', '"lrSchedule": { "gamma": 0.5 }')).message, /training\.lrSchedule has no "type": add "type" with one of "step", "exponential", "cosine"/);
  });

  it('warns about settings of another schedule, decoupling without a decay, and a warm-up as long as the run', () => {
    assert.match(only(model('', '"lrSchedule": { "type": "cosine", "stepSize": 3 }')).message, /training\.lrSchedule \(cosine\) does not use "stepSize" \(that is a step setting\): remove it/);
    const decoupled = only(model(', "decoupledWeightDecay": true'));
    assert.equal(decoupled.severity, 'warning');
    assert.match(decoupled.message, /decoupledWeightDecay has no effect while optimizer\.weightDecay is 0: set "weightDecay"/);
    const warmup = only(model('', '"lrSchedule": { "type": "step", "stepSize": 5, "warmupEpochs": 200 }'));
    assert.equal(warmup.severity, 'warning');
    assert.match(warmup.message, /warmupEpochs is 200, but a run has 200 epochs, so the step schedule never starts/);
    assert.match(only(model('', '"earlyStopping": { "patience": 5, "restoreBst": true }')).message, /training\.earlyStopping has an unknown setting "restoreBst": did you mean "restoreBest"\?/);
  });

  it('early stopping without a validation split is a design-time error at the setting, with a fix that holds rows out', () => {
    const text = model('', '"validationSplit": 0, "earlyStopping": { "patience": 5 }');
    const diagnostic = only(text);
    assert.equal(diagnostic.severity, 'error');
    assert.equal(diagnostic.code, 'needs-validation');
    assert.equal(diagnostic.path, 'training.earlyStopping');
    assert.deepEqual({ line: diagnostic.line, column: diagnostic.column }, (({ line, column }) => ({ line, column }))(positionOf(text, '"earlyStopping"')));
    assert.match(diagnostic.message, /training\.earlyStopping watches the validation figures, but training\.validationSplit is 0, so no rows are held out: set "validationSplit" to 0\.2 \(or another share above 0\), or remove earlyStopping/);
    const [fix] = planFixes(text, diagnostic);
    assert.equal(fix.title, 'Hold out 20% of the rows for validation');
    const fixed = applyTextEdits(text, fix.edits);
    assert.match(fixed, /"validationSplit": 0\.2, "earlyStopping"/);
    assert.deepEqual(diagnosticsOf(fixed), []);
  });

  it('early stopping on the validation accuracy of a regression model is an error that names the other figure', () => {
    const text = model('', '"earlyStopping": { "monitor": "validationAccuracy" }').replace('"CrossEntropy"', '"MSE"');
    const diagnostic = diagnosticsOf(text).find((found) => found.path === 'training.earlyStopping.monitor');
    assert.ok(diagnostic, JSON.stringify(diagnosticsOf(text)));
    assert.match(diagnostic.message, /an MSE model \(regression\) has no accuracy: set "monitor": "validationLoss"/);
  });

  it('reads a history with learning rates and the best epoch, and an early-stop status', () => {
    const text = xorWith('\n}\n', ',\n  "trainingStatus": "stopped early at epoch 2, best epoch 1",\n  "history": [\n    { "epoch": 1, "loss": 0.5, "lr": 0.01, "seconds": 0.1 },\n    { "epoch": 2, "loss": 0.4, "lr": 0.005, "seconds": 0.1, "bestEpoch": 1 }\n  ]\n}\n');
    assert.deepEqual(diagnosticsOf(text), []);
    assert.match(only(text.replace('"bestEpoch": 1', '"bestEpoch": 0')).message, /history\[1\]\.bestEpoch is 0 but must be a whole number of at least 1/);
  });
});
