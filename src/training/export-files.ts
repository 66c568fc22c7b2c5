/**
 * Where an export's files go and what they hold, for `nnjson export` and NN Builder: Export Model... alike. `out` is
 * a folder (the files are named after the model) or a name, with or without the format's extension: `iris` and
 * `iris.py` both give iris.py and iris.safetensors. Every file's bytes are made before any is written. Node only.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { EXPORT_FORMATS, type ExportFormatName } from '../export/formats';
import type { NnJsonModel } from '../shared/nnjson';
import { exportData } from './export-data';
import type { DataLocation } from './load-data';

export interface ExportFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The path the files share before their suffixes: `out/iris` for a folder, `iris` for `iris.py`. */
export function exportStem(out: string, modelPath: string, format: ExportFormatName): string {
  if (/[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())) return join(out, basename(modelPath, extname(modelPath)));
  const { extension } = EXPORT_FORMATS[format];
  return out.toLowerCase().endsWith(extension) ? out.slice(0, -extension.length) : out;
}

/** The main file an export to `out` writes (the one a message or a dialog names). */
export function exportMainPath(out: string, modelPath: string, format: ExportFormatName): string {
  return `${exportStem(out, modelPath, format)}${EXPORT_FORMATS[format].extension}`;
}

export async function exportFiles(
  model: NnJsonModel, modelPath: string, out: string, format: ExportFormatName, producerVersion: string, location: DataLocation,
): Promise<ExportFile[]> {
  const stem = exportStem(out, modelPath, format);
  const writer = EXPORT_FORMATS[format];
  const data = writer.readsData ? await exportData(model, location) : {};
  const modelFolder = relative(dirname(stem), dirname(modelPath)).split(sep).join('/') || '.';
  const files = writer.write(model, { producerVersion, baseName: basename(stem), modelFile: basename(modelPath), modelFolder, ...data });
  return files.map(({ suffix, bytes }) => ({ path: `${stem}${suffix}`, bytes }));
}
