/**
 * Reads what a model's data gives the network (its DataFacts) with the code training uses (`loadEncodedData`,
 * `encodeTable`), so the builder and the Problems panel never disagree with training. Node only.
 *
 * Results are cached by the file (path, modification time and size) and the settings that change the encoding
 * (task, target, features, classes, fitted columns); a generated set by its name and options. A changed file is
 * read again; a missing one is not cached.
 */
import { stat } from 'node:fs/promises';
import { isBuiltinSource } from '../data/builtin';
import type { Task } from '../data/dataset';
import { dataFailureMessage } from '../data/errors';
import { isImageChannelCount } from '../data/image-pixels';
import type { DataFactsState } from '../shared/data-facts';
import type { DataSpec } from '../shared/nnjson';
import { dataFactsOf } from '../model/data-fit';
import { loadEncodedData, resolveDataPath, type DataLocation } from './load-data';

/** Distinct data settings kept; the builder and the diagnostics of a few open models need only a handful. */
const CACHE_ENTRIES = 32;

export class DataFactsReader {
  private readonly cache = new Map<string, Promise<DataFactsState>>();
  /** Number of times data was actually read (not answered from the cache), for tests. */
  reads = 0;

  /**
   * The facts of `data` for a model whose loss makes it a `task` model; `none` when there is no data.
   * `inputShape` is the model's input.shape, if any: a folder of images is read at that size, as training reads it.
   */
  async read(data: DataSpec | undefined, task: Task, location: DataLocation, inputShape?: readonly number[]): Promise<DataFactsState> {
    if (data === undefined) return { status: 'none' };
    // a shape the pictures cannot take (two channels, say) reads them at their own size, so that their facts name
    // the shape to set (dataFitProblems' fix)
    const shape = inputShape !== undefined && isImageChannelCount(inputShape[0]) ? inputShape : undefined;
    const key = await this.keyOf(data, task, location, shape);
    if (key === undefined) return this.load(data, task, location, shape);
    const cached = this.cache.get(key);
    if (cached) {
      // most recently used last, so the oldest goes first
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const pending = this.load(data, task, location, shape);
    this.cache.set(key, pending);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= CACHE_ENTRIES) break;
      this.cache.delete(oldest);
    }
    return pending;
  }

  private async keyOf(data: DataSpec, task: Task, location: DataLocation, inputShape: readonly number[] | undefined): Promise<string | undefined> {
    if (typeof data.source !== 'string') return undefined;
    if (isBuiltinSource(data.source)) return JSON.stringify([data.source, task, data.samples, data.noise, data.classes, data.seed]);
    let path: string;
    try {
      path = resolveDataPath(data.source, location);
    } catch {
      return undefined;
    }
    try {
      const file = await stat(path);
      const fitted = data.fitted;
      // only a folder of images depends on the input shape: a CSV is not read again when it changes
      const shape = file.isDirectory() ? inputShape : undefined;
      return JSON.stringify([path, file.mtimeMs, file.size, task, data.labels, data.target, data.features, data.classes, fitted?.featureColumns, fitted?.categories, shape]);
    } catch {
      return undefined;
    }
  }

  private async load(data: DataSpec, task: Task, location: DataLocation, inputShape: readonly number[] | undefined): Promise<DataFactsState> {
    this.reads += 1;
    const source = typeof data.source === 'string' ? data.source : '';
    try {
      const encoded = await loadEncodedData(data, task, location, true, inputShape);
      return { status: 'ready', facts: dataFactsOf(encoded, source) };
    } catch (error) {
      return { status: 'error', source, message: dataFailureMessage(error, source) };
    }
  }
}
