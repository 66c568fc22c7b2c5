/**
 * `nnjson export MODEL --to onnx|pytorch [--out DIR or NAME]`: the trained model in another format, written next to
 * the model (named after it) unless --out says where: MODEL.onnx; or MODEL.py and MODEL.safetensors (and, for a
 * generated set, MODEL-data.csv). Never overwrites the model; a model that cannot be exported writes nothing.
 */
import { dirname, resolve } from 'node:path';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat } from '../../export/formats';
import { exportFiles } from '../../training/export-files';
import { isSameFile } from '../../training/output-target';
import { expectPositionals, parseArgs, stringFlag, UsageError } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';
import { forModel } from '../model-errors';
import { packageVersion } from '../version';
import { writeAtomic } from '../write-file';

export const EXPORT_USAGE = 'nnjson export MODEL --to onnx|pytorch [--out DIR or NAME]';

export async function exportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'export', { to: { value: true }, out: { value: true } });
  const [file] = expectPositionals(args, EXPORT_USAGE, 1);
  const to = stringFlag(args, 'to');
  if (to === undefined) throw new UsageError(`nnjson export: say which format with --to (${EXPORT_FORMAT_NAMES}), e.g. nnjson export ${file} --to onnx`);
  if (!isExportFormat(to)) throw new UsageError(`nnjson export: --to ${to} is not a format it writes: use ${EXPORT_FORMAT_NAMES}`);
  const format = EXPORT_FORMATS[to];
  const out = stringFlag(args, 'out') ?? dirname(file);
  if (isSameFile(out, file)) throw new CliError(`--out ${out} is the model, and an export never overwrites it: choose another file, e.g. one ending in ${format.extension}`);
  const model = loadModelFile(file);
  const files = await forModel(file, exportFiles(model, file, out, to, packageVersion(), { modelDir: dirname(resolve(file)) }));
  const overModel = files.find(({ path }) => isSameFile(path, file));
  if (overModel) throw new CliError(`--out ${out} would write ${overModel.path}, the model, and an export never overwrites it: choose another name`);
  for (const { path, bytes } of files) writeAtomic(path, bytes);
  io.stderr(files.map(({ path, bytes }) => `wrote ${path} (${to}, ${bytes.length} bytes)`).join('\n'));
  return 0;
}
