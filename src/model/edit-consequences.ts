/**
 * A change of the model together with what it implies elsewhere in the file, as one set of edits (one undo step):
 * stated widths that follow a width change, and trained tensors that no longer fit their layer, each computed on
 * the model the change results in. Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { applyTextEdits, composeEdits, type EditPlan, type TextEdit } from './edit';
import { dropUnfitTensors } from './fresh-weights';
import { readModel } from './reader';
import { followingWidthEdits } from './width-follow';

export interface ConsequenceOptions {
  /** Carry stated widths along (`followingWidthEdits`); the builder asks for it when it sets a value. */
  followWidths: boolean;
}

/** `edits` on `text` (whose model is `before`) with their consequences added, and notes on what they mean. */
export function withConsequences(text: string, before: NnJsonModel, edits: TextEdit[], options: ConsequenceOptions): EditPlan {
  const trained = before.parameters !== undefined && Object.keys(before.parameters).length > 0;
  if (edits.length === 0 || (!options.followWidths && !trained)) return { edits, notes: [] };
  let combined = edits;
  let current = applyTextEdits(text, edits);
  let after = readModel(current).model;
  if (after && options.followWidths) {
    const following = followingWidthEdits(current, before, after);
    if (following.length > 0) {
      combined = composeEdits(text, combined, following);
      current = applyTextEdits(current, following);
      after = trained ? readModel(current).model : after;
    }
  }
  if (!after || !trained) return { edits: combined, notes: [] };
  const dropped = dropUnfitTensors(current, before, after);
  return { edits: composeEdits(text, combined, dropped.edits), notes: dropped.notes };
}
