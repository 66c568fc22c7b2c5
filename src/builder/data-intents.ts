/**
 * What the builder's data intents need beyond the text: a target or feature columns that a newly chosen CSV
 * file does not have are left out, so choosing another file never leaves settings that point at nothing.
 * No vscode import.
 */
import { isBuiltinSource } from '../data/builtin';
import { sameSourcePath } from '../data/source-path';
import type { DataSpec } from '../shared/nnjson';
import type { CsvPreview } from '../shared/webview-protocol';

/** `data` for a model whose data is `current`: when it names another CSV file, only the columns that file has. */
export async function withColumnsOfNewFile(
  data: DataSpec, current: DataSpec | undefined, readColumns: (source: string) => Promise<CsvPreview>,
): Promise<DataSpec> {
  if (isBuiltinSource(data.source) || (data.target === undefined && data.features === undefined)) return data;
  if (current && typeof current.source === 'string' && sameSourcePath(current.source, data.source)) return data;
  const preview = await readColumns(data.source);
  if (preview.error) return data;
  const columns = new Set(preview.columns);
  const targets = typeof data.target === 'string' ? [data.target] : Array.isArray(data.target) ? data.target : [];
  const kept: DataSpec = { ...data };
  if (targets.some((target) => !columns.has(target))) delete kept.target;
  if (Array.isArray(data.features) && data.features.some((feature) => !columns.has(feature))) delete kept.features;
  return kept;
}
