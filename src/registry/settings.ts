/**
 * A setting of a layer, an optimizer or a training control, described once: its kind, range, default and one-line
 * description. The validator, the JSON schema, the builder's forms and the summaries all read settings from these
 * descriptions. Browser-safe.
 */
import type { PerAxis } from '../engine/window';

/** A range of numbers; `integer` asks for whole numbers. */
export interface NumberRange {
  readonly integer?: boolean;
  readonly min?: number;
  /** `min` itself is not allowed (eps > 0). */
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
}

export interface NumberSetting {
  readonly kind: 'integer' | 'number';
  /** The builder form's label: "Output width". */
  readonly label: string;
  /** One line in lower case, as messages quote it: "the number of output features". */
  readonly description: string;
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** The value used when the file leaves the setting out. */
  readonly default?: number;
  /** The file must state it. */
  readonly required?: boolean;
  /**
   * Left out, the setting is the size of the first dimension of the shape coming in: the width of `[features]`
   * (`Linear.in`, `BatchNorm.features`). Stated, it must equal it.
   */
  readonly followsIncomingWidth?: boolean;
  /**
   * What a layer added in the builder writes: its default, the width coming in (so the widths after it fit), or a
   * usual value for a required setting that has no default (Conv2D's 3×3 kernel).
   */
  readonly whenAdded?: 'default' | 'incomingWidth' | number;
  /** What a good value is, before its range in messages: "a probability" (whole numbers say so by themselves). */
  readonly noun?: string;
  /** A value out of range is a warning rather than an error: it still trains, but is unusual. */
  readonly soft?: boolean;
  /** The step of the form's spinner. */
  readonly step?: number;
  /** The rule it applies, in one line, where it has one of its own (weight decay: "g ← g + λ·w"). */
  readonly formula?: string;
  /**
   * A whole-number size per spatial axis (Conv2D's kernelSize): the file gives one number for both axes or an
   * [height, width] pair, each in the range. Only with kind 'integer'.
   */
  readonly perAxis?: boolean;
  /** Left out (and without a default), the setting is the value of this other setting of the layer (MaxPool2D's stride is its kernelSize). */
  readonly defaultFrom?: string;
}

/** A switch; it always has a default. */
export interface BooleanSetting {
  readonly kind: 'boolean';
  readonly label: string;
  readonly description: string;
  readonly default: boolean;
  readonly formula?: string;
}

export type Setting = NumberSetting | BooleanSetting;

/** One of a few names (early stopping's `monitor`); only the training controls have these. */
export interface ChoiceSetting<V extends string = string> {
  readonly kind: 'choice';
  readonly label: string;
  readonly description: string;
  /** Each name as the file writes it, and as the form shows it. */
  readonly choices: readonly { readonly value: V; readonly label: string }[];
  readonly default: V;
  readonly formula?: string;
}

/** A setting of any kind: layers and optimizers have the `Setting`s, the training controls choices too. */
export type AnySetting = Setting | ChoiceSetting;

/** The settings of one type, keyed by their name in the file, in the order the writer puts them. */
export type Settings = { readonly [key: string]: Setting };
export type AnySettings = { readonly [key: string]: AnySetting };

/** A kind a file names by its `type` (an optimizer, a learning-rate schedule): what it does, its rule and its settings. */
export interface RuleDescriptor<T extends string = string, S extends AnySettings = AnySettings> {
  /** As the file writes it in `"type"`. */
  readonly type: T;
  /** One line: what it does. */
  readonly explanation: string;
  /** Its rule, in one line. */
  readonly formula: string;
  /** Its settings, in the order the writer puts them (after `type`). */
  readonly settings: S;
}

/** Flattens an intersection so that hovers show one object type. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A setting's value: a per-axis setting's may be an [height, width] pair (the general NumberSetting's too). */
type ValueOf<S extends AnySetting> = S extends BooleanSetting ? boolean
  : S extends ChoiceSetting<infer V> ? V
  : S extends { readonly perAxis: true } ? PerAxis
  : S extends { readonly kind: string; readonly perAxis?: false } ? number
  : number | PerAxis;

/** The settings as a file states them: the required ones must be there, the others may be left out. */
export type StatedValues<T extends AnySettings> = Simplify<
  { -readonly [K in keyof T as T[K] extends { readonly required: true } ? K : never]: ValueOf<T[K]> } &
  { -readonly [K in keyof T as T[K] extends { readonly required: true } ? never : K]?: ValueOf<T[K]> }
>;

/**
 * The settings as the shape rules see them: a left-out setting is its default, a left-out width the width coming
 * in; a setting without a default is undefined where it is not known (left out, or not valid in the file).
 */
export type KnownValues<T extends Settings> = Simplify<{
  readonly [K in keyof T]: T[K] extends { readonly default: number | boolean } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined
}>;

/** Every setting with its value, from the file, the default or the width coming in: what the engine is built from. */
export type CompleteValues<T extends AnySettings> = Simplify<{ -readonly [K in keyof T]: ValueOf<T[K]> }>;

export function isNumberSetting(setting: AnySetting): setting is NumberSetting {
  return setting.kind === 'integer' || setting.kind === 'number';
}

/** The range of a number setting. */
export function rangeOf(setting: NumberSetting): NumberRange {
  const { min, minExclusive, max, maxExclusive } = setting;
  return { integer: setting.kind === 'integer', min, minExclusive, max, maxExclusive };
}

export function fitsRange(range: NumberRange, value: number): boolean {
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value))) return false;
  const tooLow = range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min);
  const tooHigh = range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max);
  return !tooLow && !tooHigh;
}

/**
 * What a value in `range` is, for messages: "a whole number of at least 1", "greater than 0", "at least 0 and
 * below 1", "between 0 and 1", "a whole number from 0 to 4294967295"; `noun` goes first ("a probability of ...").
 */
export function describeRange(range: NumberRange, noun?: string): string {
  const { min, max } = range;
  const inclusive = min !== undefined && max !== undefined && !range.minExclusive && !range.maxExclusive;
  const bounds = inclusive
    ? (range.integer ? `from ${min} to ${max}` : `between ${min} and ${max}`)
    : [
      min === undefined ? '' : `${range.minExclusive ? 'greater than' : 'at least'} ${min}`,
      max === undefined ? '' : `${range.maxExclusive ? 'below' : 'at most'} ${max}`,
    ].filter(Boolean).join(' and ');
  const subject = noun ?? (range.integer ? 'a whole number' : '');
  if (bounds === '') return subject || 'a finite number';
  return subject ? `${subject} ${inclusive && range.integer ? '' : 'of '}${bounds}` : bounds;
}

/** What a good value of `setting` is, for messages. */
export function settingExpectation(setting: NumberSetting): string {
  return describeRange(rangeOf(setting), setting.noun);
}

/** Whether `value` is an [height, width] pair of numbers, as a per-axis setting may be. */
export function isAxisPair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((item) => typeof item === 'number');
}

/** The key of the setting that follows the incoming width (`Linear.in`, `BatchNorm.features`), if the table has one. */
export function widthSettingKey(settings: Settings): string | undefined {
  return Object.keys(settings).find((key) => {
    const setting = settings[key];
    return isNumberSetting(setting) && setting.followsIncomingWidth === true;
  });
}

/** "The number of output features": a description as the first words of a sentence. */
export function sentence(description: string): string {
  return description.charAt(0).toUpperCase() + description.slice(1);
}

/**
 * The values `stated` gives `settings`, each one left out at its default: what the engine runs with. A required
 * setting without a default stays undefined when left out, for the caller to refuse (the validator reports it).
 */
export function withDefaults<T extends AnySettings>(settings: T, stated: object): CompleteValues<T> {
  const given: Partial<Record<string, unknown>> = stated;
  return Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, given[key] ?? setting.default])) as CompleteValues<T>;
}
