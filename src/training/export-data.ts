/**
 * What an export is told about the model's data: the rows of a generated set (builtin:), which the exported script
 * cannot make itself, as NN Builder makes them; whether the source is a folder of images, which the script reads
 * itself; nothing for a CSV or IDX file. Node only.
 */
import { statSync } from 'node:fs';
import { isBuiltinSource } from '../data/builtin';
import { isIdxSource } from '../data/idx';
import type { ExportOptions } from '../export/formats';
import type { NnJsonModel } from '../shared/nnjson';
import { existingDataPath, loadEncodedData, type DataLocation } from './load-data';
import { taskOf } from './model-data';

export type ExportData = Pick<ExportOptions, 'dataRows' | 'imageFolder'>;

export async function exportData(model: NnJsonModel, location: DataLocation): Promise<ExportData> {
  const spec = model.data;
  if (spec === undefined || typeof spec.source !== 'string' || isIdxSource(spec.source)) return {};
  if (isBuiltinSource(spec.source)) return { dataRows: await loadEncodedData(spec, taskOf(model), location, true, model.input.shape) };
  return statSync(existingDataPath(spec.source, location)).isDirectory() ? { imageFolder: true } : {};
}
