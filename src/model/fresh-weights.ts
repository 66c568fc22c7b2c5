/**
 * What starts from fresh weights: the trained tensors a change of the layers leaves without a fit (dropped in the
 * same edit, with a note naming them), and resetting the weights of one layer or of all. A tensor the file lacks
 * is initialised from `training.seed` (src/model/bridge.ts), so dropping exactly the tensors that no longer fit
 * keeps the others' training. Browser-safe.
 */
import type { NnJsonModel, TensorJson } from '../shared/nnjson';
import { ModelEditError, removeValues, type EditPlan } from './edit';
import type { PathSegment } from './json-tree';
import { modelWidthShapes } from './layer-widths';
import { formatShape, parameterShapes } from './shapes';

type Shapes = Record<string, number[] | undefined>;

/** For each layer id, the tensors its layer stores and their shapes. */
function expectedShapesById(model: Pick<NnJsonModel, 'input' | 'layers'>): Map<string, Shapes> {
  const shapes = new Map<string, Shapes>();
  const incoming = modelWidthShapes(model);
  model.layers.forEach((layer, index) => {
    if (!shapes.has(layer.id)) shapes.set(layer.id, parameterShapes(layer, incoming[index]));
  });
  return shapes;
}

function fits(tensor: TensorJson | null, shape: number[] | undefined): boolean {
  return shape !== undefined && typeof tensor === 'object' && tensor !== null && Array.isArray(tensor.shape) && tensor.shape.length === shape.length && tensor.shape.every((dimension, i) => dimension === shape[i]);
}

/**
 * The edits on `text` (whose model is `after`, the result of a change to `before`) that remove the trained tensors
 * which fitted their layer before the change and do not after it: a layer's whole entry when none of its tensors
 * fit any more, else the single tensors (a Linear's W when its `in` changed, its b when its bias was turned off).
 * `parameters` goes when nothing is left in it. Tensors that did not fit before are left to the diagnostics.
 */
export function dropUnfitTensors(text: string, before: NnJsonModel, after: NnJsonModel): EditPlan {
  const stored = after.parameters;
  if (!stored) return { edits: [], notes: [] };
  const wasExpected = expectedShapesById(before);
  const isExpected = expectedShapesById(after);
  const paths: PathSegment[][] = [];
  const notes: string[] = [];
  const emptied = new Set<string>();
  for (const layer of after.layers) {
    const entry = stored[layer.id];
    const was = wasExpected.get(layer.id);
    const now = isExpected.get(layer.id);
    if (!entry || !was || !now || emptied.has(layer.id)) continue;
    const names = Object.keys(entry);
    const dropped = names.filter((name) => fits(entry[name], was[name]) && !fits(entry[name], now[name]));
    if (dropped.length === 0) continue;
    const whole = dropped.length === names.length;
    if (whole) {
      emptied.add(layer.id);
      paths.push(['parameters', layer.id]);
    } else {
      for (const name of dropped) paths.push(['parameters', layer.id, name]);
    }
    const reshaped = dropped.find((name) => now[name] !== undefined);
    if (reshaped !== undefined) {
      notes.push(`${whole ? layer.id : `${layer.id}.${reshaped}`} starts from fresh weights: its shape changed from ${formatShape(entry[reshaped].shape)} to ${formatShape(now[reshaped]!)}`);
    } else if (layer.type === 'Linear' && layer.bias === false && dropped.every((name) => name === 'b')) {
      notes.push(`${layer.id}.b was removed: ${layer.id} has no bias now`);
    } else if (Object.keys(now).length === 0) {
      notes.push(`${layer.id}'s trained weights were removed: a ${layer.type} layer has none`);
    } else {
      notes.push(`${layer.id} starts from fresh weights: it is a ${layer.type} layer now`);
    }
  }
  if (paths.length === 0) return { edits: [], notes: [] };
  const emptiesAll = Object.keys(stored).every((id) => emptied.has(id));
  return { edits: removeValues(text, emptiesAll ? [['parameters']] : paths), notes };
}

/** What a reset needs of the model. */
export type TrainedState = Pick<NnJsonModel, 'parameters' | 'history' | 'trainingStatus' | 'data'>;

/**
 * Edits that reset trained weights. One layer: its `parameters` entry (the whole `parameters` when it was the only
 * one); the history still describes the other layers' training, and training continues from them. All layers:
 * `parameters` and what only describes their training: `history`, `trainingStatus` and `data.fitted` (the next run
 * starts afresh and fits them again; `data.classes` stays, the network's output is sized for it).
 */
export function resetWeights(text: string, model: TrainedState, layerId?: string): EditPlan {
  const trainedIds = Object.keys(model.parameters ?? {});
  if (layerId !== undefined) {
    if (!trainedIds.includes(layerId)) throw new ModelEditError(`${layerId} has no trained weights to reset`);
    const path = trainedIds.length === 1 ? ['parameters'] : ['parameters', layerId];
    return { edits: removeValues(text, [path]), notes: [`${layerId} starts from fresh weights`] };
  }
  const paths: PathSegment[][] = [];
  if (model.parameters !== undefined) paths.push(['parameters']);
  if (model.history !== undefined) paths.push(['history']);
  if (model.trainingStatus !== undefined) paths.push(['trainingStatus']);
  if (model.data?.fitted !== undefined) paths.push(['data', 'fitted']);
  if (paths.length === 0) throw new ModelEditError('The model has no trained weights to reset');
  const history = model.history !== undefined && model.history.length > 0 ? '; its training history was removed' : '';
  return { edits: removeValues(text, paths), notes: [`Every layer starts from fresh weights${history}`] };
}
