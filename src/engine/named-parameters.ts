import { BatchNorm } from './layers/batch-norm';
import { Linear } from './layers/linear';
import type { Module } from './module';
import type { Tensor } from './tensor';

/**
 * A layer's tensors under their model-file names, for saving and loading: Linear {W [in,out], b [1,out]}
 * (no b without bias), BatchNorm {gamma, beta, runningMean, runningVar} (each [1,features]); other layers {}.
 * The tensors are the live ones: writing into their `data` changes the layer.
 */
export function namedParameters(module: Module): Record<string, Tensor> {
  if (module instanceof Linear) {
    return module.bias ? { W: module.weight, b: module.bias } : { W: module.weight };
  }
  if (module instanceof BatchNorm) {
    return { gamma: module.gamma, beta: module.beta, runningMean: module.runningMean, runningVar: module.runningVar };
  }
  return {};
}
