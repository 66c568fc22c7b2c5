/**
 * The formats a trained model exports to, for `nnjson export --to` and NN Builder: Export Model...: each with its
 * label, the extension of its main file and its writer. Adding a format is one entry here. Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { onnxModelBytes } from './onnx/onnx-model';
import { ONNX_OPSET } from './onnx/opset';
import { pytorchFiles, type ExportedFile, type PytorchExportOptions } from './pytorch/pytorch-export';

export type { ExportedFile } from './pytorch/pytorch-export';

/** What a writer is told besides the model; `dataRows` and `imageFolder` only for a format that `readsData`. */
export type ExportOptions = PytorchExportOptions;

export interface ExportFormat {
  /** As menus and messages name it. */
  readonly label: string;
  /** Its main file ends in this (the one a save dialog names). */
  readonly extension: string;
  /** One line: what the files are for. */
  readonly description: string;
  /** Whether it is told about the model's data: a generated set's rows, to write beside it, or that it is a folder of images (ExportOptions). */
  readonly readsData: boolean;
  /**
   * The files, each the base name with its suffix, the main file first; throws ExportError (or DataError for an
   * untrained model) with the reason and the fix, before any file is written.
   */
  write(model: NnJsonModel, options: ExportOptions): ExportedFile[];
}

export const EXPORT_FORMATS = {
  onnx: {
    label: 'ONNX',
    extension: '.onnx',
    description: `ONNX (opset ${ONNX_OPSET}) for onnxruntime, with the fitted preprocessing in the graph`,
    readsData: false,
    write: (model, options) => [{ suffix: '.onnx', bytes: onnxModelBytes(model, options) }],
  },
  pytorch: {
    label: 'PyTorch',
    extension: '.py',
    description: 'A standalone PyTorch script (train, also under torchrun; predict) and its weights as .safetensors',
    readsData: true,
    write: pytorchFiles,
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: unknown): name is ExportFormatName {
  return typeof name === 'string' && Object.hasOwn(EXPORT_FORMATS, name);
}

/** "onnx, pytorch": what --to and the options accept. */
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS).join(', ');
