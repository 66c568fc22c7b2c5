/**
 * A change of the model together with what it implies elsewhere in the file, as one set of edits (one undo step):
 * stated widths that follow a width change, and trained tensors that no longer fit their layer, each computed on
 * the model the change results in. Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { composeEdits } from './compose-edits';
import { applyTextEdits, setValues, type EditPlan, type TextEdit } from './edit';
import { dropUnfitTensors } from './fresh-weights';
import type { JsonObject } from './json-tree';
import { validateDocument } from './validate';
import { followingWidths, withFollowingWidths } from './width-follow';

export interface ConsequenceOptions {
  /** Carry stated widths along (`followingWidths`); the builder asks for it when it sets a value. */
  followWidths: boolean;
  /** Whether the change can touch `input` or `layers`; only such a change has consequences, so false skips the work. */
  changesLayers: boolean;
}

/**
 * What the consequences depend on (input, layers, and the shapes of the stored tensors) from the text after a
 * change, which is valid JSON (the change was made on valid JSON). Read without the history and the tensor data,
 * which a long-trained model is mostly made of; undefined when the layers do not make a model.
 */
function changedModel(text: string): NnJsonModel | undefined {
  const design = JSON.parse(text) as JsonObject;
  const parameters = design.parameters;
  delete design.history;
  delete design.parameters;
  return validateDocument(design).blocked ? undefined : { ...design, parameters } as unknown as NnJsonModel;
}

/** `edits` on `text` (whose model is `before`) with their consequences added, and notes on what they mean. */
export function withConsequences(text: string, before: NnJsonModel, edits: TextEdit[], options: ConsequenceOptions): EditPlan {
  const trained = before.parameters !== undefined && Object.keys(before.parameters).length > 0;
  if (edits.length === 0 || !options.changesLayers || (!options.followWidths && !trained)) return { edits, notes: [] };
  const changed = applyTextEdits(text, edits);
  let after = changedModel(changed);
  if (!after) return { edits, notes: [] };
  const following = options.followWidths ? followingWidths(before, after) : [];
  after = withFollowingWidths(after, following);
  // both sets are computed on the changed text, in places apart (layer widths, parameters), so they add up
  const dropped = trained ? dropUnfitTensors(changed, before, after) : { edits: [], notes: [] };
  return { edits: composeEdits(text, edits, [...setValues(changed, following), ...dropped.edits]), notes: dropped.notes };
}
