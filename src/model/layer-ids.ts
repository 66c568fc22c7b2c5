/** Readable, unique layer ids ("fc1", "relu2") for new layers and for fixing duplicates. Browser-safe. */
import { layerDescriptor } from '../registry/layers/index';
import type { LayerType, NnJsonModel } from '../shared/nnjson';

/** `prefix` + one more than the highest number already used with that prefix (never reuses a free gap). */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  let highest = 0;
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
  for (const id of taken) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let candidate = highest + 1;
  while (taken.has(`${prefix}${candidate}`)) candidate++;
  return `${prefix}${candidate}`;
}

/** A new id for a layer of `type` that no layer of `model` uses, e.g. "fc3" after "fc1" and "fc2". */
export function uniqueLayerId(model: Pick<NnJsonModel, 'layers'> | { layers?: readonly { id?: unknown }[] }, type: LayerType): string {
  const taken = new Set<string>();
  for (const layer of model.layers ?? []) if (typeof layer.id === 'string') taken.add(layer.id);
  return uniqueId(layerDescriptor(type).idPrefix, taken);
}
