/**
 * The first images of a model's image data, for the data panel's thumbnails, read without loading the data whole:
 * a folder's listing and the first image of each class in turn, the first images and labels of IDX files, the first
 * rows of an image CSV. Pixels are what the network gets before normalisation (the data layer's own conversion);
 * a file that cannot be read is reported with the data layer's message, which names it and the fix. Node only.
 */
import { statSync } from 'node:fs';
import { csvTableFromText } from '../data/csv-table';
import type { Dataset } from '../data/dataset';
import { DataError, dataFailureMessage } from '../data/errors';
import { checkIdxPair, idxDataset, isIdxSource } from '../data/idx';
import type { ImageShape } from '../data/image-pixels';
import { csvOptionsFor, encodeTable } from '../data/preprocess';
import { sourceLabel } from '../data/source-path';
import { readCsvFile } from '../node/csv-file';
import { readIdxHead } from '../node/idx-file';
import { listImageFolder, readImageFile, sampleWriter, type ImageFolderListing, type SampleWriter } from '../node/image-folder';
import type { ImageSample, ImageSampleSet } from '../shared/image-samples';
import { DATA_PREVIEW_IMAGES, type DataImagePreview, type DataImagePreviewRequest } from '../shared/webview-protocol';
import { displayPath, existingDataPath, type DataLocation } from '../training/load-data';
import { readTextHead } from './csv-preview';

/** Most pixel values one preview carries (they travel as JSON): large pictures come fewer at a time. */
const PREVIEW_VALUES = 600_000;
/** The fewest pictures a preview shows, however large they are. */
const FEWEST_IMAGES = 4;
/** A CSV's first rows are read from at most this much of the file. */
const CSV_HEAD_BYTES = 16 * 1024 * 1024;

/** How many pictures of `shape` a preview of at most `count` carries. */
export function previewCount(shape: readonly number[], count: number): number {
  const values = shape.reduce((product, dimension) => product * dimension, 1);
  return Math.min(count, Math.max(FEWEST_IMAGES, Math.floor(PREVIEW_VALUES / values)));
}

const asShape = (shape: readonly number[] | undefined): ImageShape | undefined =>
  shape?.length === 3 ? [shape[0], shape[1], shape[2]] : undefined;

type Images = { images: ImageSampleSet; problems: string[] };

/** The listing's files in preview order: the first of each class, then the second of each, ... */
export function firstOfEachClass(listing: ImageFolderListing, count: number): number[] {
  const byClass = listing.classes.map((): number[] => []);
  listing.files.forEach((file, index) => byClass[file.label].push(index));
  const picked: number[] = [];
  for (let round = 0; picked.length < Math.min(count, listing.files.length); round++) {
    for (const indices of byClass) if (round < indices.length && picked.length < count) picked.push(indices[round]);
  }
  return picked;
}

function folderImages(root: string, inputShape: ImageShape | undefined, count: number): Images {
  const listing = listImageFolder(root);
  const problems = new Set<string>();
  const samples: ImageSample[] = [];
  let writer: SampleWriter | undefined;
  let wanted = count;
  for (const index of firstOfEachClass(listing, count)) {
    if (samples.length >= wanted) break;
    const file = listing.files[index];
    try {
      const image = readImageFile(file.path);
      writer ??= sampleWriter(file.path, image, { shape: inputShape, scale: true });
      wanted = previewCount(writer.shape, count);
      const pixels = new Float32Array(writer.shape[0] * writer.shape[1] * writer.shape[2]);
      writer.write(file.path, image, pixels, 0);
      samples.push({ row: index, label: listing.classes[file.label], pixels: Array.from(pixels) });
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      problems.add(error.message);
    }
  }
  const shape = writer?.shape ?? inputShape ?? [1, 1, 1];
  return { images: { shape: [...shape], samples, total: listing.files.length }, problems: [...problems] };
}

async function idxImages(request: DataImagePreviewRequest, location: DataLocation, count: number): Promise<Images> {
  const { data } = request;
  const imagesPath = existingDataPath(data.source, location);
  const labelsPath = typeof data.labels === 'string' ? existingDataPath(data.labels, location, 'labels') : undefined;
  const imagesName = displayPath(imagesPath);
  const labelsName = labelsPath === undefined ? '' : displayPath(labelsPath);
  const images = await readIdxHead(imagesPath, imagesName, count);
  const labels = labelsPath === undefined ? undefined : await readIdxHead(labelsPath, labelsName, count);
  const [total, height, width] = checkIdxPair(images.dimensions, labels?.dimensions, imagesName, labelsName);
  const rows = Math.min(previewCount([1, height, width], count), total);
  const head = idxDataset(
    { dimensions: [rows, height, width], values: images.values.subarray(0, rows * height * width) },
    labels && { dimensions: [rows], values: labels.values.subarray(0, rows) }, imagesName, labelsName,
  );
  return { images: { shape: [1, height, width], samples: samplesOf(head, rows, labels !== undefined), total }, problems: [] };
}

/** Rows 0 … rows-1 of a data set as samples, labelled with their class names when `labelled`. */
function samplesOf(dataset: Dataset, rows: number, labelled: boolean): ImageSample[] {
  const samples: ImageSample[] = [];
  for (let row = 0; row < rows; row++) {
    const pixels = Array.from(dataset.x.subarray(row * dataset.cols, (row + 1) * dataset.cols));
    const label = !labelled ? undefined : dataset.task === 'classification' ? dataset.classNames?.[dataset.y[row]] : String(dataset.y[row * dataset.targetCols]);
    samples.push(label === undefined ? { row, pixels } : { row, label, pixels });
  }
  return samples;
}

/** An image CSV's first rows, its feature columns filling input.shape as training reads them. */
async function csvImages(request: DataImagePreviewRequest, location: DataLocation, count: number): Promise<Images> {
  const { data, task } = request;
  const shape = asShape(request.inputShape);
  if (!shape) throw new DataError(`${sourceLabel(data.source)}: set input.shape [C, H, W] to see its rows as pictures`);
  const path = existingDataPath(data.source, location);
  const name = displayPath(path);
  const rows = previewCount(shape, count);
  const options = csvOptionsFor(data, task, false);
  const table = csvTableFromText((await readTextHead(path, rows + 1, CSV_HEAD_BYTES)).replace(/^\uFEFF/, ''), name, options);
  const { dataset, hasTargets } = encodeTable(table, data, task);
  const values = shape[0] * shape[1] * shape[2];
  if (dataset.cols !== values) {
    throw new DataError(`${name} gives ${dataset.cols} input values a row but input.shape [${shape.join(', ')}] holds ${values}: fix input.shape (the Input card offers it) to see the rows as pictures`);
  }
  // the number of rows, counted by training's own reader over one column only
  const counted = table.header[0];
  const total = (await readCsvFile(path, { displayName: name, keep: [counted], textColumns: [counted] })).rows;
  const shown = Math.min(rows, dataset.rows);
  return { images: { shape: [...shape], samples: samplesOf(dataset, shown, hasTargets), total }, problems: [] };
}

/** The preview `request` asks for; data that cannot be read gives its message (naming the file and the fix). */
export async function readDataImagePreview(request: DataImagePreviewRequest, location: DataLocation, count = DATA_PREVIEW_IMAGES): Promise<DataImagePreview> {
  try {
    const { source } = request.data;
    let read: Images;
    if (isIdxSource(source)) read = await idxImages(request, location, count);
    else {
      const path = existingDataPath(source, location);
      read = statSync(path).isDirectory() ? folderImages(path, asShape(request.inputShape), count) : await csvImages(request, location, count);
    }
    return { request, status: 'ready', ...read };
  } catch (error) {
    return { request, status: 'failed', message: dataFailureMessage(error, request.data.source) };
  }
}
