/**
 * IDX files, the MNIST distribution format: a magic number (two zero bytes, the value type, the number of
 * dimensions), each dimension as a big-endian 32-bit integer, then the values. Images are `[N, H, W]` unsigned
 * bytes (pixels 0 to 255), labels `[N]` unsigned bytes. Parsing only; the bytes come from src/node/idx-file.ts.
 * Browser-safe.
 */
import { pixelNames, type Dataset } from './dataset';
import { DataError } from './errors';
import { normalizeSourcePath } from './source-path';

/** A data source is an IDX file when its name says so: `train-images-idx3-ubyte(.gz)`, `images.idx(.gz)`. */
export function isIdxSource(source: string): boolean {
  return /idx\d-ubyte(\.gz)?$|\.idx(\.gz)?$/i.test(source);
}

/**
 * The labels file of IDX `images` among `files` (data.source paths): the same name with "images" as "labels" and
 * "idx3" as "idx1", as MNIST names them (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz); undefined when
 * there is none.
 */
export function idxLabelsFor(images: string, files: readonly string[]): string | undefined {
  const slash = images.replace(/\\/g, '/').lastIndexOf('/') + 1;
  const wanted = images.slice(0, slash) + images.slice(slash).replace(/images/gi, 'labels').replace(/idx3/gi, 'idx1');
  return wanted === images ? undefined : files.find((file) => normalizeSourcePath(file) === normalizeSourcePath(wanted));
}

const UNSIGNED_BYTE = 0x08;

export interface IdxArray {
  dimensions: number[];
  values: Uint8Array;
}

/** Where an IDX file's values start and the dimensions its header gives; `name` names the file in messages. */
export function parseIdxHeader(bytes: Uint8Array, name: string): { dimensions: number[]; header: number } {
  const notIdx = `${name} is not an IDX file (MNIST format)`;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = [...bytes.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(`${notIdx}: its magic number is ${magic || 'missing'} but an IDX file starts with 00 00: check data.source and data.labels (gzipped files are read too)`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new DataError(`${name} holds IDX values of type 0x${bytes[2].toString(16).padStart(2, '0')}, but only unsigned bytes (type 0x08, as MNIST) are read: convert the file to unsigned bytes`);
  }
  const count = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * count;
  if (count === 0 || bytes.length < header) throw new DataError(`${notIdx}: its header is cut short (${bytes.length} bytes): download the file again`);
  return { dimensions: Array.from({ length: count }, (_, i) => view.getUint32(4 + 4 * i, false)), header };
}

/** The number of values an array of these dimensions holds. */
export function idxSize(dimensions: readonly number[]): number {
  return dimensions.reduce((product, dimension) => product * dimension, 1);
}

/** The array an IDX file holds; `name` names the file in messages. Only unsigned bytes (MNIST's type) are read. */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const { dimensions, header } = parseIdxHeader(bytes, name);
  const size = idxSize(dimensions);
  if (bytes.length - header !== size) {
    throw new DataError(
      `${name} says it holds [${dimensions.join(', ')}] = ${size} values but has ${bytes.length - header}: ` +
        'the file is cut short or damaged; download it again (and unpack it only once, or not at all: .gz files are read)',
    );
  }
  return { dimensions, values: bytes.subarray(header) };
}

/**
 * Checks that `images` are `[count, height, width]` and `labels`, when given, `[count]` of the same count, as a
 * pair of IDX files must be; gives the images' [count, height, width].
 */
export function checkIdxPair(images: readonly number[], labels: readonly number[] | undefined, imagesName: string, labelsName: string): [number, number, number] {
  if (images.length !== 3) {
    throw new DataError(`${imagesName} holds [${images.join(', ')}] but IDX images are [count, height, width]: check that data.source is the images file`);
  }
  if (labels && labels.length !== 1) {
    throw new DataError(`${labelsName} holds [${labels.join(', ')}] but IDX labels are [count]: check that data.labels is the labels file`);
  }
  if (labels && labels[0] !== images[0]) {
    throw new DataError(`${labelsName} has ${labels[0]} labels but ${imagesName} has ${images[0]} images: use the labels file that belongs to these images`);
  }
  return [images[0], images[1], images[2]];
}

/**
 * Images `[N, H, W]` and, when given, labels `[N]` as a classification set of 1×H×W pictures, pixels scaled to
 * [0, 1]; classes are the label values 0 … max. Without labels (prediction) every target is 0.
 */
export function idxDataset(images: IdxArray, labels: IdxArray | undefined, imagesName: string, labelsName: string): Dataset {
  const [rows, height, width] = checkIdxPair(images.dimensions, labels?.dimensions, imagesName, labelsName);
  const cols = height * width;
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = images.values[i] / 255;
  const y = new Float32Array(rows);
  let classes = 0;
  if (labels) {
    for (let r = 0; r < rows; r++) {
      y[r] = labels.values[r];
      classes = Math.max(classes, labels.values[r] + 1);
    }
  }
  return {
    task: 'classification', rows, cols, x, y, targetCols: 1, featureNames: pixelNames(height, width), targetNames: labels ? ['label'] : [],
    classNames: Array.from({ length: Math.max(classes, 2) }, (_, k) => String(k)), imageShape: [1, height, width],
  };
}
