/**
 * `nnjson import MODEL.onnx [--out FILE]`: an ONNX model as a `.nnjson` model (src/import/onnx/), written next to
 * it (MODEL with .nnjson) unless --out says where. Never writes over an existing file, and a file that cannot be
 * read or converted writes nothing: one line says why (the unsupported nodes by name) and what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { OnnxImportError } from '../../import/onnx/import-error';
import { onnxToNnjson } from '../../import/onnx/to-nnjson';
import { writeModel } from '../../model/writer';
import { expectPositionals, parseArgs, stringFlag } from '../args';
import { CliError } from '../cli-error';
import type { CommandIo } from '../io';
import { writeAtomic } from '../write-file';

export const IMPORT_USAGE = 'nnjson import MODEL.onnx [--out FILE]';

function readOnnxFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file: check the path' : code === 'EISDIR' ? 'it is a folder: give an .onnx file' : (error as Error).message}`);
  }
}

export function importCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'import', { out: { value: true } });
  const [file] = expectPositionals(args, IMPORT_USAGE, 1);
  const out = stringFlag(args, 'out') ?? join(dirname(file), `${basename(file, extname(file))}.nnjson`);
  if (existsSync(out)) throw new CliError(`${out} exists, and an import never writes over a file: give another --out FILE, or move the file away`);
  const bytes = readOnnxFile(file);
  let text: string;
  try {
    text = writeModel(onnxToNnjson(bytes));
  } catch (error) {
    if (error instanceof OnnxImportError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  writeAtomic(out, text);
  io.stderr(`wrote ${out}`);
  return 0;
}
