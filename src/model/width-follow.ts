/**
 * Widths that follow a change, as in Keras: when a change alters the width coming into a layer that states it
 * (`Linear.in`, `BatchNorm.features`) and the stated width was the old incoming one, it is set to the new one.
 * Layers that leave the width out follow by themselves; a stated width that did not match before is left alone
 * (its diagnostic still says so). Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { setValue, type TextEdit } from './edit';
import { modelWidths, statedWidth, widthKey } from './layer-widths';

/** The edits on `text` (whose model is `after`, the result of a change to `before`) that carry stated widths along. */
export function followingWidthEdits(text: string, before: NnJsonModel, after: NnJsonModel): TextEdit[] {
  const widthsBefore = modelWidths(before);
  const incomingBefore = new Map<string, number>();
  before.layers.forEach((layer, index) => {
    if (!incomingBefore.has(layer.id)) incomingBefore.set(layer.id, widthsBefore[index]);
  });
  const widthsAfter = modelWidths(after);
  const edits: TextEdit[] = [];
  after.layers.forEach((layer, index) => {
    const key = widthKey(layer.type);
    const stated = statedWidth(layer);
    const was = incomingBefore.get(layer.id);
    const now = widthsAfter[index];
    if (key && stated !== undefined && stated === was && now !== was && Number.isInteger(now)) {
      edits.push(...setValue(text, ['layers', index, key], now));
    }
  });
  return edits;
}
