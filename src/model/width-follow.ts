/**
 * Widths that follow a change, as in Keras: when a change alters the width coming into a layer that states it
 * (`Linear.in`, `BatchNorm.features`) and the stated width was the old incoming one, it is set to the new one.
 * Layers that leave the width out follow by themselves; a stated width that did not match before is left alone
 * (its diagnostic still says so). Browser-safe.
 */
import type { LayerSpec, NnJsonModel } from '../shared/nnjson';
import type { PathSegment } from './json-tree';
import { incomingWidth, modelWidthShapes, statedWidth, widthKey } from './layer-widths';

export interface FollowingWidth {
  path: PathSegment[];
  value: number;
}

/** The stated widths of `after` (the result of a change to `before`) to set so that they follow the change. */
export function followingWidths(before: NnJsonModel, after: NnJsonModel): FollowingWidth[] {
  const widths = (model: NnJsonModel) => modelWidthShapes(model).map((shape) => incomingWidth(shape) ?? Number.NaN);
  const widthsBefore = widths(before);
  const incomingBefore = new Map<string, number>();
  before.layers.forEach((layer, index) => {
    if (!incomingBefore.has(layer.id)) incomingBefore.set(layer.id, widthsBefore[index]);
  });
  const widthsAfter = widths(after);
  const following: FollowingWidth[] = [];
  after.layers.forEach((layer, index) => {
    const key = widthKey(layer.type);
    const stated = statedWidth(layer);
    const was = incomingBefore.get(layer.id);
    const now = widthsAfter[index];
    if (key && stated !== undefined && stated === was && now !== was && Number.isInteger(now)) following.push({ path: ['layers', index, key], value: now });
  });
  return following;
}

/** `model` with the following widths set, as the text will be once they are. */
export function withFollowingWidths(model: NnJsonModel, following: readonly FollowingWidth[]): NnJsonModel {
  if (following.length === 0) return model;
  const layers = [...model.layers];
  for (const { path: [, index, key], value } of following) layers[index as number] = { ...layers[index as number], [key as string]: value } as LayerSpec;
  return { ...model, layers };
}
