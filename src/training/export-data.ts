/**
 * The data rows an export writes beside its files, for a source the exported script cannot read itself: a generated
 * set (builtin:) or a folder of pictures, as NN Builder reads them; none for a CSV or IDX file. Node only.
 */
import { statSync } from 'node:fs';
import { isBuiltinSource } from '../data/builtin';
import { isIdxSource } from '../data/idx';
import type { EncodedData } from '../data/preprocess';
import type { NnJsonModel } from '../shared/nnjson';
import { existingDataPath, loadEncodedData, type DataLocation } from './load-data';
import { taskOf } from './model-data';

export async function exportDataRows(model: NnJsonModel, location: DataLocation): Promise<EncodedData | undefined> {
  const spec = model.data;
  if (spec === undefined || typeof spec.source !== 'string' || isIdxSource(spec.source)) return undefined;
  if (!isBuiltinSource(spec.source) && !statSync(existingDataPath(spec.source, location)).isDirectory()) return undefined;
  return loadEncodedData(spec, taskOf(model), location, true, model.input.shape);
}
