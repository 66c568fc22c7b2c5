import { SiLU } from '../../../../src/engine/layers/silu';
import { describeActivation } from './describe-activation';

describeActivation({ type: 'SiLU', fixture: 'silu', create: () => new SiLU() });
