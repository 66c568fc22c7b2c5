/**
 * The optimizers, each described once: its settings with their ranges and defaults (the nnjson-v1 contract), its
 * update rule and a one-line explanation, and the weight-decay settings every optimizer takes. The validator, the schema, the model panel, the summaries and the
 * engine's optimizer classes (for their defaults) read them here. Data only: the engine imports it, so it imports
 * nothing from the engine. Browser-safe.
 */
import type { CompleteValues, NumberSetting, RuleDescriptor, Settings, StatedValues } from './settings';

/** An optimizer: its `formula` is the update rule of each parameter w with gradient g. */
export interface OptimizerDescriptor<T extends string = string, S extends Settings = Settings> extends RuleDescriptor<T, S> {
  readonly aliases?: readonly string[];
  /** The rule in PyTorch, for the exported script (src/export/pytorch/). */
  readonly pytorch: PytorchOptimizerForm;
}

/** An optimizer in the PyTorch export: torch.optim's class where it computes the same rule, else the rule written out. */
export interface PytorchOptimizerForm {
  /**
   * torch.optim's optimizer on `parameters`, as a Python call, where it computes this rule with this weight decay
   * (`settings` complete, by name); undefined where it does not.
   */
  torch?(settings: Readonly<Record<string, number>>, decay: WeightDecayValues): string | undefined;
  /** Why the script writes the rule out rather than take torch.optim's (said in its docstring). */
  readonly why: string;
  /**
   * The update of one parameter `w` from its gradient `g` (weight decay applied), as Python lines (in place, under
   * no_grad) over `state` (the parameter's buffers), `lr`, `t` (the steps so far, from 1) and the settings by name.
   */
  readonly update: string;
}

const ADAPTIVE_MOMENTS_PYTHON = `m = state.setdefault('m', torch.zeros_like(w))
v = state.setdefault('v', torch.zeros_like(w))
m.mul_(beta1).add_(g, alpha=1 - beta1)
v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
mhat = m / (1 - beta1 ** t)
denominator = torch.sqrt(v / (1 - beta2 ** t)) + eps`;

function defineOptimizer<const T extends string, const S extends Settings>(descriptor: OptimizerDescriptor<T, S>): OptimizerDescriptor<T, S> {
  return descriptor;
}

// settings several optimizers share; each optimizer lists the ones it uses
const LR = {
  kind: 'number', label: 'Learning rate', description: 'the learning rate, the size of each step',
  min: 0, minExclusive: true, default: 1e-3, step: 0.0001,
} as const satisfies NumberSetting;
const DECAY = { kind: 'number', min: 0, max: 1, maxExclusive: true } as const;
const EPS = {
  kind: 'number', label: 'Epsilon', description: 'the small constant that avoids division by zero',
  min: 0, minExclusive: true, default: 1e-8, step: 1e-8,
} as const satisfies NumberSetting;
const BETA1 = { ...DECAY, label: 'Beta 1', description: 'the decay of the average of gradients (the first moment)', default: 0.9, step: 0.01 } as const satisfies NumberSetting;
const BETA2 = { ...DECAY, label: 'Beta 2', description: 'the decay of the average of squared gradients (the second moment)', default: 0.999, step: 0.001 } as const satisfies NumberSetting;

export const OPTIMIZER_DESCRIPTORS = [
  defineOptimizer({
    type: 'SGD',
    explanation: 'Plain gradient descent.',
    formula: 'w ← w − lr·g',
    settings: { lr: LR },
    pytorch: {
      torch: (settings, decay) => (decay.decoupledWeightDecay && decay.weightDecay !== 0 ? undefined
        : `torch.optim.SGD(parameters, lr=${settings.lr}, weight_decay=${decay.weightDecay})`),
      why: 'torch.optim.SGD has no decoupled weight decay (w ← w − lr·λ·w before the step).',
      update: 'w.add_(g, alpha=-lr)',
    },
  }),
  defineOptimizer({
    type: 'Momentum',
    explanation: 'Gradient descent with momentum.',
    formula: 'u ← momentum·u + lr·g;  w ← w − u',
    settings: {
      lr: LR,
      momentum: { ...DECAY, label: 'Momentum', description: 'the share of the previous update kept (the decay of the velocity)', default: 0.9, step: 0.01 },
    },
    pytorch: {
      why: 'torch.optim.SGD(momentum=) keeps u ← momentum·u + g and steps w ← w − lr·u: the same while lr is fixed, not once a schedule changes it.',
      update: `u = state.setdefault('u', torch.zeros_like(w))
u.mul_(momentum).add_(g, alpha=lr)
w.sub_(u)`,
    },
  }),
  defineOptimizer({
    type: 'RMSProp',
    explanation: 'Gradient descent scaled by a running average of squared gradients.',
    formula: 's ← β·s + (1−β)·g²;  w ← w − lr·g / √(s + ε)',
    settings: {
      lr: LR,
      beta: { ...DECAY, label: 'Beta (decay)', description: 'the decay of the average of squared gradients', default: 0.9, step: 0.01 },
      eps: EPS,
    },
    pytorch: {
      why: 'torch.optim.RMSprop adds eps outside the square root, g / (√s + ε); NN Builder adds it inside, g / √(s + ε).',
      update: `s = state.setdefault('s', torch.zeros_like(w))
s.mul_(beta).addcmul_(g, g, value=1 - beta)
w.sub_(lr * g / torch.sqrt(s + eps))`,
    },
  }),
  defineOptimizer({
    type: 'Adam',
    explanation: 'Adaptive moments: running averages of gradients and squared gradients, bias-corrected.',
    formula: 'm ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²;  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ);  w ← w − lr·m̂ / (√v̂ + ε)',
    settings: { lr: LR, beta1: BETA1, beta2: BETA2, eps: EPS },
    pytorch: {
      // torch's Adam takes coupled weight decay into the gradient, its AdamW the decoupled one, as NN Builder does
      torch: (settings, decay) => `torch.optim.${decay.decoupledWeightDecay ? 'AdamW' : 'Adam'}(parameters, lr=${settings.lr}, ` +
        `betas=(${settings.beta1}, ${settings.beta2}), eps=${settings.eps}, weight_decay=${decay.weightDecay})`,
      why: 'torch.optim.Adam and AdamW compute this rule.',
      update: `${ADAPTIVE_MOMENTS_PYTHON}
w.sub_(lr * mhat / denominator)`,
    },
  }),
  defineOptimizer({
    type: 'Nadam',
    explanation: 'Adam with Nesterov momentum.',
    formula: 'as Adam, then w ← w − lr·(β₁·m̂ + (1−β₁)·g/(1−β₁ᵗ)) / (√v̂ + ε)',
    settings: { lr: LR, beta1: BETA1, beta2: BETA2, eps: EPS },
    pytorch: {
      why: 'torch.optim.NAdam multiplies β₁ by a momentum schedule (momentum_decay) that NN Builder\'s Nadam does not have.',
      update: `${ADAPTIVE_MOMENTS_PYTHON}
w.sub_(lr * (beta1 * mhat + (1 - beta1) * g / (1 - beta1 ** t)) / denominator)`,
    },
  }),
] as const;

/**
 * The settings every optimizer takes besides its rule's, as torch.optim's `weight_decay` and AdamW: the weight
 * decay acts before the rule, on the gradient (coupled) or on the weights (decoupled).
 */
export const WEIGHT_DECAY_SETTINGS = {
  weightDecay: {
    kind: 'number', label: 'Weight decay', description: 'the weight decay λ, which pulls every parameter towards 0 (L2 regularisation)',
    min: 0, default: 0, step: 0.0001, formula: 'before the rule: g ← g + λ·w',
  },
  decoupledWeightDecay: {
    kind: 'boolean', label: 'Decoupled weight decay (AdamW)', description: 'whether the weight decay shrinks the weights apart from the rule, as AdamW does, instead of adding to the gradient',
    default: false, formula: 'before the rule, instead: w ← w − lr·λ·w',
  },
} as const satisfies Settings;

export type WeightDecayValues = CompleteValues<typeof WEIGHT_DECAY_SETTINGS>;
export const WEIGHT_DECAY_DEFAULTS: WeightDecayValues = { weightDecay: WEIGHT_DECAY_SETTINGS.weightDecay.default, decoupledWeightDecay: WEIGHT_DECAY_SETTINGS.decoupledWeightDecay.default };

type AnyOptimizerDescriptor = (typeof OPTIMIZER_DESCRIPTORS)[number];
export type OptimizerType = AnyOptimizerDescriptor['type'];
/** Every setting name any optimizer uses. */
type OptimizerSettingKey = AnyOptimizerDescriptor extends infer D ? D extends OptimizerDescriptor<string, infer S> ? keyof S & string : never : never;

/** The file's `optimizer`: a type and the settings it states (one another type uses is reported as unused). */
export type OptimizerSpec = { type: OptimizerType } & { [K in OptimizerSettingKey]?: number } & StatedValues<typeof WEIGHT_DECAY_SETTINGS>;

/** Each optimizer's settings with their defaults, e.g. `OPTIMIZER_DEFAULTS.Adam.beta1`. */
export type OptimizerDefaults = { [D in AnyOptimizerDescriptor as D['type']]: CompleteValues<D['settings']> };

export const OPTIMIZER_TYPES: readonly OptimizerType[] = OPTIMIZER_DESCRIPTORS.map((descriptor) => descriptor.type);

export const OPTIMIZER_DEFAULTS = Object.fromEntries(OPTIMIZER_DESCRIPTORS.map((descriptor) => [
  descriptor.type,
  Object.fromEntries(Object.entries(descriptor.settings as Settings).map(([key, setting]) => [key, setting.default])),
])) as OptimizerDefaults;

export function isOptimizerType(value: unknown): value is OptimizerType {
  return typeof value === 'string' && (OPTIMIZER_TYPES as readonly string[]).includes(value);
}

/** The descriptor of an optimizer type, for the code that works over every type. */
export function optimizerDescriptor(type: OptimizerType): OptimizerDescriptor {
  return OPTIMIZER_DESCRIPTORS.find((descriptor) => descriptor.type === type)!;
}
