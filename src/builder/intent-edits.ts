/**
 * Turns a builder intent into minimal text edits of the document (through src/model/edit.ts), so undo, dirty
 * state and git diffs behave as for any text edit. No vscode import: the provider applies the edits, and the
 * tests check them directly.
 */
import {
  defaultLayer, insertLayer, ModelEditError, moveLayer, removeLayer, removeValue, renameLayer, setValue, uniqueLayerId,
  type TextEdit,
} from '../model/edit';
import { inferShapes } from '../model/shapes';
import type { LayerSpec, NnJsonModel } from '../shared/nnjson';
import type { FromWebview } from '../shared/webview-protocol';

export type { TextEdit };

export type EditIntent = Extract<FromWebview, { type: 'insertLayer' | 'moveLayer' | 'removeLayer' | 'duplicateLayer' | 'setValue' }>;

/** The width coming into position `index` of the layer list. */
export function incomingWidth(model: NnJsonModel, index: number): number {
  if (index <= 0) return model.input.size;
  return inferShapes({ input: model.input, layers: model.layers.slice(0, index) }).outputWidth;
}

/** Edits for `intent` against `text` (whose parsed model is `model`), or an error that says why not. */
export function editsForIntent(text: string, model: NnJsonModel, intent: EditIntent): TextEdit[] | { error: string } {
  const count = model.layers.length;
  const isIndex = (index: number, max: number) => Number.isInteger(index) && index >= 0 && index <= max;
  try {
    switch (intent.type) {
      case 'insertLayer': {
        if (!isIndex(intent.index, count)) return { error: `Cannot insert at position ${intent.index}: the model has ${count} layers.` };
        const layer = defaultLayer(intent.layerType, incomingWidth(model, intent.index), uniqueLayerId(model, intent.layerType));
        return insertLayer(text, intent.index, layer);
      }
      case 'duplicateLayer': {
        if (!isIndex(intent.index, count - 1)) return { error: `There is no layer ${intent.index} to duplicate.` };
        const original = model.layers[intent.index];
        const copy = { ...original, id: uniqueLayerId(model, original.type) } as LayerSpec;
        return insertLayer(text, intent.index + 1, copy);
      }
      case 'removeLayer':
        if (!isIndex(intent.index, count - 1)) return { error: `There is no layer ${intent.index} to remove.` };
        return removeLayer(text, intent.index);
      case 'moveLayer':
        if (!isIndex(intent.from, count - 1) || !isIndex(intent.to, count - 1)) {
          return { error: `Cannot move layer ${intent.from} to ${intent.to}: the model has ${count} layers.` };
        }
        return intent.from === intent.to ? [] : moveLayer(text, intent.from, intent.to);
      case 'setValue': {
        const [first, index, key] = intent.path;
        if (first === 'layers' && typeof index === 'number' && key === 'id' && intent.path.length === 3 && typeof intent.value === 'string') {
          // keeps the layer's trained parameters attached to it
          return renameLayer(text, index, intent.value);
        }
        return intent.value === undefined ? removeValue(text, intent.path) : setValue(text, intent.path, intent.value);
      }
    }
  } catch (error) {
    if (error instanceof ModelEditError) return { error: error.message };
    throw error;
  }
}
