/** "Did you mean" suggestions for misspelt names (layer types, keys, optimizers). Browser-safe. */
import { LAYER_DESCRIPTORS } from '../registry/layers/index';
import { LOSS_DESCRIPTORS } from '../registry/losses';
import { OPTIMIZER_DESCRIPTORS } from '../registry/optimizers';

/** Names people bring from other frameworks (the descriptors' aliases), mapped to the nnjson name. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  [...LAYER_DESCRIPTORS, ...LOSS_DESCRIPTORS, ...OPTIMIZER_DESCRIPTORS]
    .flatMap((descriptor) => (descriptor.aliases ?? []).map((alias): [string, string] => [alias, descriptor.type])),
);

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The candidate closest to `name`, or undefined when nothing is close enough to be a plausible typo.
 * Case and `_`/`-` differences count as exact; known aliases from other frameworks win.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const normalise = (text: string): string => text.toLowerCase().replace(/[_\-\s]/g, '');
  const wanted = normalise(name);
  const alias = ALIASES.get(wanted);
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(wanted.length, 3) / 3));
  return bestDistance <= allowed ? best : undefined;
}
