/**
 * The one writer of `.nnjson` text: fixed key order, 2-space indent, one line per layer, one line per tensor
 * (one base64 string each), unknown keys kept. Its output read back and written again is byte-identical.
 * Browser-safe.
 */
import { LAYER_DESCRIPTORS } from '../registry/layers/index';
import { OPTIMIZER_DESCRIPTORS, WEIGHT_DECAY_SETTINGS } from '../registry/optimizers';
import { EPOCH_RECORD_KEYS, INPUT_KEYS, TOP_LEVEL_KEYS, TRAINING_KEYS, type NnJsonModel } from '../shared/nnjson';
import { encodeFloat32, tensorValues } from './tensor-codec';

/** Objects and lists of plain values are kept on one line up to this width. */
const MAX_LINE_WIDTH = 120;
const INDENT = '  ';

type Plain = null | boolean | number | string | Plain[] | PlainObject;
interface PlainObject { [key: string]: Plain }
type Entries = [string, Plain][];

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
const LAYER_KEY_ORDER = unique(['type', 'id', ...LAYER_DESCRIPTORS.flatMap((descriptor) => Object.keys(descriptor.settings))]);
const OPTIMIZER_KEY_ORDER = unique(['type', ...OPTIMIZER_DESCRIPTORS.flatMap((descriptor) => Object.keys(descriptor.settings)), ...Object.keys(WEIGHT_DECAY_SETTINGS)]);
const DATA_KEY_ORDER = ['source', 'labels', 'target', 'features', 'classes', 'normalize', 'normalizeTarget', 'samples', 'noise', 'seed'];
const FITTED_KEY_ORDER = ['inputColumns', 'featureOffset', 'featureScale', 'categories', 'targetOffset', 'targetScale', 'featureColumns', 'split'];
const SPLIT_KEY_ORDER = ['seed', 'validationSplit', 'shuffle', 'rows'];
const PARAMETER_NAME_ORDER = unique(LAYER_DESCRIPTORS.flatMap((descriptor) => descriptor.parameters.map((tensor) => tensor.name)));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON-compatible copy: drops undefined and functions like JSON.stringify, non-finite numbers become null. */
function toPlain(value: unknown): Plain | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (item) => toPlain(item) ?? null);
      if (Array.isArray(value)) return value.map((item) => toPlain(item) ?? null);
      const result: PlainObject = {};
      for (const [key, item] of Object.entries(value)) {
        const plain = toPlain(item);
        if (plain !== undefined) Object.defineProperty(result, key, { value: plain, enumerable: true, writable: true, configurable: true });
      }
      return result;
    }
    default:
      return undefined;
  }
}

/** Entries of `object` with `order` keys first (in that order), then the rest in their own order. */
function ordered(object: Record<string, unknown>, order: readonly string[], last: readonly string[] = []): Entries {
  const entries: Entries = [];
  const push = (key: string): void => {
    const plain = toPlain(object[key]);
    if (plain !== undefined) entries.push([key, plain]);
  };
  for (const key of order) if (Object.prototype.hasOwnProperty.call(object, key)) push(key);
  for (const key of Object.keys(object)) if (!order.includes(key) && !last.includes(key)) push(key);
  for (const key of last) if (Object.prototype.hasOwnProperty.call(object, key)) push(key);
  return entries;
}

function fromEntries(entries: Entries): PlainObject {
  const result: PlainObject = {};
  for (const [key, value] of entries) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  return result;
}

function orderedObject(value: unknown, order: readonly string[], last: readonly string[] = []): Plain | undefined {
  return isRecord(value) ? fromEntries(ordered(value, order, last)) : toPlain(value);
}

/** A tensor as written: `shape`, `dtype`, `data` (base64; `values` are encoded), then any unknown keys. */
function tensorForWriting(tensor: unknown): Plain | undefined {
  if (!isRecord(tensor)) return toPlain(tensor);
  const result: Record<string, unknown> = { ...tensor };
  if (typeof result.data !== 'string' && Array.isArray(result.values)) {
    const decoded = tensorValues({ values: result.values as number[] });
    if ('values' in decoded) result.data = encodeFloat32(decoded.values);
  }
  if (typeof result.data === 'string') delete result.values;
  if (result.dtype === undefined) result.dtype = 'float32';
  return orderedObject(result, ['shape', 'dtype', 'data']);
}

function parametersForWriting(parameters: unknown, layerIds: readonly string[]): Plain | undefined {
  if (!isRecord(parameters)) return toPlain(parameters);
  const layerEntries: Entries = [];
  for (const [layerId] of ordered(parameters, layerIds)) {
    const tensors = parameters[layerId];
    if (!isRecord(tensors)) {
      const plain = toPlain(tensors);
      if (plain !== undefined) layerEntries.push([layerId, plain]);
      continue;
    }
    const tensorEntries: Entries = [];
    for (const [name] of ordered(tensors, PARAMETER_NAME_ORDER)) {
      const plain = tensorForWriting(tensors[name]);
      if (plain !== undefined) tensorEntries.push([name, plain]);
    }
    layerEntries.push([layerId, fromEntries(tensorEntries)]);
  }
  return fromEntries(layerEntries);
}

/** The model as a plain object in writing order. */
function canonical(model: NnJsonModel): PlainObject {
  const source = model as unknown as Record<string, unknown>;
  const layers = Array.isArray(source.layers) ? source.layers : [];
  const layerIds = layers.map((layer) => (isRecord(layer) && typeof layer.id === 'string' ? layer.id : '')).filter((id) => id !== '');
  const entries: Entries = [];
  for (const [key] of ordered(source, TOP_LEVEL_KEYS, ['history', 'parameters'])) {
    const value = source[key];
    let plain: Plain | undefined;
    switch (key) {
      case 'input': plain = orderedObject(value, INPUT_KEYS); break;
      case 'layers': plain = Array.isArray(value) ? value.map((layer) => orderedObject(layer, LAYER_KEY_ORDER) ?? null) : toPlain(value); break;
      case 'loss': plain = orderedObject(value, ['type']); break;
      case 'optimizer': plain = orderedObject(value, OPTIMIZER_KEY_ORDER); break;
      case 'training': plain = orderedObject(value, TRAINING_KEYS); break;
      case 'data':
        plain = orderedObject(value, DATA_KEY_ORDER, ['fitted']);
        if (isRecord(plain) && isRecord(value) && value.fitted !== undefined) {
          const fitted = orderedObject(value.fitted, FITTED_KEY_ORDER) ?? null;
          if (isRecord(fitted) && isRecord(value.fitted) && isRecord(value.fitted.split)) fitted.split = orderedObject(value.fitted.split, SPLIT_KEY_ORDER) ?? null;
          plain.fitted = fitted;
        }
        break;
      case 'history': plain = Array.isArray(value) ? value.map((record) => orderedObject(record, EPOCH_RECORD_KEYS) ?? null) : toPlain(value); break;
      case 'parameters': plain = parametersForWriting(value, layerIds); break;
      default: plain = toPlain(value);
    }
    if (plain !== undefined) entries.push([key, plain]);
  }
  return fromEntries(entries);
}

function isScalar(value: Plain): boolean {
  return value === null || typeof value !== 'object';
}

/** Flat = only scalars, or lists of scalars, inside: such values may go on one line. */
function isFlat(value: Plain): boolean {
  if (isScalar(value)) return true;
  const items = Array.isArray(value) ? value : Object.values(value as PlainObject);
  return items.every((item) => isScalar(item) || (Array.isArray(item) && item.every(isScalar)));
}

function inline(value: Plain): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value as PlainObject);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`).join(', ')} }`;
}

/**
 * Tensors and epoch records are always one line, however long: one changed tensor is one changed line in a diff,
 * and a long history stays one line per epoch instead of eight.
 */
function isOneLinePath(path: readonly string[]): boolean {
  return (path.length === 3 && path[0] === 'parameters') || (path.length === 2 && path[0] === 'history');
}

function print(value: Plain, indent: string, prefixLength: number, path: readonly string[]): string {
  if (isScalar(value)) return JSON.stringify(value);
  const items = Array.isArray(value) ? value : undefined;
  const entries = items ? undefined : Object.entries(value as PlainObject);
  const count = items ? items.length : entries!.length;
  if (count === 0) return items ? '[]' : '{}';
  if (isFlat(value)) {
    const text = inline(value);
    // +1 for a trailing comma
    if (isOneLinePath(path) || indent.length + prefixLength + text.length + 1 <= MAX_LINE_WIDTH) return text;
  }
  const inner = indent + INDENT;
  const lines = items
    ? items.map((item, index) => inner + print(item, inner, 0, [...path, String(index)]))
    : entries!.map(([key, item]) => {
      const prefix = `${JSON.stringify(key)}: `;
      return inner + prefix + print(item, inner, prefix.length, [...path, key]);
    });
  return `${items ? '[' : '{'}\n${lines.join(',\n')}\n${indent}${items ? ']' : '}'}`;
}

/** The `.nnjson` text of `model`, ending with a newline. */
export function writeModel(model: NnJsonModel): string {
  return `${print(canonical(model), '', 0, [])}\n`;
}

/** Same text rules for any value (for tools that show a part of a model, e.g. one layer). */
export function writeJsonValue(value: unknown): string {
  const plain = toPlain(value);
  return plain === undefined ? '' : print(plain, '', 0, []);
}

/** One line for a layer or tensor, as the writer would put it inside a list. */
export function inlineJson(value: unknown): string {
  const plain = toPlain(value);
  return plain === undefined ? '' : inline(plain);
}
