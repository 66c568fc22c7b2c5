/**
 * The data panel's thumbnails of image data: the first pictures of a generated image set, drawn here as the host
 * would generate them, or the first images of an image CSV (with input.shape), an IDX pair or a folder of images,
 * which the host reads (the webview cannot read files) and sends as a `dataImagePreview`.
 */
import { BUILTIN_DATASETS, BUILTIN_PREFIX, generateBuiltin, type BuiltinName, type BuiltinOptions } from '../../src/data/builtin';
import { isIdxSource } from '../../src/data/idx';
import { taskOfLoss } from '../../src/data/preprocess';
import { sourceLabel } from '../../src/data/source-path';
import type { DataFactsState } from '../../src/shared/data-facts';
import type { ImageSample, ImageSampleSet } from '../../src/shared/image-samples';
import type { DataSpec, NnJsonModel } from '../../src/shared/nnjson';
import { DATA_PREVIEW_IMAGES, type DataImagePreviewRequest, type FromWebview } from '../../src/shared/webview-protocol';
import type { BuilderStore } from '../store';
import { ImageGrid } from './image-grid';

export type SourceKind = 'builtin' | 'csv' | 'folder' | 'idx' | 'none';

/**
 * What kind of data `data.source` names: a generated set, IDX files (by their names), a folder of images (as the
 * host's facts say, or a last path segment without an extension while they are read) or a CSV file.
 */
export function sourceKind(data: DataSpec | undefined, facts?: DataFactsState): SourceKind {
  if (!data || typeof data.source !== 'string') return 'none';
  if (data.source.startsWith(BUILTIN_PREFIX)) return 'builtin';
  if (isIdxSource(data.source)) return 'idx';
  if (facts?.status === 'ready' && facts.facts.source === data.source) return facts.facts.kind === 'image-folder' ? 'folder' : 'csv';
  return /\.[^./\\]+$/.test(data.source.replace(/[/\\]+$/, '')) ? 'csv' : 'folder';
}

/** The options of a generated set as the file writes them (values that are not numbers are the generator's to refuse). */
export function builtinOptions(data: DataSpec): BuiltinOptions {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return { samples: number(data.samples), noise: number(data.noise), classes: number(data.classes), seed: number(data.seed) };
}

/** The first `count` pictures of a generated image set (the same as the first rows of the whole set), or undefined for a set of points. */
export function generatedImages(data: DataSpec, count = DATA_PREVIEW_IMAGES): ImageSampleSet | undefined {
  const name = data.source.slice(BUILTIN_PREFIX.length) as BuiltinName;
  const info = BUILTIN_DATASETS[name];
  if (!info?.imageShape) return undefined;
  const options = builtinOptions(data);
  const total = options.samples ?? info.defaults.samples;
  // pictures are drawn one after another from one seeded stream: the first ones do not depend on how many follow
  const dataset = generateBuiltin(name, { ...options, samples: Number.isInteger(total) && total > count ? count : total });
  const samples: ImageSample[] = [];
  for (let row = 0; row < Math.min(count, dataset.rows); row++) {
    samples.push({ row, label: dataset.classNames?.[dataset.y[row]], pixels: Array.from(dataset.x.subarray(row * dataset.cols, (row + 1) * dataset.cols)) });
  }
  const [channels, height, width] = info.imageShape;
  return { shape: [channels, height, width], samples, total };
}

/** What the host is asked to read for `model`, or undefined when its data is no image data of a file. */
export function imagePreviewRequest(model: NnJsonModel, kind: SourceKind): DataImagePreviewRequest | undefined {
  const data = model.data;
  if (!data) return undefined;
  const shape = model.input.shape;
  if (kind === 'csv' && shape?.length !== 3) return undefined;
  if (kind !== 'csv' && kind !== 'folder' && kind !== 'idx') return undefined;
  return { data, ...(shape ? { inputShape: [...shape] } : {}), task: taskOfLoss(model.loss.type) };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export class DataImages {
  readonly grid = new ImageGrid('First images of the data');
  private requested = '';
  /** What the grid shows now, so a render that changes nothing draws nothing. */
  private shown: unknown;

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {}

  /** Shows the thumbnails of the model's data of `kind`; hides them when it holds no pictures. */
  update(model: NnJsonModel, kind: SourceKind): void {
    const data = model.data;
    const generated = kind === 'builtin' && data ? this.generated(data) : undefined;
    if (generated !== undefined) {
      this.grid.element.hidden = false;
      return;
    }
    const request = imagePreviewRequest(model, kind);
    this.grid.element.hidden = request === undefined;
    if (!request) return;
    const key = JSON.stringify(request);
    if (key !== this.requested) {
      this.requested = key;
      this.post({ type: 'requestDataImagePreview', request });
    }
    const preview = this.store.dataImagePreview;
    const label = sourceLabel(request.data.source);
    const current = preview && JSON.stringify(preview.request) === key ? preview : undefined;
    if (!this.changed(current ?? key)) return;
    if (!current) {
      this.grid.reading(`Reading the first images of ${label}…`);
    } else if (current.status === 'failed') {
      this.grid.failed(current.message);
    } else {
      const order = kind === 'folder' ? ', the first of each class in turn' : '';
      this.grid.show(current.images, `First ${current.images.samples.length} of ${plural(current.images.total, 'image')} of ${label}${order}`, current.problems);
    }
  }

  private changed(shown: unknown): boolean {
    if (shown === this.shown) return false;
    this.shown = shown;
    return true;
  }

  /** Draws a generated image set's first pictures; undefined when the set is not pictures. */
  private generated(data: DataSpec): true | undefined {
    if (!BUILTIN_DATASETS[data.source.slice(BUILTIN_PREFIX.length) as BuiltinName]?.imageShape) return undefined;
    if (!this.changed(JSON.stringify([data.source, data.samples, data.noise, data.classes, data.seed]))) return true;
    let images: ImageSampleSet | undefined;
    try {
      images = generatedImages(data);
    } catch (error) {
      this.grid.failed(error instanceof Error ? error.message : String(error));
      return true;
    }
    if (!images) return undefined;
    this.grid.show(images, `First ${images.samples.length} of ${plural(images.total, 'picture')} of ${data.source}`);
    return true;
  }
}
