/** The losses a model can minimise, each described once: the loss menu, the schema and the engine read them here. Browser-safe. */
import type { Criterion } from '../engine/criteria/criterion';
import { CROSS_ENTROPY_EPSILON, CrossEntropy } from '../engine/criteria/cross-entropy';
import { MSE } from '../engine/criteria/mse';

export interface LossDescriptor<T extends string = string> {
  /** As written in the file's `"loss": { "type" }`. */
  readonly type: T;
  /** Names other frameworks use for it, in lower case without separators, for "did you mean". */
  readonly aliases?: readonly string[];
  /** The loss menu's entry. */
  readonly label: string;
  /** One line: what it measures and what it is for. */
  readonly explanation: string;
  /** Its maths in one line, over a batch of N outputs y and targets t. */
  readonly formula: string;
  /** The engine's criterion. */
  create(): Criterion;
  /** The loss in PyTorch, for the exported script (src/export/pytorch/). */
  readonly pytorch: {
    /** A Python expression of the batch's `output` and `target` (one-hot rows for a classifier). */
    readonly outputs: string;
    /**
     * The same on the `logits` coming into a final SoftMax, whose gradient is NN Builder's fused one (probabilities
     * minus targets), for the losses that have it.
     */
    readonly logits?: string;
    /** Why torch's own loss is not taken. */
    readonly why: string;
  };
}

function defineLoss<const T extends string>(descriptor: LossDescriptor<T>): LossDescriptor<T> {
  return descriptor;
}

export const LOSS_DESCRIPTORS = [
  defineLoss({
    type: 'MSE',
    aliases: ['mseloss', 'meansquarederror'],
    label: 'MSE (regression)',
    explanation: 'Mean squared error, for regression: the squared differences summed over the outputs, averaged over the batch.',
    formula: 'L = (1/N) Σₙ Σᵢ (yₙᵢ − tₙᵢ)²',
    create: () => new MSE(),
    pytorch: {
      outputs: '((output - target) ** 2).sum(dim=1).mean()',
      why: 'torch\'s MSELoss averages over the outputs as well; NN Builder sums them.',
    },
  }),
  defineLoss({
    type: 'CrossEntropy',
    aliases: ['crossentropyloss', 'categoricalcrossentropy'],
    label: 'CrossEntropy (classification, after SoftMax)',
    explanation: 'Cross-entropy of the class probabilities (the output of a final SoftMax) against the true classes, for classification.',
    formula: 'L = −(1/N) Σₙ Σᵢ tₙᵢ·log(yₙᵢ)',
    create: () => new CrossEntropy(),
    pytorch: {
      outputs: `-(target * output.clamp(${CROSS_ENTROPY_EPSILON}, 1 - ${CROSS_ENTROPY_EPSILON}).log()).sum(dim=1).mean()`,
      logits: '-(target * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()',
      why: 'torch\'s CrossEntropyLoss takes logits and class indices; NN Builder takes the probabilities of the final SoftMax, clipped to [1e-9, 1 − 1e-9].',
    },
  }),
] as const;

export type LossType = (typeof LOSS_DESCRIPTORS)[number]['type'];
export interface LossSpec { type: LossType }

export const LOSS_TYPES: readonly LossType[] = LOSS_DESCRIPTORS.map((descriptor) => descriptor.type);

/** The descriptor of a loss type. */
export function lossDescriptor(type: LossType): LossDescriptor {
  return LOSS_DESCRIPTORS.find((descriptor) => descriptor.type === type)!;
}
