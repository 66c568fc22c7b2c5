/**
 * Starting points for a new model (`nnjson init --template NAME`, the extension's New Model command).
 * Untrained: no parameters, no history. Browser-safe. The shipped examples are written from these.
 */
import { NNJSON_FORMAT, NNJSON_VERSION, type LayerSpec, type NnJsonModel } from '../shared/nnjson';

export type TemplateName = 'blank' | 'xor' | 'spiral' | 'iris' | 'digits';

export interface ModelTemplate {
  name: TemplateName;
  /** Short title for pickers. */
  label: string;
  /** One sentence for pickers and `nnjson init --help`. */
  detail: string;
  model: NnJsonModel;
}

function mlp(widths: number[]): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    layers.push({ type: 'Linear', id: `fc${i + 1}`, in: widths[i], out: widths[i + 1] });
    layers.push(i + 2 < widths.length ? { type: 'ReLU', id: `relu${i + 1}` } : { type: 'SoftMax', id: 'softmax' });
  }
  return layers;
}

function classifier(
  name: string, description: string, widths: number[], model: Pick<NnJsonModel, 'optimizer' | 'training' | 'data'>,
): NnJsonModel {
  return {
    format: NNJSON_FORMAT,
    version: NNJSON_VERSION,
    name,
    description,
    input: { size: widths[0] },
    layers: mlp(widths),
    loss: { type: 'CrossEntropy' },
    ...model,
  };
}

export const MODEL_TEMPLATES: Readonly<Record<TemplateName, ModelTemplate>> = {
  blank: {
    name: 'blank',
    label: 'Blank',
    detail: 'A small two-class network on the generated "moons" set: a starting point to edit',
    model: classifier('New model', 'A small classifier; change the layers and the data to suit your problem.', [2, 16, 2], {
      optimizer: { type: 'Adam', lr: 0.01 },
      training: { epochs: 50, batchSize: 32, shuffle: true, validationSplit: 0.2, seed: 42 },
      data: { source: 'builtin:moons', samples: 300, noise: 0.1 },
    }),
  },
  xor: {
    name: 'xor',
    label: 'XOR',
    detail: 'The classic XOR problem: two inputs, two classes, one hidden layer',
    model: classifier('XOR', 'Learns exclusive or from noisy points around the corners of the unit square.', [2, 8, 2], {
      optimizer: { type: 'Adam', lr: 0.05 },
      training: { epochs: 60, batchSize: 16, shuffle: true, validationSplit: 0.2, seed: 42 },
      data: { source: 'builtin:xor', samples: 200, noise: 0.1 },
    }),
  },
  spiral: {
    name: 'spiral',
    label: 'Spiral',
    detail: 'Three interleaved spiral arms: needs two hidden layers',
    model: classifier('Spiral', 'Separates three interleaved spiral arms (generated data).', [2, 64, 64, 3], {
      optimizer: { type: 'Adam', lr: 0.01 },
      training: { epochs: 200, batchSize: 32, shuffle: true, validationSplit: 0.2, seed: 42 },
      data: { source: 'builtin:spiral', samples: 600, noise: 0.1, classes: 3 },
    }),
  },
  iris: {
    name: 'iris',
    label: 'Iris',
    detail: 'Fisher\'s iris flowers from ./data/iris.csv: four measurements, three species',
    model: classifier('Iris', 'Predicts the iris species from sepal and petal measurements (cm).', [4, 16, 3], {
      optimizer: { type: 'Adam', lr: 0.01 },
      training: { epochs: 30, batchSize: 16, shuffle: true, validationSplit: 0.2, seed: 42 },
      data: { source: './data/iris.csv', target: 'species', normalize: 'standard' },
    }),
  },
  digits: {
    name: 'digits',
    label: 'Digits',
    detail: 'Handwritten digits from ./data/digits.csv: 8x8 pixel counts, ten classes',
    model: classifier('Digits', 'Recognises handwritten digits from 8x8 images (64 pixel counts, 0-16).', [64, 128, 10], {
      optimizer: { type: 'Adam', lr: 0.001 },
      training: { epochs: 30, batchSize: 32, shuffle: true, validationSplit: 0.2, seed: 42 },
      data: { source: './data/digits.csv', target: 'digit', normalize: 'standard' },
    }),
  },
};

export const TEMPLATE_NAMES = Object.keys(MODEL_TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as string[]).includes(name);
}

/** A fresh, independent copy of a template's model. */
export function modelFromTemplate(name: TemplateName): NnJsonModel {
  return structuredClone(MODEL_TEMPLATES[name].model);
}
