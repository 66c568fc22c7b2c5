/** "Did you mean" suggestions for misspelt names (layer types, keys, optimizers). Browser-safe. */

/** Names people bring from other frameworks, mapped to the nnjson name. */
const ALIASES: Readonly<Record<string, string>> = {
  dense: 'Linear',
  fullyconnected: 'Linear',
  fc: 'Linear',
  batchnorm1d: 'BatchNorm',
  batchnormalization: 'BatchNorm',
  leakyrelu: 'LeakyReLU',
  softmax: 'SoftMax',
  logistic: 'Sigmoid',
  crossentropyloss: 'CrossEntropy',
  categoricalcrossentropy: 'CrossEntropy',
  mseloss: 'MSE',
  meansquarederror: 'MSE',
  rmsprop: 'RMSProp',
};

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
  const alias = ALIASES[wanted];
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
