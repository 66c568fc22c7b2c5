/**
 * A folder of images with one subfolder per class, as torchvision's ImageFolder: class names are the subfolder
 * names in sorted order, and each class's PNG and JPEG files, in sorted order, are its samples. Decoded by pure
 * JavaScript packages (pngjs, jpeg-js), so the extension stays platform-independent. Node only (reads files).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { pixelNames, type Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { writeImageSample, type ImageShape, type RgbaImage } from '../data/image-pixels';

const DECODERS: Record<string, (bytes: Buffer) => RgbaImage> = {
  '.png': (bytes) => {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, rgba: png.data };
  },
  '.jpg': decodeJpeg,
  '.jpeg': decodeJpeg,
};

function decodeJpeg(bytes: Buffer): RgbaImage {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 512 });
  return { width: image.width, height: image.height, rgba: image.data };
}

/** Whether a file name is one of the image kinds a folder of images holds (PNG, JPEG). */
export function isImageFileName(name: string): boolean {
  return extname(name).toLowerCase() in DECODERS;
}

export interface ImageFolderListing {
  readonly classes: string[];
  readonly files: { readonly path: string; readonly label: number }[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The classes and image files under `root`, or a DataError that names the folder and the fix. With `modelClasses`
 * (a trained model's data.classes) the labels are those classes' indices, whichever of them the folder holds, so
 * a folder of only some classes is labelled as the network's outputs are; a subfolder of another name is an error.
 */
export function listImageFolder(root: string, modelClasses?: readonly string[]): ImageFolderListing {
  let entries: string[];
  try {
    entries = readdirSync(root).sort(byName);
  } catch {
    throw new DataError(`${root}: cannot read this folder: check data.source (paths are relative to the model file's folder)`);
  }
  const classes = entries.filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory());
  if (classes.length === 0) {
    throw new DataError(`${root}: has no class folders: put each class's images in a subfolder named after the class (cat/, dog/, ...)`);
  }
  if (modelClasses !== undefined) {
    const unknown = classes.find((name) => !modelClasses.includes(name));
    if (unknown !== undefined) {
      throw new DataError(`${join(root, unknown)}: "${unknown}" is not one of the model's classes (data.classes: ${modelClasses.join(', ')}): rename the folder to one of them, remove it, or add "${unknown}" to data.classes (and a unit to the output layer)`);
    }
  }
  const files: { path: string; label: number }[] = [];
  classes.forEach((name, index) => {
    const label = modelClasses === undefined ? index : modelClasses.indexOf(name);
    const images = readdirSync(join(root, name)).sort(byName).filter(isImageFileName);
    if (images.length === 0) {
      throw new DataError(`${join(root, name)}: the class folder "${name}" has no PNG or JPEG images: add some, or remove the folder`);
    }
    for (const file of images) files.push({ path: join(root, name, file), label });
  });
  return { classes: modelClasses === undefined ? classes : [...modelClasses], files };
}

/** Decodes one image file, or a DataError that names the file and the fix. */
export function readImageFile(path: string): RgbaImage {
  const decode = DECODERS[extname(path).toLowerCase()];
  if (decode === undefined) throw new DataError(`${path}: not a PNG or JPEG file: convert it, or move it out of the class folder`);
  try {
    return decode(readFileSync(path));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`${path}: cannot be read as an image (${reason}): replace the file or move it out of the class folder`);
  }
}

/** 3 when any pixel of `image` has colour, else 1. */
function channelsOf(image: RgbaImage): 1 | 3 {
  const { rgba } = image;
  for (let at = 0; at < rgba.length; at += 4) {
    if (rgba[at] !== rgba[at + 1] || rgba[at + 1] !== rgba[at + 2]) return 3;
  }
  return 1;
}

/** Writes decoded images as samples of one shape (see image-pixels.ts for the conversion). */
export interface SampleWriter {
  readonly shape: ImageShape;
  /** Writes `image` (read from `path`) at `offset`, or a DataError naming the file when it cannot take the shape. */
  write(path: string, image: RgbaImage, out: Float32Array, offset: number): void;
}

/**
 * Samples shaped `options.shape` ([C, H, W]), or, without one, the first image's: then every image must have its
 * size, and the channels are its own (1 for a gray picture, 3 for a coloured one).
 */
export function sampleWriter(firstPath: string, first: RgbaImage, options: { shape?: ImageShape; scale: boolean }): SampleWriter {
  const shape: ImageShape = options.shape ?? [channelsOf(first), first.height, first.width];
  return {
    shape,
    write(path, image, out, offset) {
      if (options.shape === undefined && (image.width !== first.width || image.height !== first.height)) {
        throw new DataError(`${path}: is ${image.width}×${image.height} but ${basename(firstPath)} is ${first.width}×${first.height}: set input.shape to the size to convert every image to, e.g. [${shape[0]}, ${first.height}, ${first.width}]`);
      }
      writeImageSample(image, shape, options.scale, out, offset);
    },
  };
}

/** The images under `root` as a classification data set of samples (shaped as `sampleWriter` says). */
export function loadImageFolder(root: string, options: { shape?: ImageShape; scale: boolean; classes?: readonly string[] }): Dataset {
  const { classes, files } = listImageFolder(root, options.classes);
  const first = readImageFile(files[0].path);
  const writer = sampleWriter(files[0].path, first, options);
  const { shape } = writer;
  const cols = shape[0] * shape[1] * shape[2];
  const x = new Float32Array(files.length * cols);
  const y = new Float32Array(files.length);
  files.forEach((file, row) => {
    writer.write(file.path, row === 0 ? first : readImageFile(file.path), x, row * cols);
    y[row] = file.label;
  });
  return {
    task: 'classification',
    rows: files.length,
    cols,
    x,
    y,
    targetCols: 1,
    featureNames: pixelNames(shape[1], shape[2], shape[0]),
    targetNames: ['class'],
    classNames: classes,
    imageShape: [...shape],
    convertsToInputShape: true,
  };
}
