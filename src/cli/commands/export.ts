/**
 * `nnjson export MODEL --to onnx [--out FILE]`: the trained model in another format, written next to the model
 * (MODEL with the format's extension) unless --out says where. Never overwrites the model; a model that cannot be
 * exported writes nothing.
 */
import { basename, dirname, extname, join } from 'node:path';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat } from '../../export/formats';
import { isSameFile } from '../../training/output-target';
import { expectPositionals, parseArgs, stringFlag, UsageError } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';
import { forModel } from '../model-errors';
import { packageVersion } from '../version';
import { writeAtomic } from '../write-file';

export const EXPORT_USAGE = 'nnjson export MODEL --to onnx [--out FILE]';

export async function exportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseArgs(argv, 'export', { to: { value: true }, out: { value: true } });
  const [file] = expectPositionals(args, EXPORT_USAGE, 1);
  const to = stringFlag(args, 'to');
  if (to === undefined) throw new UsageError(`nnjson export: say which format with --to (${EXPORT_FORMAT_NAMES}), e.g. nnjson export ${file} --to onnx`);
  if (!isExportFormat(to)) throw new UsageError(`nnjson export: --to ${to} is not a format it writes: use ${EXPORT_FORMAT_NAMES}`);
  const format = EXPORT_FORMATS[to];
  const out = stringFlag(args, 'out') ?? join(dirname(file), `${basename(file, extname(file))}${format.extension}`);
  if (isSameFile(out, file)) throw new CliError(`--out ${out} is the model, and an export never overwrites it: choose another file, e.g. one ending in ${format.extension}`);
  const model = loadModelFile(file);
  const bytes = await forModel(file, () => format.write(model, { producerVersion: packageVersion() }));
  writeAtomic(out, bytes);
  io.stderr(`wrote ${out} (${to}, ${bytes.length} bytes)`);
  return 0;
}
