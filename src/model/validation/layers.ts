/** The layer list: each layer's type, id and settings, and unique ids. Browser-safe. */
import type { PerAxis } from '../../engine/window';
import { layerIdProblem } from '../../registry/layer-id';
import { isLayerType, LAYER_DESCRIPTORS, LAYER_TYPES, layerDescriptor, type LayerType } from '../../registry/layers/index';
import type { JsonObject, JsonValue, PathSegment } from '../json-tree';
import { uniqueId } from '../layer-ids';
import type { WidthLayer } from '../layer-widths';
import { closestName } from '../suggest';
import { isObject, settingsOfOtherTypes, type Checker } from './checker';

/**
 * What the later checks (widths, loss output, parameters) need to know about a layer; fields are set only when
 * valid. `settings` holds the settings the file states validly (a left-out width is the width coming in).
 */
export interface LayerFacts {
  index: number;
  type?: LayerType;
  id?: string;
  settings: Record<string, PerAxis | boolean>;
}

/** The setting names of each layer type, for unknown and misplaced keys. */
const SETTING_KEYS = Object.fromEntries(LAYER_DESCRIPTORS.map((descriptor) => [descriptor.type, Object.keys(descriptor.settings)])) as Record<LayerType, string[]>;

/** A layer as the width chain (src/model/layer-widths.ts) reads it: its type and its valid settings. */
export function factsLayer(facts: LayerFacts): WidthLayer {
  return { ...facts.settings, type: facts.type };
}

export function layerLabel(facts: LayerFacts): string {
  return facts.id ?? `layers[${facts.index}]`;
}

function checkLayer(checker: Checker, layer: JsonValue, index: number): LayerFacts {
  const segments: PathSegment[] = ['layers', index];
  const facts: LayerFacts = { index, settings: {} };
  if (!isObject(layer)) {
    checker.wrongType(segments, layer, 'an object such as { "type": "ReLU", "id": "relu1" }', 'replace it with a layer object');
    return facts;
  }
  const id = checker.string(layer, 'id', segments, true, 'a unique layer name such as "fc1"', 'add "id": "<unique name>"');
  if (id !== undefined) {
    const problem = layerIdProblem(id);
    if (problem) checker.report('error', 'out-of-range', [...segments, 'id'], `layers[${index}].id ${JSON.stringify(id)} ${problem}`);
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
  const settingOwners = settingsOfOtherTypes(LAYER_TYPES, SETTING_KEYS, type);
  checker.unknownKeys(layer, segments, ['type', 'id', ...SETTING_KEYS[type]], `${label} (${type})`, settingOwners);
  for (const [key, setting] of Object.entries(layerDescriptor(type).settings)) {
    const value = checker.setting(layer, key, segments, setting, `${label}.${key}`);
    if (value !== undefined) facts.settings[key] = value;
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
