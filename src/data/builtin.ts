/**
 * Generated data sets for the `builtin:NAME` data source. Browser-safe (the webview previews them).
 * The same options and seed always give the same data.
 */
import { pixelNames, type Dataset, type Task } from './dataset';
import { DataError } from './errors';
import type { Random } from '../engine/random';
import { dataRandom } from './data-random';
import { drawShape, SHAPE_CLASSES, SHAPES_IMAGE } from './builtin-shapes';

export type BuiltinName = 'xor' | 'circles' | 'moons' | 'spiral' | 'blobs' | 'sine' | 'shapes';

export interface BuiltinOptions {
  samples?: number;
  noise?: number;
  /** Number of classes, for `spiral` and `blobs`. */
  classes?: number;
  seed?: number;
}

export interface BuiltinInfo {
  name: BuiltinName;
  description: string;
  task: Task;
  /** Number of input features (for images, C·H·W). */
  features: number;
  /** Image sets: one sample's shape [C, H, W], which the model's input.shape must be. */
  imageShape?: readonly number[];
  defaults: { samples: number; noise: number; classes?: number };
  /** Whether the `classes` option changes the set. */
  variableClasses: boolean;
}

export const BUILTIN_PREFIX = 'builtin:';
export const BUILTIN_DEFAULT_SEED = 42;
const MAX_SAMPLES = 1_000_000;
const MAX_CLASSES = 50;

export const BUILTIN_DATASETS: Readonly<Record<BuiltinName, BuiltinInfo>> = {
  xor: {
    name: 'xor', task: 'classification', features: 2, variableClasses: false,
    description: 'Points around the four corners of the unit square; class 1 where exactly one coordinate is 1',
    defaults: { samples: 200, noise: 0.1 },
  },
  circles: {
    name: 'circles', task: 'classification', features: 2, variableClasses: false,
    description: 'An inner circle (radius 0.5) inside an outer ring (radius 1)',
    defaults: { samples: 300, noise: 0.05 },
  },
  moons: {
    name: 'moons', task: 'classification', features: 2, variableClasses: false,
    description: 'Two interleaving half circles',
    defaults: { samples: 300, noise: 0.1 },
  },
  spiral: {
    name: 'spiral', task: 'classification', features: 2, variableClasses: true,
    description: 'Interleaved spiral arms, one per class',
    defaults: { samples: 300, noise: 0.1, classes: 3 },
  },
  blobs: {
    name: 'blobs', task: 'classification', features: 2, variableClasses: true,
    description: 'Gaussian clusters placed evenly on a circle of radius 3, one per class',
    defaults: { samples: 300, noise: 1, classes: 3 },
  },
  sine: {
    name: 'sine', task: 'regression', features: 1, variableClasses: false,
    description: 'y = sin(x) plus Gaussian noise, x uniform in [-pi, pi]',
    defaults: { samples: 200, noise: 0.05 },
  },
  shapes: {
    name: 'shapes', task: 'classification', features: SHAPES_IMAGE[0] * SHAPES_IMAGE[1] * SHAPES_IMAGE[2], imageShape: SHAPES_IMAGE,
    variableClasses: false,
    description: `Grayscale ${SHAPES_IMAGE[1]}×${SHAPES_IMAGE[2]} pictures of a ${SHAPE_CLASSES.join(', ')} at random positions and sizes, with pixel noise`,
    defaults: { samples: 800, noise: 0.1, classes: SHAPE_CLASSES.length },
  },
};

export const BUILTIN_NAMES = Object.keys(BUILTIN_DATASETS) as BuiltinName[];

export function isBuiltinSource(source: string): boolean {
  return source.startsWith(BUILTIN_PREFIX);
}

/** The set named by `builtin:NAME`, or a DataError that lists the known names. */
export function builtinNameOf(source: string): BuiltinName {
  const name = source.slice(BUILTIN_PREFIX.length);
  if (!(BUILTIN_NAMES as string[]).includes(name)) {
    throw new DataError(
      `data.source: unknown generated set "${source}": use one of ${BUILTIN_NAMES.map((n) => BUILTIN_PREFIX + n).join(', ')}`,
    );
  }
  return name as BuiltinName;
}

function checkedInteger(value: number | undefined, fallback: number, option: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DataError(`data.${option} is ${String(value)}: use a whole number from ${min} to ${max}`);
  }
  return value;
}

function resolveOptions(info: BuiltinInfo, options: BuiltinOptions): Required<BuiltinOptions> {
  const samples = checkedInteger(options.samples, info.defaults.samples, 'samples', 1, MAX_SAMPLES);
  const noise = options.noise ?? info.defaults.noise;
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) {
    throw new DataError(`data.noise is ${String(noise)}: use a number of 0 or more`);
  }
  let classes = info.defaults.classes ?? (info.task === 'classification' ? 2 : 0);
  if (info.variableClasses) {
    classes = checkedInteger(options.classes, classes, 'classes', 2, MAX_CLASSES);
  } else if (options.classes !== undefined && options.classes !== classes) {
    throw new DataError(
      `data.classes is ${String(options.classes)} but builtin:${info.name} always has ${classes === 0 ? 'no classes (regression)' : `${classes} classes`}: remove data.classes`,
    );
  }
  const seed = options.seed ?? BUILTIN_DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new DataError(`data.seed is ${String(seed)}: use a whole number`);
  return { samples, noise, classes, seed };
}

type PointGenerator = (i: number, options: Required<BuiltinOptions>, random: Random) => [number, number, number];

const XOR_CORNERS: ReadonlyArray<[number, number, number]> = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]];

const generators: Record<Exclude<BuiltinName, 'sine' | 'shapes'>, PointGenerator> = {
  xor(i, { noise }, random) {
    const [a, b, label] = XOR_CORNERS[i % 4];
    return [a + noise * random.normal(), b + noise * random.normal(), label];
  },
  circles(i, { noise }, random) {
    const label = i % 2;
    const radius = label === 0 ? 1 : 0.5;
    const angle = random.uniform(0, 2 * Math.PI);
    return [radius * Math.cos(angle) + noise * random.normal(), radius * Math.sin(angle) + noise * random.normal(), label];
  },
  moons(i, { noise }, random) {
    const label = i % 2;
    const t = random.uniform(0, Math.PI);
    const x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    return [x + noise * random.normal(), y + noise * random.normal(), label];
  },
  spiral(i, { samples, noise, classes }, random) {
    const label = i % classes;
    const perClass = Math.ceil(samples / classes);
    const t = perClass > 1 ? Math.floor(i / classes) / (perClass - 1) : 0;
    const angle = label * 4 + t * 4 + noise * random.normal();
    return [t * Math.sin(angle), t * Math.cos(angle), label];
  },
  blobs(i, { noise, classes }, random) {
    const label = i % classes;
    const centre = (2 * Math.PI * label) / classes;
    return [3 * Math.cos(centre) + noise * random.normal(), 3 * Math.sin(centre) + noise * random.normal(), label];
  },
};

/** The class labels of a generated classification set of `classes` classes, in class order: the shapes' names, else 0, 1, 2, … */
export function builtinClassNames(name: BuiltinName, classes: number): string[] {
  return name === 'shapes' ? [...SHAPE_CLASSES] : Array.from({ length: classes }, (_, k) => String(k));
}

/** Generate `builtin:NAME` (NAME without the prefix). Throws DataError for unknown names or bad options. */
export function generateBuiltin(name: string, options: BuiltinOptions = {}): Dataset {
  const setName = builtinNameOf(name.startsWith(BUILTIN_PREFIX) ? name : BUILTIN_PREFIX + name);
  const info = BUILTIN_DATASETS[setName];
  const resolved = resolveOptions(info, options);
  const random = dataRandom(resolved.seed);
  const { samples } = resolved;

  if (setName === 'sine') {
    const x = new Float32Array(samples);
    const y = new Float32Array(samples);
    for (let i = 0; i < samples; i++) {
      x[i] = random.uniform(-Math.PI, Math.PI);
      y[i] = Math.sin(x[i]) + resolved.noise * random.normal();
    }
    return { task: 'regression', rows: samples, cols: 1, x, y, targetCols: 1, featureNames: ['x'], targetNames: ['y'] };
  }

  if (setName === 'shapes') return generateShapes(resolved, random);

  const generate = generators[setName];
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const [a, b, label] = generate(i, resolved, random);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = label;
  }
  return {
    task: 'classification',
    rows: samples,
    cols: 2,
    x,
    y,
    targetCols: 1,
    featureNames: ['x1', 'x2'],
    targetNames: ['class'],
    classNames: builtinClassNames(setName, resolved.classes),
  };
}

/** `builtin:shapes`: one picture per row, its pixels in NCHW order (src/data/builtin-shapes.ts). */
function generateShapes({ samples, noise }: Required<BuiltinOptions>, random: Random): Dataset {
  const [channels, height, width] = SHAPES_IMAGE;
  const cols = channels * height * width;
  const x = new Float32Array(samples * cols);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) y[i] = drawShape(x.subarray(i * cols, (i + 1) * cols), i, noise, random);
  return {
    task: 'classification', rows: samples, cols, x, y, targetCols: 1, featureNames: pixelNames(height, width), targetNames: ['shape'],
    classNames: builtinClassNames('shapes', SHAPE_CLASSES.length), imageShape: [...SHAPES_IMAGE],
  };
}
