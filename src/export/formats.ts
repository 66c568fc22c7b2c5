/**
 * The formats a trained model exports to, for `nnjson export --to` and NN Builder: Export Model...: each with its
 * label, file extension and writer. Adding a format is one entry here. Browser-safe.
 */
import type { NnJsonModel } from '../shared/nnjson';
import { onnxModelBytes } from './onnx/onnx-model';
import { ONNX_OPSET } from './onnx/opset';

export interface ExportFormat {
  /** As menus and messages name it. */
  readonly label: string;
  /** The file it writes ends in this. */
  readonly extension: string;
  /** One line: what the file is for. */
  readonly description: string;
  /** The file's bytes; throws ExportError (or DataError for an untrained model) with the reason and the fix. */
  write(model: NnJsonModel, options: { readonly producerVersion: string }): Uint8Array;
}

export const EXPORT_FORMATS = {
  onnx: {
    label: 'ONNX',
    extension: '.onnx',
    description: `ONNX (opset ${ONNX_OPSET}) for onnxruntime, with the fitted preprocessing in the graph`,
    write: onnxModelBytes,
  },
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: unknown): name is ExportFormatName {
  return typeof name === 'string' && Object.hasOwn(EXPORT_FORMATS, name);
}

/** "onnx" (and the others, comma-separated): what --to and the options accept. */
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS).join(', ');
