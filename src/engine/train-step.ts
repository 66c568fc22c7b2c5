import { clipGradNorm } from './clip-grad-norm';
import { CrossEntropy } from './criteria/cross-entropy';
import type { Criterion } from './criteria/criterion';
import { Sequential } from './layers/sequential';
import { SoftMax } from './layers/softmax';
import type { Optimizer } from './optimizers/optimizer';
import type { Tensor } from './tensor';

export interface StepResult {
  loss: number;
  /** The network output for the batch (a reused buffer). */
  output: Tensor;
}

/**
 * One training step on one batch: forward, loss, backward, update. When the network ends in SoftMax and the
 * loss is CrossEntropy, the gradient of the logits is computed fused (see CrossEntropy.backwardFromLogits); the
 * loss value is the one of the separate modules. The first layer's input gradient is not computed (nobody
 * reads it). A non-finite loss returns before backward, leaving the parameters as they were.
 *
 * `params` and `grads` default to the model's lists; pass them to avoid rebuilding the lists every step. With
 * `maxGradNorm`, the gradients are clipped to that global norm before the update (as clip_grad_norm_ before
 * optimizer.step(), so before the weight decay).
 */
export function trainStep(
  model: Sequential, criterion: Criterion, optimizer: Optimizer, x: Tensor, y: Tensor,
  params: Tensor[] = model.parameters(), grads: Tensor[] = model.gradParameters(), maxGradNorm?: number,
): StepResult {
  const output = model.forward(x);
  const loss = criterion.forward(output, y);
  if (!Number.isFinite(loss)) return { loss, output };
  model.zeroGradParameters();
  const modules = model.modules;
  if (criterion instanceof CrossEntropy && modules.length > 0 && modules[modules.length - 1] instanceof SoftMax) {
    model.backwardThrough(modules.length - 1, x, criterion.backwardFromLogits(output, y), false);
  } else {
    model.backwardThrough(modules.length, x, criterion.backward(output, y), false);
  }
  if (maxGradNorm !== undefined) clipGradNorm(grads, maxGradNorm);
  optimizer.step(params, grads);
  return { loss, output };
}
