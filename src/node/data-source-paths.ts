/** How a model file names a data file in `data.source`: relative to the model's folder, with forward slashes. */
import * as path from 'node:path';

/** `data.source` for `file` in a model of `modelDir`. */
export function relativeDataSource(modelDir: string, file: string): string {
  return path.relative(modelDir, file).split(path.sep).join('/');
}

/** `files` as `data.source` paths of a model in `modelDir`: those inside its folder first, then those reached with `..`. */
export function dataSourcesFrom(modelDir: string, files: readonly string[]): string[] {
  return files
    .map((file) => relativeDataSource(modelDir, file))
    .sort((a, b) => Number(a.startsWith('..')) - Number(b.startsWith('..')) || a.localeCompare(b));
}
