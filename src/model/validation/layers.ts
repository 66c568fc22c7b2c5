/** The layer list: each layer's type, id and settings, and unique ids. Browser-safe. */
import { LAYER_SETTINGS, LAYER_TYPES, isLayerType, type LayerType } from '../../shared/nnjson';
import type { JsonObject, JsonValue, PathSegment } from '../json-tree';
import { uniqueId } from '../layer-ids';
import { closestName } from '../suggest';
import { isObject, POSITIVE, POSITIVE_INTEGER, PROBABILITY_BELOW_ONE, settingsOfOtherTypes, type Checker } from './checker';

/**
 * What the later checks (widths, loss output, parameters) need to know about a layer; fields are set only when
 * valid. `in` and `features` are the widths the file states (absent: the width coming in).
 */
export interface LayerFacts {
  index: number;
  type?: LayerType;
  id?: string;
  in?: number;
  out?: number;
  features?: number;
  bias?: boolean;
}

export function layerLabel(facts: LayerFacts): string {
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
  const settingOwners = settingsOfOtherTypes(LAYER_TYPES, LAYER_SETTINGS, type);
  checker.unknownKeys(layer, segments, ['type', 'id', ...LAYER_SETTINGS[type]], `${label} (${type})`, settingOwners);

  switch (type) {
    case 'Linear':
      facts.in = checker.number(layer, 'in', segments, false, POSITIVE_INTEGER, `${label}.in`, 'the number of input features');
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
      facts.features = checker.number(layer, 'features', segments, false, POSITIVE_INTEGER, `${label}.features`, 'the number of features to normalise');
      checker.number(layer, 'eps', segments, false, { ...POSITIVE, fallback: 1e-5 }, `${label}.eps`, 'added to the variance');
      checker.number(layer, 'momentum', segments, false, { min: 0, max: 1, expectation: 'between 0 and 1', fallback: 0.1 }, `${label}.momentum`, 'the running-statistics momentum');
      break;
    default:
      break;
  }
  return facts;
}

export function checkLayers(checker: Checker, document: JsonObject): LayerFacts[] {
  const layers = document.layers;
  if (layers === undefined) {
    checker.missing(['layers'], 'the list of layers', 'add "layers": [ { "type": "Linear", "id": "fc1", "out": M } ]');
    return [];
  }
  if (!Array.isArray(layers)) {
    checker.wrongType(['layers'], layers, 'a list of layer objects', 'put the layers in [ ... ]');
    return [];
  }
  if (layers.length === 0) checker.report('warning', 'empty-layers', ['layers'], 'The model has no layers: add at least one Linear layer', undefined, true);
  return layers.map((layer, index) => checkLayer(checker, layer, index));
}

export function checkDuplicateIds(checker: Checker, layers: LayerFacts[]): void {
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
