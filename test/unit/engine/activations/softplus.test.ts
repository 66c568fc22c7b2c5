import * as assert from 'node:assert/strict';
import { Softplus } from '../../../../src/engine/layers/softplus';
import { describeActivation } from './describe-activation';

describeActivation({
  type: 'Softplus',
  fixture: 'softplus',
  create: ({ beta, threshold }) => new Softplus(beta, threshold),
  // above βx = threshold the output is x itself: a jump of ln(1 + e^-threshold) / β
  kinks: ({ beta = Softplus.defaults.beta, threshold = Softplus.defaults.threshold }) => [threshold / beta],
});

describe('Softplus settings', () => {
  it('beta defaults to 1 and threshold to 20; beta must be positive and threshold finite', () => {
    const softplus = new Softplus();
    assert.deepEqual([softplus.beta, softplus.threshold], [1, 20]);
    assert.throws(() => new Softplus(0), /Softplus beta must be a positive number, got 0/);
    assert.throws(() => new Softplus(1, Infinity), /Softplus threshold must be a finite number, got Infinity/);
  });
});
