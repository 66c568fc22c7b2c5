/**
 * The training controls of `training`, each described once with its rule: the learning-rate schedules (stepped once
 * per epoch, e counted from 0 in each run), their warm-up, gradient clipping and early stopping. The validator, the
 * schema, the model panel and the engine read them here. Data only. Browser-safe.
 */
import type { AnySettings, ChoiceSetting, NumberSetting, RuleDescriptor, StatedValues } from './settings';

/** A schedule: its `formula` is the learning rate of epoch e (from 0) of E, from the optimizer's lr₀. */
export interface ScheduleDescriptor<T extends string = string, S extends AnySettings = AnySettings> extends RuleDescriptor<T, S> {
  /** The schedule menu's entry. */
  readonly label: string;
  /** Its formula as a Python expression of lr0, e (after the warm-up), E (the epochs after it) and the settings by name. */
  readonly pytorch: string;
}

function defineSchedule<const T extends string, const S extends AnySettings>(descriptor: ScheduleDescriptor<T, S>): ScheduleDescriptor<T, S> {
  return descriptor;
}

/** Every schedule takes it; the schedule's own formula then runs on e − w. */
const WARMUP_EPOCHS = {
  kind: 'integer', label: 'Warm-up epochs', description: 'the epochs at the start whose learning rate rises in equal steps to lr₀',
  min: 0, default: 0, formula: 'lr = lr₀·(e+1)/w while e < w, then the schedule on e − w',
} as const satisfies NumberSetting;

const GAMMA = { kind: 'number', label: 'Gamma', description: 'the factor γ of each decay', min: 0, minExclusive: true, max: 1, step: 0.01 } as const;

export const LR_SCHEDULE_DESCRIPTORS = [
  defineSchedule({
    type: 'step',
    label: 'Step',
    explanation: 'Multiplies the learning rate by γ every k epochs, as torch\'s StepLR.',
    formula: 'lr = lr₀·γ^⌊e/k⌋',
    pytorch: 'lr0 * gamma ** (e // stepSize)',
    settings: {
      stepSize: { kind: 'integer', label: 'Step size (epochs)', description: 'the epochs k between two decays', min: 1, required: true, whenAdded: 10 },
      gamma: { ...GAMMA, default: 0.1 },
      warmupEpochs: WARMUP_EPOCHS,
    },
  }),
  defineSchedule({
    type: 'exponential',
    label: 'Exponential',
    explanation: 'Multiplies the learning rate by γ every epoch, as torch\'s ExponentialLR.',
    formula: 'lr = lr₀·γ^e',
    pytorch: 'lr0 * gamma ** e',
    settings: {
      gamma: { ...GAMMA, default: 0.95 },
      warmupEpochs: WARMUP_EPOCHS,
    },
  }),
  defineSchedule({
    type: 'cosine',
    label: 'Cosine',
    explanation: 'Lowers the learning rate along half a cosine from lr₀ to m over the E epochs of the run (after the warm-up), as torch\'s CosineAnnealingLR with T_max = E.',
    formula: 'lr = m + (lr₀ − m)·(1 + cos(π·e/E))/2',
    pytorch: 'lrMin + (lr0 - lrMin) * (1 + math.cos(math.pi * e / E)) / 2',
    settings: {
      lrMin: { kind: 'number', label: 'Lowest learning rate', description: 'the learning rate m the schedule ends at', min: 0, default: 0, step: 0.0001 },
      warmupEpochs: WARMUP_EPOCHS,
    },
  }),
] as const;

type AnyScheduleDescriptor = (typeof LR_SCHEDULE_DESCRIPTORS)[number];
export type LrScheduleType = AnyScheduleDescriptor['type'];
export const LR_SCHEDULE_TYPES: readonly LrScheduleType[] = LR_SCHEDULE_DESCRIPTORS.map((descriptor) => descriptor.type);

/** `training.lrSchedule` as the file states it. */
export type LrScheduleSpec = { [D in AnyScheduleDescriptor as D['type']]: { type: D['type'] } & StatedValues<D['settings']> }[LrScheduleType];

export function isLrScheduleType(value: unknown): value is LrScheduleType {
  return typeof value === 'string' && (LR_SCHEDULE_TYPES as readonly string[]).includes(value);
}

export function lrScheduleDescriptor(type: LrScheduleType): ScheduleDescriptor {
  return LR_SCHEDULE_DESCRIPTORS.find((descriptor) => descriptor.type === type)!;
}

/** `training.clipGradNorm`. */
export const CLIP_GRAD_NORM = {
  kind: 'number', label: 'Clip gradient norm', description: 'the largest norm c the gradients of all parameters together may have before each update',
  min: 0, minExclusive: true, step: 0.1,
  formula: 'g ← g·min(1, c/(‖g‖ + 10⁻⁶)), ‖g‖ over all parameters',
} as const satisfies NumberSetting;

export type EarlyStoppingMonitor = 'validationLoss' | 'validationAccuracy';

const MONITOR: ChoiceSetting<EarlyStoppingMonitor> = {
  kind: 'choice', label: 'Watch', description: 'the validation figure that must keep improving',
  choices: [{ value: 'validationLoss', label: 'Validation loss (lower is better)' }, { value: 'validationAccuracy', label: 'Validation accuracy (higher is better)' }],
  default: 'validationLoss',
};

/** `training.earlyStopping`'s settings. */
export const EARLY_STOPPING_SETTINGS = {
  monitor: MONITOR,
  patience: { kind: 'integer', label: 'Patience (epochs)', description: 'the epochs p without an improvement after which training stops', min: 1, default: 5 },
  minDelta: { kind: 'number', label: 'Smallest improvement', description: 'the change d a figure must beat to count as an improvement', min: 0, default: 0, step: 0.001 },
  restoreBest: { kind: 'boolean', label: 'Keep the best epoch\'s weights', description: 'whether the weights written are those of the best epoch rather than the last one', default: true },
} as const satisfies AnySettings;

export const EARLY_STOPPING_FORMULA = 'stop after p epochs in a row without an improvement larger than d on the best epoch so far';
export const EARLY_STOPPING_EXPLANATION = 'Ends training once the validation figure stops improving, as Keras\'s EarlyStopping.';

export type EarlyStoppingSpec = StatedValues<typeof EARLY_STOPPING_SETTINGS>;
