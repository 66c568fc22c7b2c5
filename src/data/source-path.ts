/**
 * Spellings of a `data.source` path. `./data/iris.csv`, `data/iris.csv` and `data\iris.csv` name the same file:
 * compare and show the normalised form, but write the spelling the user chose. Browser-safe.
 */
import { isBuiltinSource } from './builtin';

/** Forward slashes, no `.` or empty segments, `dir/..` folded; a leading `/` or `..` is kept. */
export function normalizeSourcePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment !== '..' || !absolute) segments.push(segment);
  }
  return (absolute ? '/' : '') + segments.join('/');
}

export function sameSourcePath(a: string, b: string): boolean {
  return normalizeSourcePath(a) === normalizeSourcePath(b);
}

/** How messages name a data source: `builtin:NAME`, or the CSV's file name. */
export function sourceLabel(source: string): string {
  if (isBuiltinSource(source)) return source;
  const normalized = normalizeSourcePath(source);
  return normalized.slice(normalized.lastIndexOf('/') + 1) || source;
}

/**
 * The paths once each (by their normalised form), in their order. `keep` (the file's current source) keeps its own
 * spelling, and comes first when the list does not have it.
 */
export function uniqueSourcePaths(paths: readonly string[], keep?: string): string[] {
  const spelling = new Map<string, string>();
  for (const path of paths) {
    const key = normalizeSourcePath(path);
    if (!spelling.has(key)) spelling.set(key, path);
  }
  if (keep === undefined) return [...spelling.values()];
  const kept = normalizeSourcePath(keep);
  if (!spelling.has(kept)) return [keep, ...spelling.values()];
  return [...spelling].map(([key, path]) => (key === kept ? keep : path));
}
