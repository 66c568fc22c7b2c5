import { Tanh } from '../../../../src/engine/layers/tanh';
import { describeActivation } from './describe-activation';

describeActivation({
  type: 'Tanh',
  fixture: 'tanh',
  create: () => new Tanh(),
  // PyTorch's derivative 1 - tanh² x cancels: it is 0 once tanh x rounds to ±1 in float64 (|x| above about 19.1),
  // where the exact one is 4e^-2|x| (5e-17 at 19.5). The sweep against the TypeScript kernels checks that tail.
  referenceError: () => 2 ** -52,
});
