/**
 * What the quick fixes change, as minimal text edits (src/model/edit.ts) so the rest of the file keeps its
 * formatting: a layer width that does not match what comes in, a duplicate layer id, a missing loss or
 * optimizer, a misspelt type name, trained tensors that do not fit their layer, a CrossEntropy network without a
 * final SoftMax, and every diagnostic that carries its fixes as model changes (a layer that cannot take its shape:
 * insert a Flatten, a kernel that fits, the channels coming in; widths that do not fit the data), which the
 * builder's cards apply too. Pure (no vscode import), so unit tests cover it.
 */
import { editsForChanges, insertLayer, setValue, uniqueLayerId, type TextEdit } from '../model/edit';
import { resetWeights, type TrainedState } from '../model/fresh-weights';
import type { Diagnostic as ModelDiagnostic } from '../shared/diagnostics';

export interface FixPlan {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

/** The document as plain JSON, for the few fixes that need more than the diagnostic; undefined when it is not JSON. */
function parsed(text: string): { layers?: { type?: unknown; id?: unknown }[] } & TrainedState | undefined {
  try {
    return JSON.parse(text) as { layers?: { type?: unknown; id?: unknown }[] } & TrainedState;
  } catch {
    return undefined;
  }
}

function layersOf(text: string): { type?: unknown; id?: unknown }[] {
  const layers = parsed(text)?.layers;
  return Array.isArray(layers) ? layers : [];
}

function lastLayerType(text: string): string | undefined {
  const layers = layersOf(text);
  const type = layers[layers.length - 1]?.type;
  return typeof type === 'string' ? type : undefined;
}

/** The fixes for one diagnostic, as text edits on `text`; none when there is no safe fix. */
export function planFixes(text: string, diagnostic: ModelDiagnostic): FixPlan[] {
  const { code, segments, data } = diagnostic;
  const target = data?.fixPath ?? segments;
  if (data?.fixes) return data.fixes.map((fix, index) => ({ title: fix.title, edits: editsForChanges(text, fix.changes), preferred: index === 0 }));
  switch (code) {
    case 'width-mismatch':
      if (typeof data?.expected !== 'number') return [];
      return [{ title: `Set ${data.layerId ?? diagnostic.path}.${String(target[target.length - 1])} to ${data.expected} (the width coming in)`, edits: setValue(text, target, data.expected), preferred: true }];
    case 'duplicate-id':
      if (typeof data?.suggestion !== 'string') return [];
      return [{ title: `Rename the layer to "${data.suggestion}" (a unique id)`, edits: setValue(text, target, data.suggestion), preferred: true }];
    case 'missing-field':
      return missingFieldFixes(text, segments);
    case 'unknown-layer-type':
    case 'unknown-loss':
    case 'unknown-optimizer':
      if (typeof data?.suggestion !== 'string') return [];
      return [{ title: `Change to "${data.suggestion}"`, edits: setValue(text, target, data.suggestion), preferred: true }];
    case 'tensor-shape': {
      const layerId = data?.layerId;
      const model = parsed(text);
      if (typeof layerId !== 'string' || !model) return [];
      return [{ title: `Re-initialise ${layerId} (drop its trained weights)`, edits: resetWeights(text, model, layerId).edits, preferred: true }];
    }
    case 'loss-output': {
      if (data?.suggestion !== 'SoftMax') return [];
      const layers = layersOf(text);
      const softmax = { type: 'SoftMax' as const, id: uniqueLayerId({ layers }, 'SoftMax') };
      return [{ title: 'Insert a SoftMax layer at the end', edits: insertLayer(text, layers.length, softmax), preferred: true }];
    }
    default:
      return [];
  }
}

function missingFieldFixes(text: string, segments: readonly (string | number)[]): FixPlan[] {
  const path = segments.join('.');
  if (path === 'loss' || path === 'loss.type') {
    const classification = lastLayerType(text) === 'SoftMax';
    const make = (type: 'CrossEntropy' | 'MSE', preferred: boolean): FixPlan => ({
      title: `Add the loss ${type}${type === 'CrossEntropy' ? ' (classification)' : ' (regression)'}`,
      edits: path === 'loss' ? setValue(text, ['loss'], { type }) : setValue(text, ['loss', 'type'], type),
      preferred,
    });
    return [make('CrossEntropy', classification), make('MSE', !classification)];
  }
  if (path === 'optimizer') {
    return [{ title: 'Add the optimizer Adam (lr 0.001)', edits: setValue(text, ['optimizer'], { type: 'Adam', lr: 0.001 }), preferred: true }];
  }
  if (path === 'optimizer.type') {
    return [{ title: 'Set the optimizer type to Adam', edits: setValue(text, ['optimizer', 'type'], 'Adam'), preferred: true }];
  }
  return [];
}
