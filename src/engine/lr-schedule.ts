/**
 * The learning rate of each epoch under `training.lrSchedule` (src/registry/training-controls.ts has the rules):
 * e counts the run's epochs from 0, E is the run's epochs after the warm-up.
 */
import { LR_SCHEDULE_DESCRIPTORS, type LrScheduleSpec } from '../registry/training-controls';
import { withDefaults, type CompleteValues } from '../registry/settings';

type ScheduleValues = { [D in (typeof LR_SCHEDULE_DESCRIPTORS)[number] as D['type']]: { type: D['type'] } & CompleteValues<D['settings']> }[LrScheduleSpec['type']];

/** The schedule with every setting it leaves out at its default. */
function completeSchedule(spec: LrScheduleSpec): ScheduleValues {
  const descriptor = LR_SCHEDULE_DESCRIPTORS.find((candidate) => candidate.type === spec.type);
  if (descriptor === undefined) throw new RangeError(`unknown learning-rate schedule ${JSON.stringify(spec.type)}`);
  const values: Record<string, unknown> = withDefaults(descriptor.settings, spec);
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`training.lrSchedule (${spec.type}) needs a number "${key}"`);
  }
  return { ...values, type: spec.type } as ScheduleValues;
}

/** The learning rate of epoch `e` (from 0) of a run of `epochs` epochs whose optimizer's rate is `lr0`. */
export function learningRateAt(spec: LrScheduleSpec, lr0: number, e: number, epochs: number): number {
  const schedule = completeSchedule(spec);
  const warmup = schedule.warmupEpochs;
  if (e < warmup) return (lr0 * (e + 1)) / warmup;
  const after = e - warmup;
  switch (schedule.type) {
    case 'step': return lr0 * schedule.gamma ** Math.floor(after / schedule.stepSize);
    case 'exponential': return lr0 * schedule.gamma ** after;
    case 'cosine': {
      const span = Math.max(1, epochs - warmup);
      return schedule.lrMin + ((lr0 - schedule.lrMin) * (1 + Math.cos((Math.PI * after) / span))) / 2;
    }
  }
}
