import { GELU } from '../../../../src/engine/layers/gelu';
import { describeActivation } from './describe-activation';

describeActivation({
  type: 'GELU',
  fixture: 'gelu',
  create: () => new GELU(),
  // PyTorch's 0.5 x (1 + tanh u) cancels for negative x: it is 0 once tanh u rounds to -1 in float64 (x below
  // about -7.2), where the exact GELU(-10) is -1.2e-37 (its gradient 2e-36), both still normal float32 numbers.
  // The sweep against the TypeScript kernels, which compute x σ(2u) and do not cancel, checks that tail.
  referenceError: (x) => 2 ** -52 * (1 + Math.abs(x)),
});
