/**
 * Turns a builder intent into minimal text edits of the document (through src/model/edit.ts), so undo, dirty
 * state and git diffs behave as for any text edit. Intents name layers by id and are resolved against the text
 * they are applied to, which may be newer than what the webview showed. No vscode import: the provider applies
 * the edits, and the tests check them directly.
 */
import {
  defaultLayer, editsForChanges, insertLayer, ModelEditError, moveLayer, removeLayer, removeValue, renameLayer, setValue, uniqueLayerId,
  type EditPlan, type TextEdit,
} from '../model/edit';
import { withConsequences } from '../model/edit-consequences';
import { resetWeights } from '../model/fresh-weights';
import { incomingWidth, modelShapes } from '../model/layer-widths';
import { readModel } from '../model/reader';
import type { DiagnosticFix } from '../shared/diagnostics';
import type { LayerSpec, NnJsonModel } from '../shared/nnjson';
import type { FromWebview, LayerIntent, LayerPlace } from '../shared/webview-protocol';

export type { EditPlan, TextEdit };

export type EditIntent = LayerIntent | Extract<FromWebview, { type: 'resetWeights' }>;

class IntentError extends Error {}

function indexOfLayer(model: NnJsonModel, id: string): number {
  const index = model.layers.findIndex((layer) => layer.id === id);
  if (index < 0) throw new IntentError(`There is no layer "${id}" any more (the model changed meanwhile): nothing was changed.`);
  return index;
}

/** The position in the current layer list that `place` names. */
function positionOf(model: NnJsonModel, place: LayerPlace): number {
  if ('at' in place) return place.at === 'start' ? 0 : model.layers.length;
  if ('before' in place) return indexOfLayer(model, place.before);
  return indexOfLayer(model, place.after) + 1;
}

/** The fix titled `title` of a diagnostic of layer `id` in `text` (the one the Problems panel offers as well). */
function layerFix(text: string, model: NnJsonModel, id: string, title: string): DiagnosticFix {
  const index = indexOfLayer(model, id);
  const fix = readModel(text).diagnostics
    .filter((diagnostic) => diagnostic.segments[0] === 'layers' && diagnostic.segments[1] === index)
    .flatMap((diagnostic) => diagnostic.data?.fixes ?? [])
    .find((candidate) => candidate.title === title);
  if (!fix) throw new IntentError(`"${title}" no longer fits ${id} (the model changed meanwhile): nothing was changed.`);
  return fix;
}

/**
 * Edits for `intent` against `text` (whose parsed model is `model`), or an error that says why not. A change of
 * the layers brings its consequences in the same edit (src/model/edit-consequences.ts): a set value carries the
 * stated widths after it along, and trained tensors that no longer fit are dropped, with a note that says so.
 */
export function editsForIntent(text: string, model: NnJsonModel, intent: EditIntent): EditPlan | { error: string } {
  try {
    if (intent.type === 'resetWeights') return resetWeights(text, model, intent.id);
    const edits = changeEdits(text, model, intent);
    if ('error' in edits) return edits;
    const setsValue = intent.type === 'setLayerValue' || intent.type === 'setValue';
    const changesLayers = intent.type !== 'setValue' || intent.path[0] === 'input';
    return withConsequences(text, model, edits, { followWidths: setsValue, changesLayers });
  } catch (error) {
    if (error instanceof ModelEditError) return { error: error.message };
    throw error;
  }
}

/** The edits of the change itself. */
function changeEdits(text: string, model: NnJsonModel, intent: LayerIntent): TextEdit[] | { error: string } {
  try {
    switch (intent.type) {
      case 'insertLayer': {
        const index = positionOf(model, intent.place);
        const layer = defaultLayer(intent.layerType, incomingWidth(modelShapes(model)[index]) ?? Number.NaN, uniqueLayerId(model, intent.layerType));
        return insertLayer(text, index, layer);
      }
      case 'duplicateLayer': {
        const index = indexOfLayer(model, intent.id);
        const original = model.layers[index];
        const copy = { ...original, id: uniqueLayerId(model, original.type) } as LayerSpec;
        return insertLayer(text, index + 1, copy);
      }
      case 'removeLayer':
        return removeLayer(text, indexOfLayer(model, intent.id));
      case 'moveLayer': {
        const from = indexOfLayer(model, intent.id);
        const to = Math.max(0, Math.min(model.layers.length - 1, from + intent.by));
        return to === from ? [] : moveLayer(text, from, to);
      }
      case 'placeLayer': {
        const from = indexOfLayer(model, intent.id);
        const position = positionOf(model, intent.place);
        // `position` counts places before the layer is taken out; after that, later places shift by one
        const to = position > from ? position - 1 : position;
        return to === from ? [] : moveLayer(text, from, to);
      }
      case 'setLayerValue': {
        const index = indexOfLayer(model, intent.id);
        if (intent.key === 'type') throw new IntentError('The builder does not change a layer\'s type: insert a new layer instead.');
        if (intent.key === 'id') {
          if (typeof intent.value !== 'string') throw new IntentError('A layer id is a name: type one.');
          // keeps the layer's trained parameters attached to it
          return intent.value === intent.id ? [] : renameLayer(text, index, intent.value);
        }
        const path = ['layers', index, intent.key];
        return intent.value === undefined ? removeValue(text, path) : setValue(text, path, intent.value);
      }
      case 'setValue':
        if (intent.path[0] === 'layers') throw new IntentError('Layers are changed by id (setLayerValue), not by path.');
        return intent.value === undefined ? removeValue(text, intent.path) : setValue(text, intent.path, intent.value);
      case 'fixLayer':
        return editsForChanges(text, layerFix(text, model, intent.id, intent.title).changes);
    }
  } catch (error) {
    if (error instanceof ModelEditError || error instanceof IntentError) return { error: error.message };
    throw error;
  }
}
