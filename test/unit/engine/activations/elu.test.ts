import * as assert from 'node:assert/strict';
import { ELU } from '../../../../src/engine/layers/elu';
import { describeActivation } from './describe-activation';

describeActivation({
  type: 'ELU',
  fixture: 'elu',
  create: ({ alpha }) => new ELU(alpha),
  // with alpha other than 1 the derivative jumps at 0, from alpha to 1
  kinks: () => [0],
});

describe('ELU settings', () => {
  it('alpha defaults to 1 and must be finite', () => {
    assert.equal(new ELU().alpha, 1);
    assert.throws(() => new ELU(Number.NaN), /ELU alpha must be a finite number, got NaN/);
  });
});
