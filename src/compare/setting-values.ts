/**
 * A model's settings read generically, as paths to plain values (`optimizer.lr`, `training.lrSchedule.gamma`), so a
 * setting added to the format shows in a comparison and in `nnjson textconv` without a change here. Browser-safe.
 */
import { optimizerDescriptor, isOptimizerType } from '../registry/optimizers';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../shared/nnjson';

/** The sections of a model that hold its settings (the layers and the trained results are compared apart). */
export const SETTING_SECTIONS = ['loss', 'optimizer', 'training', 'data'] as const;

/** What training wrote, not a setting: a comparison leaves it out, the text form shows it. */
const TRAINING_OUTPUT_PATHS = new Set(['data.fitted']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf under `value` as path → value: objects are walked, lists and plain values are leaves. */
export function flattenValues(value: unknown, prefix: string, into = new Map<string, unknown>(), skip: ReadonlySet<string> = new Set()): Map<string, unknown> {
  if (skip.has(prefix)) return into;
  if (!isPlainObject(value)) {
    into.set(prefix, value);
    return into;
  }
  for (const [key, child] of Object.entries(value)) flattenValues(child, prefix ? `${prefix}.${key}` : key, into, skip);
  return into;
}

/** The settings the file states, in section order: `loss.type`, `optimizer.lr`, ...; `withFitted` adds `data.fitted.*`. */
export function statedSettings(model: NnJsonModel, withFitted = false): Map<string, unknown> {
  const settings = new Map<string, unknown>();
  const record = model as unknown as Record<string, unknown>;
  for (const section of SETTING_SECTIONS) {
    if (record[section] !== undefined) flattenValues(record[section], section, settings, withFitted ? new Set() : TRAINING_OUTPUT_PATHS);
  }
  return settings;
}

/** The value a setting takes when the file leaves it out, where the format gives one (`training.epochs` is 20). */
export function settingDefault(model: NnJsonModel, path: string): unknown {
  const [section, key, ...rest] = path.split('.');
  if (rest.length > 0 || key === undefined) return undefined;
  if (section === 'training') return (TRAINING_DEFAULTS as Record<string, unknown>)[key];
  if (section === 'optimizer' && isOptimizerType(model.optimizer.type)) {
    return optimizerDescriptor(model.optimizer.type).settings[key]?.default;
  }
  return undefined;
}

/** A value as a comparison or the text form writes it: numbers and switches plain, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'not set';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'not finite';
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
