import * as assert from 'node:assert/strict';
import { Adam } from '../../../src/engine/optimizers/adam';
import { Momentum } from '../../../src/engine/optimizers/momentum';
import { Nadam } from '../../../src/engine/optimizers/nadam';
import type { Optimizer } from '../../../src/engine/optimizers/optimizer';
import { RMSProp } from '../../../src/engine/optimizers/rmsprop';
import { SGD } from '../../../src/engine/optimizers/sgd';
import { Tensor } from '../../../src/engine/tensor';
import { OPTIMIZER_DEFAULTS } from '../../../src/registry/optimizers';

/**
 * Each optimizer takes three steps on w = [1, -2] with gradients [0.5, 0.25], then [-0.3, 0.1], then [0.2, -0.4],
 * lr 0.1 and the default other settings. Expected weights worked out from the seed's rules (first step shown).
 */
const GRADIENTS = [[0.5, 0.25], [-0.3, 0.1], [0.2, -0.4]];

function run(optimizer: Optimizer): number[][] {
  const w = Tensor.fromRows([[1, -2]]);
  const trace: number[][] = [];
  for (const g of GRADIENTS) {
    optimizer.step([w], [Tensor.fromRows([g])]);
    trace.push(Array.from(w.data));
  }
  return trace;
}

function assertTrace(actual: number[][], expected: number[][]): void {
  actual.forEach((row, step) =>
    row.forEach((value, i) => assert.ok(Math.abs(value - expected[step][i]) < 2e-6, `step ${step + 1}, w[${i}]: ${value} vs ${expected[step][i]}`)),
  );
}

describe('engine optimizers: first updates against hand-computed values', () => {
  it('SGD: w -= lr g  (step 1: 1 - 0.1*0.5 = 0.95)', () => {
    assertTrace(run(new SGD({ lr: 0.1 })), [[0.95, -2.025], [0.98, -2.035], [0.96, -1.995]]);
  });

  it('Momentum: u = 0.9 u + lr g; w -= u  (step 2: u = 0.045 - 0.03 = 0.015, w = 0.935)', () => {
    assertTrace(run(new Momentum({ lr: 0.1 })), [[0.95, -2.025], [0.935, -2.0575], [0.9015, -2.04675]]);
  });

  it('RMSProp: s = 0.9 s + 0.1 g²; w -= lr g / sqrt(s + eps)  (step 1: 1 - 0.05/sqrt(0.025))', () => {
    assertTrace(run(new RMSProp({ lr: 0.1 })), [
      [0.683772297, -2.316227513], [0.852803121, -2.439086444], [0.741606194, -2.169176425],
    ]);
  });

  it('Adam: bias-corrected moments, t from 1  (step 1: mhat = g, vhat = g², w = 1 - 0.1)', () => {
    assertTrace(run(new Adam({ lr: 0.1 })), [
      [0.900000002, -2.099999996], [0.880850199, -2.189857512], [0.846107431, -2.175611372],
    ]);
  });

  it('Nadam: w -= lr (b1 mhat + (1-b1) g/(1-b1^t)) / (sqrt(vhat)+eps)  (step 1: 1 - 0.1*0.95/0.5 = 0.81)', () => {
    assertTrace(run(new Nadam({ lr: 0.1 })), [
      [0.810000004, -2.189999992], [0.831064787, -2.298520223], [0.779054345, -2.232689807],
    ]);
  });

  it('t counts updates from 1', () => {
    const adam = new Adam();
    assert.equal(adam.t, 0);
    run(adam);
    assert.equal(adam.t, 3);
  });

  it('defaults are the seed\'s (OPTIMIZER_DEFAULTS)', () => {
    assert.equal(new SGD().lr, OPTIMIZER_DEFAULTS.SGD.lr);
    assert.equal(new Momentum().momentum, 0.9);
    const rmsprop = new RMSProp();
    assert.deepEqual([rmsprop.lr, rmsprop.beta, rmsprop.eps], [1e-3, 0.9, 1e-8]);
    for (const optimizer of [new Adam(), new Nadam()]) {
      assert.deepEqual([optimizer.lr, optimizer.beta1, optimizer.beta2, optimizer.eps], [1e-3, 0.9, 0.999, 1e-8]);
    }
  });

  it('state is kept per parameter tensor', () => {
    const momentum = new Momentum({ lr: 1 });
    const a = Tensor.fromRows([[0]]);
    const b = Tensor.fromRows([[0]]);
    momentum.step([a], [Tensor.fromRows([[1]])]);
    momentum.step([b], [Tensor.fromRows([[1]])]);
    assert.equal(a.data[0], -1);
    assert.equal(b.data[0], -1, 'b has its own zero velocity');
    momentum.step([a], [Tensor.fromRows([[0]])]);
    assert.ok(Math.abs(a.data[0] - -1.9) < 1e-6, 'a keeps its velocity 1');
  });

  it('invalid settings are named', () => {
    assert.throws(() => new SGD({ lr: -1 }), /SGD option "lr" must be a positive number, got -1/);
    assert.throws(() => new Adam({ beta1: 1 }), /Adam option "beta1" must be in \[0, 1\)/);
    assert.throws(() => new SGD().step([new Tensor(1, 2)], []), /1 parameters but 0 gradients/);
  });
});
