/**
 * Which layer of model A is which layer of model B: first by id, then, among the layers left, those of the same type
 * in the same order (a renamed layer). Matched layers out of their order are moved; the rest were added or removed.
 * Browser-safe.
 */
import type { LayerSpec } from '../shared/nnjson';

export interface LayerPair {
  /** Indices into A's and B's layers. */
  a: number;
  b: number;
  /** Matched by type and place, with another id. */
  renamed: boolean;
  /** Out of the order the other matched layers keep. */
  moved: boolean;
}

export interface LayerMatch {
  pairs: LayerPair[];
  /** Indices of A's layers B does not have, and of B's that A does not have. */
  removed: number[];
  added: number[];
}

/** Pairs of a longest common subsequence of `a` and `b` under `same`, in order. */
function commonSubsequence<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = same(a[i], b[j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (same(a[i], b[j])) pairs.push([i++, j++]);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Positions (into `values`, which are distinct) of a longest increasing subsequence: the common one with the sorted list. */
function increasingSubsequence(values: readonly number[]): Set<number> {
  const sorted = [...values].sort((x, y) => x - y);
  return new Set(commonSubsequence(values, sorted, (x, y) => x === y).map(([i]) => i));
}

export function matchLayers(a: readonly LayerSpec[], b: readonly LayerSpec[]): LayerMatch {
  const byId = new Map(b.map((layer, index) => [layer.id, index]));
  const pairs: LayerPair[] = [];
  const matchedB = new Set<number>();
  a.forEach((layer, index) => {
    const partner = byId.get(layer.id);
    if (partner === undefined || matchedB.has(partner)) return;
    matchedB.add(partner);
    pairs.push({ a: index, b: partner, renamed: false, moved: false });
  });
  const leftA = a.map((_, i) => i).filter((i) => !pairs.some((pair) => pair.a === i));
  const leftB = b.map((_, i) => i).filter((i) => !matchedB.has(i));
  for (const [i, j] of commonSubsequence(leftA, leftB, (x, y) => a[x].type === b[y].type)) {
    pairs.push({ a: leftA[i], b: leftB[j], renamed: true, moved: false });
  }
  pairs.sort((x, y) => x.a - y.a);
  const inOrder = increasingSubsequence(pairs.map((pair) => pair.b));
  pairs.forEach((pair, position) => {
    pair.moved = !inOrder.has(position);
  });
  return {
    pairs,
    removed: a.map((_, i) => i).filter((i) => !pairs.some((pair) => pair.a === i)),
    added: b.map((_, i) => i).filter((i) => !pairs.some((pair) => pair.b === i)),
  };
}
