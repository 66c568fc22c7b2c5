/**
 * The two layer lists side by side: each layer with its settings text, output shape and parameter count, whether it
 * was added, removed, moved, renamed or changed, and which of its settings changed (compared as they take effect,
 * so a left-out width equal to the stated one is no change). Browser-safe.
 */
import { layerDescriptor } from '../registry/layers/index';
import { layerValues } from '../registry/layer-descriptor';
import { layerSettingsText } from '../model/summary';
import { inferShapes, shapeText, type LayerShape } from '../model/shapes';
import type { LayerSpec, NnJsonModel } from '../shared/nnjson';
import { matchLayers } from './layer-match';
import { sameValue } from './setting-values';

export type LayerStatus = 'same' | 'changed' | 'added' | 'removed';

export interface SettingChange {
  key: string;
  a: unknown;
  b: unknown;
}

export interface LayerSide {
  index: number;
  id: string;
  type: string;
  /** "2 → 8", as the summary writes it. */
  settings: string;
  output: string;
  parameters: number;
  status: LayerStatus;
  /** Its index in the other model, when matched. */
  partner?: number;
  /** The matched layer's id in the other model, when it differs (a renamed layer). */
  otherId?: string;
  moved: boolean;
  changes: SettingChange[];
}

export interface LayerDiff {
  a: LayerSide[];
  b: LayerSide[];
}

/** The layer's settings as they take effect, plus any other key it states, for comparing. */
function effectiveSettings(layer: LayerSpec, shape: LayerShape): Record<string, unknown> {
  const stated = layer as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = { type: layer.type };
  for (const [key, value] of Object.entries(stated)) if (key !== 'id') values[key] = value;
  return { ...values, ...layerValues(layerDescriptor(layer.type), stated, shape.widthShape) };
}

function settingChanges(a: Record<string, unknown>, b: Record<string, unknown>): SettingChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => !sameValue(a[key], b[key])).map((key) => ({ key, a: a[key], b: b[key] }));
}

function side(model: NnJsonModel, shapes: LayerShape[], arrow: string): LayerSide[] {
  return model.layers.map((layer, index) => ({
    index, id: layer.id, type: layer.type,
    settings: layerSettingsText(layer, shapes[index].widthShape, arrow),
    output: shapeText(shapes[index].outputShape),
    parameters: shapes[index].parameterCount,
    status: 'same', moved: false, changes: [],
  }));
}

/** `arrow` is how the settings text writes "in → out" ("->" where only ASCII will do). */
export function diffLayers(a: NnJsonModel, b: NnJsonModel, arrow: string): LayerDiff {
  const shapesA = inferShapes(a).layers;
  const shapesB = inferShapes(b).layers;
  const sideA = side(a, shapesA, arrow);
  const sideB = side(b, shapesB, arrow);
  const match = matchLayers(a.layers, b.layers);
  for (const pair of match.pairs) {
    const changes = settingChanges(effectiveSettings(a.layers[pair.a], shapesA[pair.a]), effectiveSettings(b.layers[pair.b], shapesB[pair.b]));
    const status: LayerStatus = changes.length > 0 ? 'changed' : 'same';
    Object.assign(sideA[pair.a], { status, partner: pair.b, moved: pair.moved, changes, ...(pair.renamed ? { otherId: b.layers[pair.b].id } : {}) });
    Object.assign(sideB[pair.b], { status, partner: pair.a, moved: pair.moved, changes, ...(pair.renamed ? { otherId: a.layers[pair.a].id } : {}) });
  }
  for (const index of match.removed) sideA[index].status = 'removed';
  for (const index of match.added) sideB[index].status = 'added';
  return { a: sideA, b: sideB };
}
