/**
 * Brings older `.nnjson` layouts up to version 1 without losing data. Browser-safe.
 *
 * "Version 0" is any file without `version` (or with `version: 0`): it may lack `format`, name the layer list
 * `modules`, give the input width as `inputSize`, write `loss`/`optimizer` as plain type names, and name layers
 * with `name` instead of `id`. Every change is reported; nothing is dropped (a renamed key whose new name is
 * already taken is left as it is and reported).
 */
import { NNJSON_FORMAT, NNJSON_VERSION } from '../shared/nnjson';
import type { JsonObject, JsonValue, PathSegment } from './json-tree';

export interface MigrationNote {
  /** Path in the migrated document the note is about. */
  segments: PathSegment[];
  message: string;
}

export interface MigrationResult {
  document: JsonObject;
  notes: MigrationNote[];
  /** Maps a path in the migrated document back to where its text is in the original file. */
  originalSegments(segments: readonly PathSegment[]): PathSegment[];
}

interface PathRewrite {
  from: PathSegment[];
  to: PathSegment[];
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function startsWith(segments: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, i) => segments[i] === segment);
}

/** A copy of `object` with `oldKey` renamed to `newKey` at the same position. */
function renameKey(object: JsonObject, oldKey: string, newKey: string, newValue?: JsonValue): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(object)) {
    const target = key === oldKey ? newKey : key;
    const value = key === oldKey && newValue !== undefined ? newValue : object[key];
    Object.defineProperty(result, target, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** A copy of `object` with `key` put first (used for `format`/`version`, which the writer puts first anyway). */
function withLeadingKeys(object: JsonObject, leading: JsonObject): JsonObject {
  const result: JsonObject = { ...leading };
  for (const key of Object.keys(object)) {
    if (!(key in leading)) Object.defineProperty(result, key, { value: object[key], enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function isOlderVersion(document: JsonObject): boolean {
  return document.version === undefined || document.version === 0;
}

export function needsMigration(document: JsonObject): boolean {
  return isOlderVersion(document) || document.format === undefined;
}

export function migrate(original: JsonObject): MigrationResult {
  const notes: MigrationNote[] = [];
  const rewrites: PathRewrite[] = [];
  const originalSegments = (segments: readonly PathSegment[]): PathSegment[] => {
    for (const rewrite of rewrites) {
      if (startsWith(segments, rewrite.from)) return [...rewrite.to, ...segments.slice(rewrite.from.length)];
    }
    return [...segments];
  };
  if (!needsMigration(original)) return { document: original, notes, originalSegments };

  const saveHint = isOlderVersion(original) ? 'saving the file writes the version 1 layout' : 'saving the file adds it';
  const leading: JsonObject = { format: original.format ?? NNJSON_FORMAT };
  if (original.format === undefined) notes.push({ segments: [], message: `The file has no "format": read as "nnjson"; ${saveHint}` });
  if (!isOlderVersion(original)) return { document: withLeadingKeys(original, leading), notes, originalSegments };

  leading.version = NNJSON_VERSION;
  const versionText = original.version === undefined ? 'has no "version"' : 'is version 0';
  notes.push({ segments: original.version === undefined ? [] : ['version'], message: `The file ${versionText}: read as an older layout and migrated to version ${NNJSON_VERSION}; ${saveHint}` });
  let document = withLeadingKeys(original, leading);

  if (document.layers === undefined && Array.isArray(document.modules)) {
    document = renameKey(document, 'modules', 'layers');
    rewrites.push({ from: ['layers'], to: ['modules'] });
    notes.push({ segments: ['layers'], message: `"modules" is now called "layers": renamed; ${saveHint}` });
  }
  if (document.input === undefined && typeof document.inputSize === 'number') {
    document = renameKey(document, 'inputSize', 'input', { size: document.inputSize });
    rewrites.push({ from: ['input', 'size'], to: ['inputSize'] }, { from: ['input'], to: ['inputSize'] });
    notes.push({ segments: ['input'], message: `"inputSize": N is now "input": { "size": N }: converted; ${saveHint}` });
  }
  for (const key of ['loss', 'optimizer'] as const) {
    const value = document[key];
    if (typeof value === 'string') {
      document = renameKey(document, key, key, { type: value });
      rewrites.push({ from: [key, 'type'], to: [key] }, { from: [key], to: [key] });
      notes.push({ segments: [key], message: `"${key}": "${value}" is now "${key}": { "type": "${value}" }: converted; ${saveHint}` });
    }
  }
  const layers = document.layers;
  if (Array.isArray(layers)) {
    const layersKey = rewrites.some((rewrite) => rewrite.to[0] === 'modules') ? 'modules' : 'layers';
    const migratedLayers = layers.map((layer, index) => {
      if (!isObject(layer) || layer.id !== undefined || typeof layer.name !== 'string') return layer;
      rewrites.unshift({ from: ['layers', index, 'id'], to: [layersKey, index, 'name'] });
      notes.push({ segments: ['layers', index, 'id'], message: `Layer "name" is now "id": renamed "${layer.name}"; ${saveHint}` });
      return renameKey(layer, 'name', 'id');
    });
    document = renameKey(document, 'layers', 'layers', migratedLayers);
  }
  return { document, notes, originalSegments };
}
