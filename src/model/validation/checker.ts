/** The issue collector and the typed field readers every section check uses. Browser-safe. */
import type { DiagnosticCode, DiagnosticData, DiagnosticSeverity } from '../../shared/diagnostics';
import { formatPath, type JsonObject, type JsonValue, type PathSegment } from '../json-tree';
import type { PerAxis } from '../../engine/window';
import { fitsRange, isAxisPair, rangeOf, settingExpectation, type AnySetting, type ChoiceSetting, type NumberRange, type NumberSetting, type Setting } from '../../registry/settings';
import { closestName } from '../suggest';

export interface Issue {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  segments: PathSegment[];
  message: string;
  data?: DiagnosticData;
  /** Squiggle the property key instead of the value (unknown or misspelt keys). */
  atKey?: boolean;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: JsonValue | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'a number too large for float64';
  return String(value);
}

export interface NumberRule extends NumberRange {
  /** what a good value looks like, for the message: "a whole number of at least 1" */
  expectation: string;
  /** a value to offer as the quick fix */
  fallback?: number;
  /** warning instead of error when out of range */
  soft?: boolean;
}

/** The rule of a number setting described in src/registry: its range, and its default as the fix. */
function settingRule(setting: NumberSetting): NumberRule {
  return { ...rangeOf(setting), expectation: settingExpectation(setting), fallback: setting.default, soft: setting.soft };
}

export class Checker {
  readonly issues: Issue[] = [];
  blocked = false;

  report(severity: DiagnosticSeverity, code: DiagnosticCode, segments: PathSegment[], message: string, data?: DiagnosticData, atKey?: boolean): void {
    this.issues.push({ severity, code, segments, message, ...(data ? { data } : {}), ...(atKey ? { atKey } : {}) });
  }

  /** An error that makes the document unusable as a model. */
  block(code: DiagnosticCode, segments: PathSegment[], message: string, data?: DiagnosticData): void {
    this.blocked = true;
    this.report('error', code, segments, message, data);
  }

  missing(segments: PathSegment[], what: string, fix: string, data?: DiagnosticData, ownerLabel?: string): void {
    const key = segments[segments.length - 1];
    const owner = ownerLabel ?? (formatPath(segments.slice(0, -1)) || 'the file');
    this.block('missing-field', segments, `${owner} has no "${String(key)}" (${what}): ${fix}`, data);
  }

  wrongType(segments: PathSegment[], value: JsonValue | undefined, expected: string, fix: string, label?: string): void {
    this.block('wrong-type', segments, `${label ?? formatPath(segments)} must be ${expected}, not ${describe(value)}: ${fix}`, { actual: value });
  }

  object(parent: JsonObject, key: string, segments: PathSegment[], required: boolean, what: string, fix: string): JsonObject | undefined {
    return this.field(parent, key, segments, required, what, fix, isObject, 'an object');
  }

  string(parent: JsonObject, key: string, segments: PathSegment[], required: boolean, what: string, fix: string): string | undefined {
    return this.field(parent, key, segments, required, what, fix, (value): value is string => typeof value === 'string', 'a string');
  }

  /** `parent[key]` when it is there and of the accepted kind; reports it missing (when required) or of the wrong type. */
  private field<T extends JsonValue>(
    parent: JsonObject, key: string, segments: PathSegment[], required: boolean, what: string, fix: string,
    accepts: (value: JsonValue) => value is T, kind: string,
  ): T | undefined {
    const value = parent[key];
    const path = [...segments, key];
    if (value === undefined) {
      if (required) this.missing(path, what, fix);
      return undefined;
    }
    if (!accepts(value)) {
      this.wrongType(path, value, `${kind} (${what})`, fix);
      return undefined;
    }
    return value;
  }

  boolean(parent: JsonObject, key: string, segments: PathSegment[], what: string): boolean | undefined {
    const value = parent[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.wrongType([...segments, key], value, `true or false (${what})`, `write true or false without quotes`);
      return undefined;
    }
    return value;
  }

  /** A number setting; returns it only when it is also in range. `label` names it in messages (e.g. "fc2.in"). */
  number(parent: JsonObject, key: string, segments: PathSegment[], required: boolean, rule: NumberRule, label: string, what: string): number | undefined {
    const value = parent[key];
    // the common case is a good number: build the path (for a message) only when there is something to say
    if (typeof value === 'number' && fitsRange(rule, value)) return value;
    const path = [...segments, key];
    if (value === undefined) {
      if (required) {
        const owner = label.endsWith(`.${key}`) ? label.slice(0, -key.length - 1) : undefined;
        const fix = rule.fallback !== undefined ? `add "${key}": ${rule.fallback}` : `add "${key}" with ${what}`;
        this.missing(path, what, fix, rule.fallback !== undefined ? { expected: rule.fallback } : undefined, owner);
      }
      return undefined;
    }
    if (typeof value !== 'number') {
      const numeric = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
      const fix = numeric ? `remove the quotes: "${key}": ${Number(value)}` : `set it to ${rule.expectation}`;
      this.wrongType(path, value, `a number (${what})`, fix, label);
      return undefined;
    }
    if (!Number.isFinite(value)) {
      // JSON cannot hold it (1e999 parses as Infinity), so a model with it could not be written back faithfully
      this.block('out-of-range', path, `${label} is too large to be a number (${key} overflows float64): set it to ${rule.expectation}`, { actual: null, ...(rule.fallback !== undefined ? { expected: rule.fallback } : {}) });
      return undefined;
    }
    const data: DiagnosticData = { actual: value, ...(rule.fallback !== undefined ? { expected: rule.fallback } : {}) };
    this.report(rule.soft ? 'warning' : 'error', 'out-of-range', path, `${label} is ${describe(value)} but must be ${rule.expectation}${rule.fallback !== undefined ? ` (for example ${rule.fallback})` : ''}: change ${label}`, data);
    return undefined;
  }

  /** A setting described in src/registry (of a layer, the optimizer or training): its value when it is there and valid. */
  setting(parent: JsonObject, key: string, segments: PathSegment[], setting: Setting, label: string): PerAxis | boolean | undefined;
  setting(parent: JsonObject, key: string, segments: PathSegment[], setting: AnySetting, label: string): PerAxis | boolean | string | undefined;
  setting(parent: JsonObject, key: string, segments: PathSegment[], setting: AnySetting, label: string): PerAxis | boolean | string | undefined {
    if (setting.kind === 'boolean') return this.boolean(parent, key, segments, setting.description);
    if (setting.kind === 'choice') return this.choice(parent, key, segments, setting, label);
    if (setting.perAxis && Array.isArray(parent[key])) return this.axisPair(parent[key], [...segments, key], settingRule(setting), label, setting.description);
    return this.number(parent, key, segments, setting.required === true, settingRule(setting), label, setting.description);
  }

  /** One of the names a choice setting takes; a misspelt one gets the closest as the fix. */
  private choice(parent: JsonObject, key: string, segments: PathSegment[], setting: ChoiceSetting, label: string): string | undefined {
    const value = parent[key];
    const names = setting.choices.map((choice) => choice.value);
    if (value === undefined || (typeof value === 'string' && names.includes(value))) return value;
    const suggestion = typeof value === 'string' ? closestName(value, names) : undefined;
    const fix = suggestion ? `did you mean "${suggestion}"? Set "${key}": "${suggestion}"` : `use one of ${names.map((name) => `"${name}"`).join(', ')}`;
    this.report('error', 'out-of-range', [...segments, key], `${label} is ${describe(value)} but must be ${setting.description} (${names.join(' or ')}): ${fix}`, { actual: value, expected: suggestion ?? setting.default });
    return undefined;
  }

  /** The [height, width] pair of a per-axis setting (Conv2D's kernelSize): two numbers, each in range. */
  private axisPair(value: JsonValue[], path: PathSegment[], rule: NumberRule, label: string, what: string): PerAxis | undefined {
    if (!isAxisPair(value)) {
      this.wrongType(path, value, `one number or a [height, width] pair of two numbers (${what})`, `write two numbers such as [3, 3], or one number for both`, label);
      return undefined;
    }
    const bad = value.findIndex((item) => !fitsRange(rule, item));
    if (bad < 0) return value;
    this.report('error', 'out-of-range', [...path, bad],
      `${label}[${bad}] is ${describe(value[bad])} but must be ${rule.expectation}: change ${label}[${bad}] (${bad === 0 ? 'the height' : 'the width'})`,
      { actual: value[bad] });
    return undefined;
  }

  /** Warns about keys that are not in `known` (with a suggestion when one is close). */
  unknownKeys(object: JsonObject, segments: PathSegment[], known: readonly string[], owner: string, elsewhere: Readonly<Record<string, string>> = {}): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const path = [...segments, key];
      if (elsewhere[key] !== undefined) {
        this.report('warning', 'unused-setting', path, `${owner} does not use "${key}" (${elsewhere[key]}): remove it`, undefined, true);
        continue;
      }
      const suggestion = closestName(key, known);
      const fix = suggestion ? `did you mean "${suggestion}"? Rename it` : `remove it, or check the spelling (known: ${known.join(', ')})`;
      this.report('warning', 'unknown-key', path, `${owner} has an unknown setting "${key}": ${fix}`, suggestion ? { suggestion } : undefined, true);
    }
  }
}

/** Each setting that only other types have, with "that is a TYPE setting" (the first such type): for unknownKeys. */
export function settingsOfOtherTypes<T extends string>(types: readonly T[], settings: Readonly<Record<T, readonly string[]>>, type: T): Record<string, string> {
  const owners: Record<string, string> = {};
  for (const other of types) {
    for (const setting of settings[other]) {
      if (!settings[type].includes(setting) && owners[setting] === undefined) owners[setting] = `that is a ${other} setting`;
    }
  }
  return owners;
}

export const POSITIVE_INTEGER: NumberRule = { integer: true, min: 1, expectation: 'a whole number of at least 1' };
export const PROBABILITY_BELOW_ONE: NumberRule = { min: 0, max: 1, maxExclusive: true, expectation: 'at least 0 and below 1' };
export const FINITE: NumberRule = { expectation: 'a finite number' };
