/**
 * Loads the data a model names (`data.source`, or an override) as encoded, unnormalised rows. Node only.
 * CSV paths are relative to the model file's folder; with `workspaceRoot` set, paths that leave it are refused
 * (the extension sets it in untrusted workspaces).
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { builtinNameOf, generateBuiltin, isBuiltinSource } from '../data/builtin';
import { readCsvFile } from '../node/csv-file';
import { readIdxFile } from '../node/idx-file';
import { loadImageFolder } from '../node/image-folder';
import { idxDataset, isIdxSource } from '../data/idx';
import { DataError } from '../data/errors';
import { classesIfKnown, csvOptionsFor, encodeGenerated, encodeTable, type EncodedData } from '../data/preprocess';
import type { Task } from '../data/dataset';
import type { DataSpec } from '../shared/nnjson';

export interface DataLocation {
  /** Folder of the model file: CSV paths in `data.source` are relative to it. */
  modelDir: string;
  /** When set, a CSV path outside this folder is refused. */
  workspaceRoot?: string;
}

/** Where a CSV source points, checked against the workspace root. */
export function resolveDataPath(source: string, location: DataLocation): string {
  const path = resolve(location.modelDir, source);
  if (location.workspaceRoot !== undefined) {
    const root = resolve(location.workspaceRoot);
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) {
      throw new DataError(
        `data.source "${source}" points outside the workspace (${root}): this workspace is not trusted, ` +
          'so only data inside it can be read; move the file into the workspace or trust the workspace',
      );
    }
  }
  return path;
}

/** A short name for messages: relative to the current folder when that is shorter. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : path;
}

/** Where data.`key` (`source`, `labels`) points, checked against the workspace root; a DataError when nothing is there. */
export function existingDataPath(source: string, location: DataLocation, key = 'source'): string {
  const path = resolveDataPath(source, location);
  if (!existsSync(path)) throw new DataError(`${displayPath(path)}: file not found: check data.${key} (paths are relative to the model file's folder)`);
  return path;
}

function numberOption(spec: DataSpec, key: 'samples' | 'noise' | 'seed'): number | undefined {
  const value = spec[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new DataError(`data.${key} is ${JSON.stringify(value)}: use a number`);
  return value;
}

/**
 * Read the data for `spec`. With `requireTargets` false (prediction) a CSV may lack the target columns.
 * `inputShape` is the model's `input.shape`, when it has one: the size a folder of images is converted to.
 */
export async function loadEncodedData(spec: DataSpec, task: Task, location: DataLocation, requireTargets = true, inputShape?: readonly number[]): Promise<EncodedData> {
  if (typeof spec.source !== 'string' || spec.source.length === 0) {
    throw new DataError('data.source is missing: set it to "builtin:xor" (or another generated set) or to a CSV path');
  }
  if (isBuiltinSource(spec.source)) {
    const name = builtinNameOf(spec.source);
    const classes = spec.classes;
    const dataset = generateBuiltin(name, {
      samples: numberOption(spec, 'samples'),
      noise: numberOption(spec, 'noise'),
      seed: numberOption(spec, 'seed'),
      classes: typeof classes === 'number' ? classes : Array.isArray(classes) ? classes.length : undefined,
    });
    if (dataset.task !== task) {
      throw new DataError(
        `${spec.source} is a ${dataset.task} set but the loss is ${task === 'classification' ? 'CrossEntropy' : 'MSE'}: ` +
          `use ${dataset.task === 'classification' ? 'CrossEntropy with a SoftMax output' : 'MSE'} or another data set`,
      );
    }
    return encodeGenerated(dataset);
  }
  if (isIdxSource(spec.source)) return loadIdx(spec, task, location, requireTargets);
  // a missing file is the first thing to fix, before any column setting (csvOptionsFor checks data.target)
  const path = existingDataPath(spec.source, location);
  if (statSync(path).isDirectory()) return loadImages(path, task, inputShape, classesIfKnown(spec));
  const table = await readCsvFile(path, { displayName: displayPath(path), ...csvOptionsFor(spec, task, requireTargets) });
  return encodeTable(table, spec, task);
}

/** IDX images (`data.source`) and their labels (`data.labels`), each gzipped or not: a classification set of pictures. */
async function loadIdx(spec: DataSpec, task: Task, location: DataLocation, requireTargets: boolean): Promise<EncodedData> {
  if (task !== 'classification') {
    throw new DataError(`${spec.source}: IDX labels are classes, but the loss is MSE: use CrossEntropy with a SoftMax output`);
  }
  const labelsSource = spec.labels;
  if (labelsSource !== undefined && typeof labelsSource !== 'string') {
    throw new DataError(`data.labels is ${JSON.stringify(labelsSource)}: set it to the path of the IDX labels file, e.g. "train-labels-idx1-ubyte.gz"`);
  }
  if (labelsSource === undefined && requireTargets) {
    throw new DataError(`data.labels is missing: IDX images (${spec.source}) need their labels file; set "labels" to its path, e.g. "train-labels-idx1-ubyte.gz"`);
  }
  const file = async (source: string, key: string) => {
    const path = existingDataPath(source, location, key);
    return { array: await readIdxFile(path, displayPath(path)), name: displayPath(path) };
  };
  const images = await file(spec.source, 'source');
  const labels = labelsSource === undefined ? undefined : await file(labelsSource, 'labels');
  const dataset = idxDataset(images.array, labels?.array, images.name, labels?.name ?? '');
  return { ...encodeGenerated(dataset), hasTargets: labels !== undefined };
}

/**
 * A folder of images, one subfolder per class (src/node/image-folder.ts), scaled to [0, 1]; labelled by the
 * model's data.classes when it lists them (trained models do), else by the sorted subfolders.
 */
function loadImages(path: string, task: Task, inputShape: readonly number[] | undefined, classes: readonly string[] | undefined): EncodedData {
  if (task !== 'classification') {
    throw new DataError(`${displayPath(path)}: a folder of images gives classes (its subfolders), but the loss is MSE: use CrossEntropy with a SoftMax output`);
  }
  const shape = inputShape?.length === 3 ? ([inputShape[0], inputShape[1], inputShape[2]] as const) : undefined;
  return encodeGenerated(loadImageFolder(path, { shape, scale: true, ...(classes ? { classes } : {}) }));
}
