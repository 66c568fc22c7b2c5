/**
 * A trained `.nnjson` model as PyTorch: `<name>.py`, the standalone script (pytorch-script.ts), `<name>.safetensors`,
 * its tensors under their torch state-dict names (Linear's weight as torch's [out, in]), and, for a generated set
 * (which the script cannot make itself), `<name>-data.csv`: the rows NN Builder trains on, before scaling. A CSV, IDX
 * files and a folder of images the script reads where the model finds them. Gives the files' bytes; writing them is
 * the caller's. Browser-safe.
 */
import { csvRow } from '../../data/csv-writer';
import type { EncodedData } from '../../data/preprocess';
import { targetColumnsOf } from '../../data/preprocess';
import { isIdxSource } from '../../data/idx';
import { classNames } from '../onnx/model-notes';
import type { NnJsonModel } from '../../shared/nnjson';
import { exportedModel, type ExportedModel } from '../exported-layers';
import { transposed } from '../../registry/layers/linear';
import { safetensorsBytes, type NamedTensor } from '../safetensors';
import { pytorchScript, type ScriptData } from './pytorch-script';

export interface PytorchExportOptions {
  readonly producerVersion: string;
  /** The files' name without extension: `iris` gives iris.py and iris.safetensors. */
  readonly baseName: string;
  /** The model file's name, for the script's docstring. */
  readonly modelFile: string;
  /** The model's folder as seen from the folder the files go to, with `/` ("." for the same folder). */
  readonly modelFolder: string;
  /** The rows of a generated set, which the script cannot make itself (see src/training/export-data.ts); undefined for a file or folder. */
  readonly dataRows?: EncodedData;
  /** Whether data.source is a folder of images, one subfolder per class: the script reads it with Pillow. */
  readonly imageFolder?: boolean;
}

export interface ExportedFile {
  /** Appended to the base name: `.py`, `.safetensors`, `-data.csv`. */
  readonly suffix: string;
  readonly bytes: Uint8Array;
}

export const DATA_CSV_SUFFIX = '-data.csv';

/** Every tensor under its torch name (`fc1.weight`), in the torch module's shape. */
function torchTensors(exported: ExportedModel): NamedTensor[] {
  return exported.layers.flatMap(({ layer, descriptor, settings, tensors }) => {
    const form = descriptor.pytorch!(settings).tensors ?? {};
    return [...tensors].map(([name, tensor]): NamedTensor => {
      const { key, transposed: flip } = form[name];
      const { dims, values } = flip ? transposed(tensor) : tensor;
      return { name: `${layer.id}.${key}`, shape: dims, values };
    });
  });
}

/** `path` (relative to the model's folder) from the script's folder. */
function joinPath(folder: string, path: string): string {
  const inModelFolder = path.replace(/^(\.\/)+/, '');
  return /^([a-zA-Z]:)?[\\/]/.test(path) || folder === '.' ? inModelFolder : `${folder}/${inModelFolder}`;
}

/** The rows as a CSV: the input columns, then the targets (class names for a classifier). */
function dataCsv({ dataset }: EncodedData): string {
  const lines = [csvRow([...dataset.featureNames, ...dataset.targetNames])];
  for (let r = 0; r < dataset.rows; r++) {
    const features = Array.from(dataset.x.subarray(r * dataset.cols, (r + 1) * dataset.cols), String);
    const targets = dataset.task === 'classification'
      ? [dataset.classNames?.[dataset.y[r]] ?? String(dataset.y[r])]
      : Array.from(dataset.y.subarray(r * dataset.targetCols, (r + 1) * dataset.targetCols), String);
    lines.push(csvRow([...features, ...targets]));
  }
  return `${lines.join('\n')}\n`;
}

function scriptData(model: NnJsonModel, options: PytorchExportOptions): ScriptData | undefined {
  const spec = model.data;
  if (spec === undefined) return undefined;
  if (options.dataRows !== undefined) {
    const { dataset } = options.dataRows;
    return { kind: 'csv', source: `${options.baseName}${DATA_CSV_SUFFIX}`, features: dataset.featureNames, categories: {}, targets: dataset.targetNames };
  }
  if (options.imageFolder === true) {
    const { shape } = model.input;
    return { kind: 'images', source: joinPath(options.modelFolder, spec.source), features: [], categories: {}, targets: [], shape: shape?.length === 3 ? shape : null };
  }
  if (isIdxSource(spec.source)) {
    return {
      kind: 'idx', source: joinPath(options.modelFolder, spec.source), features: [], categories: {}, targets: [],
      ...(typeof spec.labels === 'string' ? { labels: joinPath(options.modelFolder, spec.labels) } : {}),
    };
  }
  const fitted = model.data?.fitted;
  return {
    kind: 'csv', source: joinPath(options.modelFolder, spec.source), features: fitted?.featureColumns ?? fitted?.inputColumns ?? [],
    categories: fitted?.categories ?? {}, targets: targetColumnsOf(spec),
  };
}

export function pytorchFiles(model: NnJsonModel, options: PytorchExportOptions): ExportedFile[] {
  const exported = exportedModel(model, 'PyTorch', (descriptor) => descriptor.pytorch !== undefined);
  const script = pytorchScript({
    model, exported, modelFile: options.modelFile, name: options.baseName,
    classes: classNames(model, exported.outputWidth), data: scriptData(model, options),
  });
  const encoder = new TextEncoder();
  const files: ExportedFile[] = [
    { suffix: '.py', bytes: encoder.encode(script) },
    { suffix: '.safetensors', bytes: safetensorsBytes(torchTensors(exported), { format: 'pt', producer: `NN Builder ${options.producerVersion}` }) },
  ];
  if (options.dataRows !== undefined) files.push({ suffix: DATA_CSV_SUFFIX, bytes: encoder.encode(dataCsv(options.dataRows)) });
  return files;
}
