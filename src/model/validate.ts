/**
 * Checks a parsed (and migrated) `.nnjson` document against the version 1 contract. Works on the plain value
 * and reports issues by JSON path; the reader turns paths into text positions. Browser-safe.
 */
import type { DiagnosticCode, DiagnosticData, DiagnosticSeverity } from '../shared/diagnostics';
import {
  EPOCH_RECORD_KEYS, LAYER_PARAMETER_NAMES, LAYER_SETTINGS, LAYER_TYPES, LOSS_TYPES, NNJSON_FORMAT, NNJSON_VERSION, NORMALIZATIONS,
  OPTIMIZER_SETTINGS, OPTIMIZER_TYPES, TOP_LEVEL_KEYS, TRAILING_TOP_LEVEL_KEYS, TRAINING_KEYS,
  isLayerType, isOptimizerType, type LayerType,
} from '../shared/nnjson';
import { formatPath, type JsonObject, type JsonValue, type PathSegment } from './json-tree';
import { closestName } from './suggest';
import { shapeSize, tensorValues } from './tensor-codec';
import { uniqueId } from './layer-ids';

export interface Issue {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  segments: PathSegment[];
  message: string;
  data?: DiagnosticData;
  /** Squiggle the property key instead of the value (unknown or misspelt keys). */
  atKey?: boolean;
}

export interface ValidationResult {
  issues: Issue[];
  /** True when the document does not have the shape of an `NnJsonModel` and must not be handed out as one. */
  blocked: boolean;
}

/** What the width check needs to know about a layer; fields are set only when valid. */
interface LayerFacts {
  index: number;
  type?: LayerType;
  id?: string;
  in?: number;
  out?: number;
  features?: number;
  bias?: boolean;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
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

interface NumberRule {
  integer?: boolean;
  min?: number;
  /** `min` itself is not allowed */
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  /** what a good value looks like, for the message: "a whole number of at least 1" */
  expectation: string;
  /** a value to offer as the quick fix */
  fallback?: number;
  /** warning instead of error when out of range */
  soft?: boolean;
}

class Checker {
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
    const value = parent[key];
    const path = [...segments, key];
    if (value === undefined) {
      if (required) this.missing(path, what, fix);
      return undefined;
    }
    if (!isObject(value)) {
      this.wrongType(path, value, `an object (${what})`, fix);
      return undefined;
    }
    return value;
  }

  string(parent: JsonObject, key: string, segments: PathSegment[], required: boolean, what: string, fix: string): string | undefined {
    const value = parent[key];
    const path = [...segments, key];
    if (value === undefined) {
      if (required) this.missing(path, what, fix);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.wrongType(path, value, `a string (${what})`, fix);
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
    const tooLow = rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min);
    const tooHigh = rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max);
    if ((rule.integer && !Number.isInteger(value)) || tooLow || tooHigh) {
      const data: DiagnosticData = { actual: value, ...(rule.fallback !== undefined ? { expected: rule.fallback } : {}) };
      this.report(rule.soft ? 'warning' : 'error', 'out-of-range', path, `${label} is ${describe(value)} but must be ${rule.expectation}${rule.fallback !== undefined ? ` (for example ${rule.fallback})` : ''}: change ${label}`, data);
      return undefined;
    }
    return value;
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

const POSITIVE_INTEGER: NumberRule = { integer: true, min: 1, expectation: 'a whole number of at least 1' };
const PROBABILITY_BELOW_ONE: NumberRule = { min: 0, max: 1, maxExclusive: true, expectation: 'at least 0 and below 1' };
const POSITIVE: NumberRule = { min: 0, minExclusive: true, expectation: 'greater than 0' };
const FINITE: NumberRule = { expectation: 'a finite number' };

function layerLabel(facts: LayerFacts): string {
  return facts.id ?? `layers[${facts.index}]`;
}

function checkLayer(checker: Checker, layer: JsonValue, index: number): LayerFacts {
  const segments: PathSegment[] = ['layers', index];
  const facts: LayerFacts = { index };
  if (!isObject(layer)) {
    checker.wrongType(segments, layer, 'an object such as { "type": "ReLU", "id": "relu1" }', 'replace it with a layer object');
    return facts;
  }
  const id = checker.string(layer, 'id', segments, true, 'a unique layer name such as "fc1"', 'add "id": "<unique name>"');
  if (id !== undefined) {
    if (id.trim() === '') checker.report('error', 'out-of-range', [...segments, 'id'], `layers[${index}].id is empty: give the layer a short unique name such as "fc1"`);
    else facts.id = id;
  }
  const label = layerLabel(facts);
  const type = layer.type;
  if (type === undefined) {
    checker.missing([...segments, 'type'], `one of ${LAYER_TYPES.join(', ')}`, 'add "type": "Linear" (or another layer type)');
    return facts;
  }
  if (typeof type !== 'string') {
    checker.wrongType([...segments, 'type'], type, 'a layer type name', `use one of ${LAYER_TYPES.join(', ')}`);
    return facts;
  }
  if (!isLayerType(type)) {
    const suggestion = closestName(type, LAYER_TYPES);
    const fix = suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use one of ${LAYER_TYPES.join(', ')}`;
    checker.block('unknown-layer-type', [...segments, 'type'], `${label} has the unknown layer type "${type}": ${fix}`, suggestion ? { suggestion, actual: type } : { actual: type });
    return facts;
  }
  facts.type = type;
  const settingOwners: Record<string, string> = {};
  for (const other of LAYER_TYPES) {
    for (const setting of LAYER_SETTINGS[other]) {
      if (!LAYER_SETTINGS[type].includes(setting) && settingOwners[setting] === undefined) settingOwners[setting] = `that is a ${other} setting`;
    }
  }
  checker.unknownKeys(layer, segments, ['type', 'id', ...LAYER_SETTINGS[type]], `${label} (${type})`, settingOwners);

  switch (type) {
    case 'Linear':
      facts.in = checker.number(layer, 'in', segments, true, POSITIVE_INTEGER, `${label}.in`, 'the number of input features');
      facts.out = checker.number(layer, 'out', segments, true, POSITIVE_INTEGER, `${label}.out`, 'the number of output features');
      facts.bias = checker.boolean(layer, 'bias', segments, 'whether the layer adds a bias');
      break;
    case 'LeakyReLU':
      checker.number(layer, 'slope', segments, false, { min: 0, max: 1, maxExclusive: true, expectation: 'at least 0 and below 1 (usually small, like 0.03)', fallback: 0.03, soft: true }, `${label}.slope`, 'the slope for negative inputs');
      break;
    case 'Dropout':
      checker.number(layer, 'p', segments, false, { ...PROBABILITY_BELOW_ONE, expectation: 'a probability of at least 0 and below 1', fallback: 0.5 }, `${label}.p`, 'the probability of dropping a unit');
      break;
    case 'BatchNorm':
      facts.features = checker.number(layer, 'features', segments, true, POSITIVE_INTEGER, `${label}.features`, 'the number of features to normalise');
      checker.number(layer, 'eps', segments, false, { ...POSITIVE, fallback: 1e-5 }, `${label}.eps`, 'added to the variance');
      checker.number(layer, 'momentum', segments, false, { min: 0, max: 1, expectation: 'between 0 and 1', fallback: 0.1 }, `${label}.momentum`, 'the running-statistics momentum');
      break;
    default:
      break;
  }
  return facts;
}

function checkWidths(checker: Checker, layers: LayerFacts[], inputSize: number | undefined): void {
  let width = inputSize;
  let source = 'input.size';
  for (const facts of layers) {
    const label = layerLabel(facts);
    const incoming = (what: string): string => (source === 'input.size' ? `input.size is ${width}` : `${source} gives ${width} features`) + what;
    if (facts.type === 'Linear') {
      if (width !== undefined && facts.in !== undefined && facts.in !== width) {
        const alternative = source === 'input.size' ? ` (or set input.size to ${facts.in})` : '';
        checker.report('error', 'width-mismatch', ['layers', facts.index, 'in'],
          `${label}.in is ${facts.in} but ${incoming('')}: set ${label}.in to ${width}${alternative}`,
          { expected: width, actual: facts.in, ...(facts.id ? { layerId: facts.id } : {}) });
      }
      width = facts.out;
      source = label;
    } else if (facts.type === 'BatchNorm') {
      if (width !== undefined && facts.features !== undefined && facts.features !== width) {
        checker.report('error', 'width-mismatch', ['layers', facts.index, 'features'],
          `${label}.features is ${facts.features} but ${incoming('')}: set ${label}.features to ${width}`,
          { expected: width, actual: facts.features, ...(facts.id ? { layerId: facts.id } : {}) });
      }
    } else if (facts.type === undefined) {
      width = undefined; // unknown what the broken layer does; stop comparing until the next Linear
    }
  }
}

/** CrossEntropy reads the outputs as probabilities, so the network must end in a SoftMax with one unit per class. */
function checkLossOutput(checker: Checker, layers: LayerFacts[], lossType: string | undefined, inputSize: number | undefined): void {
  if (lossType !== 'CrossEntropy' || layers.length === 0 || layers.some((facts) => facts.type === undefined)) return;
  const last = layers[layers.length - 1];
  if (last.type !== 'SoftMax') {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      `CrossEntropy expects probabilities but the last layer ${layerLabel(last)} is ${last.type}: add a SoftMax layer at the end, or use MSE`,
      { suggestion: 'SoftMax', ...(last.id ? { layerId: last.id } : {}) });
    return;
  }
  let width = inputSize;
  for (const facts of layers) if (facts.type === 'Linear') width = facts.out;
  if (width === 1) {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      'CrossEntropy needs one output per class but the network gives 1: set the last Linear.out to the number of classes (at least 2), or use MSE with one output',
      { actual: 1 });
  }
}

function checkDuplicateIds(checker: Checker, layers: LayerFacts[]): void {
  const firstIndex = new Map<string, number>();
  const taken = new Set(layers.map((facts) => facts.id).filter((id): id is string => id !== undefined));
  for (const facts of layers) {
    if (facts.id === undefined) continue;
    const first = firstIndex.get(facts.id);
    if (first === undefined) {
      firstIndex.set(facts.id, facts.index);
      continue;
    }
    const suggestion = uniqueId(facts.id.replace(/\d+$/, '') || 'layer', taken);
    taken.add(suggestion);
    checker.report('error', 'duplicate-id', ['layers', facts.index, 'id'],
      `layers[${facts.index}] uses the id "${facts.id}" already used by layers[${first}]: ids must be unique, rename it to "${suggestion}"`,
      { suggestion, actual: facts.id, layerId: facts.id });
  }
}

function expectedShapes(facts: LayerFacts): Record<string, number[] | undefined> | undefined {
  if (facts.type === undefined) return undefined;
  const names = LAYER_PARAMETER_NAMES[facts.type].filter((name) => !(facts.type === 'Linear' && name === 'b' && facts.bias === false));
  const shapes: Record<string, number[] | undefined> = {};
  for (const name of names) {
    if (facts.type === 'Linear') shapes[name] = name === 'W' ? (facts.in !== undefined && facts.out !== undefined ? [facts.in, facts.out] : undefined) : (facts.out !== undefined ? [facts.out] : undefined);
    else shapes[name] = facts.features !== undefined ? [facts.features] : undefined;
  }
  return shapes;
}

function checkTensor(checker: Checker, tensor: JsonValue, segments: PathSegment[], label: string, expectedShape: number[] | undefined): void {
  if (!isObject(tensor)) {
    checker.wrongType(segments, tensor, 'a tensor object { "shape": [...], "dtype": "float32", "data": "<base64>" }', 'replace it, or delete it and train again');
    return;
  }
  checker.unknownKeys(tensor, segments, ['shape', 'dtype', 'data', 'values'], label);
  const shape = tensor.shape;
  let validShape: number[] | undefined;
  if (shape === undefined) {
    checker.missing([...segments, 'shape'], 'the tensor dimensions', expectedShape ? `add "shape": ${JSON.stringify(expectedShape)}` : 'add "shape": [rows, columns]', expectedShape ? { expected: expectedShape } : undefined);
  } else if (!Array.isArray(shape) || !shape.every((dimension) => typeof dimension === 'number' && Number.isInteger(dimension) && dimension >= 0)) {
    checker.wrongType([...segments, 'shape'], shape, 'a list of whole numbers', expectedShape ? `set it to ${JSON.stringify(expectedShape)}` : 'write the dimensions, e.g. [2, 8]');
  } else {
    validShape = shape as number[];
    if (expectedShape && JSON.stringify(validShape) !== JSON.stringify(expectedShape)) {
      checker.report('error', 'tensor-shape', [...segments, 'shape'],
        `${label} has shape ${JSON.stringify(validShape)} but the layer needs ${JSON.stringify(expectedShape)}: retrain the model, or delete "parameters" for this layer so it is initialised again`,
        { expected: expectedShape, actual: validShape });
    }
  }
  const dtype = tensor.dtype;
  if (dtype !== undefined && dtype !== 'float32') {
    if (typeof dtype !== 'string') checker.wrongType([...segments, 'dtype'], dtype, 'the string "float32"', 'set "dtype": "float32"');
    else checker.report('error', 'unsupported-dtype', [...segments, 'dtype'], `${label} has dtype "${dtype}" but only "float32" is supported: store the values as float32 and set "dtype": "float32"`, { expected: 'float32', actual: dtype });
  }
  const { data, values } = tensor;
  const dataKey = data !== undefined ? 'data' : 'values';
  if (data === undefined && values === undefined) {
    checker.missing([...segments, 'data'], 'the tensor values as base64 float32', 'add "data": "<base64>" or "values": [numbers]');
    return;
  }
  if (data !== undefined && values !== undefined) {
    checker.report('warning', 'unused-setting', [...segments, 'values'], `${label} has both "data" and "values": "data" is used, remove "values"`, undefined, true);
  }
  if (data !== undefined && typeof data !== 'string') {
    checker.wrongType([...segments, 'data'], data, 'a base64 string of little-endian float32 values', 'use "values": [numbers] for plain numbers');
    return;
  }
  if (data === undefined && !Array.isArray(values)) {
    checker.wrongType([...segments, 'values'], values, 'a list of numbers', 'write the values row by row, e.g. [0.1, -0.2]');
    return;
  }
  if (data === undefined && Array.isArray(values)) {
    const bad = values.findIndex((value) => typeof value !== 'number' && value !== null);
    if (bad >= 0) {
      checker.wrongType([...segments, 'values', bad], values[bad], 'a number', 'write the number without quotes');
      return;
    }
  }
  const decoded = tensorValues({
    ...(typeof data === 'string' ? { data } : {}),
    ...(Array.isArray(values) ? { values: values.map((value) => (typeof value === 'number' ? value : Number.NaN)) } : {}),
  });
  if ('error' in decoded) {
    checker.report('error', 'invalid-base64', [...segments, 'data'], `${label}.data is not valid base64 float32 data (${decoded.error}): retrain the model, or replace it with "values": [numbers]`);
    return;
  }
  if (validShape) {
    const needed = shapeSize(validShape);
    if (decoded.values.length !== needed) {
      checker.report('error', 'tensor-length', [...segments, dataKey],
        `${label} has ${decoded.values.length} values but its shape ${JSON.stringify(validShape)} needs ${needed}: retrain the model, or fix "shape" or "${dataKey}"`,
        { expected: needed, actual: decoded.values.length });
    }
  }
  const firstBad = decoded.values.findIndex((value) => !Number.isFinite(value));
  if (firstBad >= 0) {
    const count = decoded.values.reduce((total, value) => total + (Number.isFinite(value) ? 0 : 1), 0);
    checker.report('error', 'tensor-nan', [...segments, dataKey],
      `${label} contains ${count} NaN or infinite value${count === 1 ? '' : 's'} (first at index ${firstBad}): training diverged; lower the learning rate and retrain, or delete these parameters`,
      { actual: count });
  }
}

function checkParameters(checker: Checker, parameters: JsonObject, layers: LayerFacts[]): void {
  const byId = new Map<string, LayerFacts>();
  for (const facts of layers) if (facts.id !== undefined && !byId.has(facts.id)) byId.set(facts.id, facts);
  for (const layerId of Object.keys(parameters)) {
    const segments: PathSegment[] = ['parameters', layerId];
    const entry = parameters[layerId];
    const facts = byId.get(layerId);
    if (!facts) {
      const suggestion = closestName(layerId, [...byId.keys()]);
      checker.report('warning', 'unknown-parameter-layer', segments,
        `parameters has tensors for "${layerId}" but no layer has that id: ${suggestion ? `rename it to "${suggestion}" if that layer was renamed, or ` : ''}remove these parameters`,
        { layerId, ...(suggestion ? { suggestion } : {}) }, true);
      continue;
    }
    if (!isObject(entry)) {
      checker.wrongType(segments, entry, 'an object of tensors such as { "W": {...}, "b": {...} }', 'retrain the model, or delete this entry');
      continue;
    }
    const shapes = expectedShapes(facts);
    if (!shapes) continue;
    const names = Object.keys(shapes);
    for (const name of Object.keys(entry)) {
      const label = `${layerId}.${name}`;
      if (!names.includes(name)) {
        const why = names.length === 0 ? `${facts.type} layers have no parameters` : `${facts.type} layer ${layerId} has ${names.join(', ')}`;
        checker.report('error', 'unknown-parameter', [...segments, name], `parameters.${layerId} has "${name}" but ${why}: remove it`, { layerId }, true);
        continue;
      }
      checkTensor(checker, entry[name], [...segments, name], label, shapes[name]);
    }
    for (const name of names) {
      if (entry[name] === undefined) {
        checker.report('error', 'missing-parameter', segments,
          `parameters.${layerId} has no "${name}": retrain the model, or delete parameters.${layerId} so the layer is initialised again`,
          { layerId }, true);
      }
    }
  }
  for (const facts of layers) {
    if (facts.id === undefined || facts.type === undefined || LAYER_PARAMETER_NAMES[facts.type].length === 0) continue;
    if (parameters[facts.id] === undefined) {
      checker.report('info', 'untrained-layer', ['layers', facts.index, 'id'],
        `${facts.id} has no trained parameters yet: it is initialised from training.seed, train the model to learn them`,
        { layerId: facts.id });
    }
  }
}

function checkOptimizer(checker: Checker, optimizer: JsonObject): void {
  const segments: PathSegment[] = ['optimizer'];
  const type = optimizer.type;
  if (type === undefined) {
    checker.missing(['optimizer', 'type'], OPTIMIZER_TYPES.join(', '), 'add "type": "Adam" (or another optimizer)');
    return;
  }
  if (typeof type !== 'string' || !isOptimizerType(type)) {
    const suggestion = typeof type === 'string' ? closestName(type, OPTIMIZER_TYPES) : undefined;
    const fix = suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use one of ${OPTIMIZER_TYPES.join(', ')}`;
    if (typeof type !== 'string') checker.wrongType(['optimizer', 'type'], type, 'an optimizer name', fix);
    else checker.block('unknown-optimizer', ['optimizer', 'type'], `optimizer.type "${type}" is not known: ${fix}`, suggestion ? { suggestion, actual: type } : { actual: type });
    return;
  }
  const owners: Record<string, string> = {};
  for (const other of OPTIMIZER_TYPES) {
    for (const setting of OPTIMIZER_SETTINGS[other]) {
      if (!OPTIMIZER_SETTINGS[type].includes(setting) && owners[setting] === undefined) owners[setting] = `that is a ${other} setting`;
    }
  }
  checker.unknownKeys(optimizer, segments, ['type', ...OPTIMIZER_SETTINGS[type]], `optimizer (${type})`, owners);
  checker.number(optimizer, 'lr', segments, false, { ...POSITIVE, fallback: 1e-3 }, 'optimizer.lr', 'the learning rate');
  const fraction: NumberRule = { ...PROBABILITY_BELOW_ONE, expectation: 'at least 0 and below 1' };
  for (const [key, fallback] of [['momentum', 0.9], ['beta', 0.9], ['beta1', 0.9], ['beta2', 0.999]] as const) {
    if (OPTIMIZER_SETTINGS[type].includes(key)) checker.number(optimizer, key, segments, false, { ...fraction, fallback }, `optimizer.${key}`, 'a decay rate');
  }
  if (OPTIMIZER_SETTINGS[type].includes('eps')) checker.number(optimizer, 'eps', segments, false, { ...POSITIVE, fallback: 1e-8 }, 'optimizer.eps', 'the small constant that avoids division by zero');
}

function checkTraining(checker: Checker, training: JsonObject): void {
  const segments: PathSegment[] = ['training'];
  checker.unknownKeys(training, segments, TRAINING_KEYS, 'training');
  checker.number(training, 'epochs', segments, false, { ...POSITIVE_INTEGER, fallback: 20 }, 'training.epochs', 'how many passes over the data');
  checker.number(training, 'batchSize', segments, false, { ...POSITIVE_INTEGER, fallback: 32 }, 'training.batchSize', 'samples per step');
  checker.boolean(training, 'shuffle', segments, 'whether to shuffle the samples every epoch');
  checker.number(training, 'validationSplit', segments, false, { ...PROBABILITY_BELOW_ONE, expectation: 'a fraction of at least 0 and below 1', fallback: 0.2 }, 'training.validationSplit', 'the share of samples held out');
  checker.number(training, 'seed', segments, false, { integer: true, min: 0, max: 4294967295, expectation: 'a whole number from 0 to 4294967295', fallback: 42 }, 'training.seed', 'the random seed');
}

function checkStringList(checker: Checker, value: JsonValue | undefined, segments: PathSegment[], what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    checker.wrongType(segments, value, `a list of strings (${what})`, 'write them like ["a", "b"]');
  }
}

function checkNumberList(checker: Checker, value: JsonValue | undefined, segments: PathSegment[], what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
    checker.wrongType(segments, value, `a list of finite numbers (${what})`, 'retrain the model to write it again');
  }
}

function checkData(checker: Checker, data: JsonObject): void {
  const segments: PathSegment[] = ['data'];
  checker.string(data, 'source', segments, true, '"builtin:NAME" or a CSV path', 'add "source": "builtin:xor" or "source": "data.csv"');
  const target = data.target;
  if (target !== undefined && typeof target !== 'string') checkStringList(checker, target, ['data', 'target'], 'target column names');
  checkStringList(checker, data.features, ['data', 'features'], 'feature column names');
  const classes = data.classes;
  if (classes !== undefined && typeof classes !== 'number') checkStringList(checker, classes, ['data', 'classes'], 'class labels in output order');
  else if (typeof classes === 'number') checker.number(data, 'classes', segments, false, { ...POSITIVE_INTEGER, min: 2, expectation: 'a whole number of at least 2' }, 'data.classes', 'the number of classes');
  for (const key of ['normalize', 'normalizeTarget'] as const) {
    const value = data[key];
    if (value !== undefined && (typeof value !== 'string' || !(NORMALIZATIONS as readonly string[]).includes(value))) {
      const suggestion = typeof value === 'string' ? closestName(value, NORMALIZATIONS) : undefined;
      checker.wrongType(['data', key], value, `one of ${NORMALIZATIONS.map((name) => `"${name}"`).join(', ')}`, suggestion ? `did you mean "${suggestion}"?` : 'pick one of them');
    }
  }
  checker.number(data, 'samples', segments, false, POSITIVE_INTEGER, 'data.samples', 'how many samples to generate');
  checker.number(data, 'noise', segments, false, { min: 0, expectation: 'at least 0' }, 'data.noise', 'the noise level');
  checker.number(data, 'seed', segments, false, { integer: true, min: 0, max: 4294967295, expectation: 'a whole number from 0 to 4294967295' }, 'data.seed', 'the data seed');
  const fitted = checker.object(data, 'fitted', segments, false, 'preprocessing fitted during training', 'delete it and train again');
  if (fitted) {
    const fittedPath: PathSegment[] = ['data', 'fitted'];
    checkStringList(checker, fitted.inputColumns, [...fittedPath, 'inputColumns'], 'input column names');
    for (const key of ['featureOffset', 'featureScale', 'targetOffset', 'targetScale']) checkNumberList(checker, fitted[key], [...fittedPath, key], 'fitted values');
    const categories = fitted.categories;
    if (categories !== undefined) {
      if (!isObject(categories)) checker.wrongType([...fittedPath, 'categories'], categories, 'an object of column name -> category list', 'delete it and train again');
      else for (const column of Object.keys(categories)) checkStringList(checker, categories[column], [...fittedPath, 'categories', column], 'categories');
    }
  }
}

function checkHistory(checker: Checker, history: JsonValue[]): void {
  history.forEach((record, index) => {
    const segments: PathSegment[] = ['history', index];
    if (!isObject(record)) {
      checker.wrongType(segments, record, 'an object { "epoch", "loss", "seconds" }', 'delete this entry');
      return;
    }
    checker.number(record, 'epoch', segments, true, POSITIVE_INTEGER, `history[${index}].epoch`, 'the 1-based epoch number');
    for (const key of ['loss', 'valLoss', 'accuracy', 'valAccuracy'] as const) {
      // null stands for a non-finite figure (a diverged loss); JSON has no NaN
      if (record[key] === null) continue;
      checker.number(record, key, segments, key === 'loss', FINITE, `history[${index}].${key}`, 'an epoch figure');
    }
    checker.number(record, 'seconds', segments, true, { min: 0, expectation: 'at least 0', fallback: 0 }, `history[${index}].seconds`, 'how long the epoch took');
    checker.unknownKeys(record, segments, EPOCH_RECORD_KEYS, `history[${index}]`);
  });
}

function checkLayers(checker: Checker, document: JsonObject): LayerFacts[] {
  const layers = document.layers;
  if (layers === undefined) {
    checker.missing(['layers'], 'the list of layers', 'add "layers": [ { "type": "Linear", "id": "fc1", "in": N, "out": M } ]');
    return [];
  }
  if (!Array.isArray(layers)) {
    checker.wrongType(['layers'], layers, 'a list of layer objects', 'put the layers in [ ... ]');
    return [];
  }
  if (layers.length === 0) checker.report('warning', 'empty-layers', ['layers'], 'The model has no layers: add at least one Linear layer', undefined, true);
  return layers.map((layer, index) => checkLayer(checker, layer, index));
}

function checkTopLevelKeys(checker: Checker, document: JsonObject): void {
  const known: readonly string[] = [...TOP_LEVEL_KEYS, ...TRAILING_TOP_LEVEL_KEYS];
  for (const key of Object.keys(document)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    // unknown top-level keys are allowed and kept; only a likely typo is worth a note
    if (suggestion && document[suggestion] === undefined) {
      checker.report('warning', 'unknown-key', [key], `"${key}" is not a .nnjson key (it is kept as is): did you mean "${suggestion}"? Rename it`, { suggestion }, true);
    }
  }
}

export function validateDocument(document: JsonObject): ValidationResult {
  const checker = new Checker();
  const format = document.format;
  if (format === undefined) checker.missing(['format'], 'the file type', `add "format": "${NNJSON_FORMAT}"`);
  else if (format !== NNJSON_FORMAT) {
    if (typeof format !== 'string') checker.wrongType(['format'], format, `the string "${NNJSON_FORMAT}"`, `set "format": "${NNJSON_FORMAT}"`);
    else checker.block('wrong-format', ['format'], `format is "${format}" but a .nnjson model needs "${NNJSON_FORMAT}": set "format": "${NNJSON_FORMAT}"`, { expected: NNJSON_FORMAT, actual: format });
  }
  const version = document.version;
  if (version === undefined) checker.missing(['version'], 'the format version', 'add "version": 1');
  else if (typeof version !== 'number' || !Number.isInteger(version)) checker.wrongType(['version'], version, 'a whole number', 'set "version": 1');
  else if (version !== NNJSON_VERSION) checker.block('out-of-range', ['version'], `version ${version} is not a .nnjson version: set "version": ${NNJSON_VERSION}`, { expected: NNJSON_VERSION, actual: version });
  checkTopLevelKeys(checker, document);
  for (const key of ['name', 'description']) checker.string(document, key, [], false, 'free text', `put the ${key} in double quotes`);

  const input = checker.object(document, 'input', [], true, 'the input width', 'add "input": { "size": N } with N the number of input features');
  const inputSize = input ? checker.number(input, 'size', ['input'], true, POSITIVE_INTEGER, 'input.size', 'the number of input features') : undefined;
  if (input) checker.unknownKeys(input, ['input'], ['size'], 'input');

  const layers = checkLayers(checker, document);
  checkDuplicateIds(checker, layers);
  checkWidths(checker, layers, inputSize);

  const loss = checker.object(document, 'loss', [], true, 'the loss function', 'add "loss": { "type": "CrossEntropy" } for classification or { "type": "MSE" } for regression');
  if (loss) {
    const type = loss.type;
    if (type === undefined) checker.missing(['loss', 'type'], LOSS_TYPES.join(' or '), 'add "type": "CrossEntropy" or "MSE"');
    else if (typeof type !== 'string') checker.wrongType(['loss', 'type'], type, 'a loss name', `use ${LOSS_TYPES.join(' or ')}`);
    else if (!(LOSS_TYPES as readonly string[]).includes(type)) {
      const suggestion = closestName(type, LOSS_TYPES);
      checker.block('unknown-loss', ['loss', 'type'], `loss.type "${type}" is not known: ${suggestion ? `did you mean "${suggestion}"? Set "type": "${suggestion}"` : `use ${LOSS_TYPES.join(' or ')}`}`, suggestion ? { suggestion, actual: type } : { actual: type });
    }
    checker.unknownKeys(loss, ['loss'], ['type'], 'loss');
    checkLossOutput(checker, layers, typeof type === 'string' ? type : undefined, inputSize);
  }
  const optimizer = checker.object(document, 'optimizer', [], true, 'how the weights are updated', 'add "optimizer": { "type": "Adam", "lr": 0.001 }');
  if (optimizer) checkOptimizer(checker, optimizer);
  const training = checker.object(document, 'training', [], false, 'training settings', 'write it as { "epochs": 20, "batchSize": 32 }');
  if (training) checkTraining(checker, training);
  const data = checker.object(document, 'data', [], false, 'the training data source', 'write it as { "source": "builtin:xor" }');
  if (data) checkData(checker, data);
  const history = document.history;
  if (history !== undefined) {
    if (Array.isArray(history)) checkHistory(checker, history);
    else checker.wrongType(['history'], history, 'a list of epoch records', 'delete it; training writes it again');
  }
  const parameters = checker.object(document, 'parameters', [], false, 'trained tensors keyed by layer id', 'delete it and train again');
  if (parameters) checkParameters(checker, parameters, layers);
  return { issues: checker.issues, blocked: checker.blocked };
}
