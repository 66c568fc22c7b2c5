/**
 * NN Builder: Convert ONNX to .nnjson: the ONNX file (the explorer's, the viewer's, or one chosen) as a .nnjson model
 * beside it (src/import/onnx/), written atomically, and opened in the builder. An existing file is replaced only
 * when the user says so; a file that does not convert gets one message naming the unsupported nodes.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import * as vscode from 'vscode';
import { OnnxImportError } from '../../import/onnx/import-error';
import { onnxToNnjson } from '../../import/onnx/to-nnjson';
import { writeModel } from '../../model/writer';
import { writeFileAtomic } from '../../node/atomic-write';
import { BUILDER_VIEW_TYPE, COMMAND_IDS } from '../command-ids';
import type { ExtensionLog } from '../log';
import type { ConvertResult } from '../onnx-viewer-provider';
import { commandOptions } from './command-options';

interface ConvertOptions {
  /** Where to write (absolute); default: the ONNX file with .nnjson. */
  readonly output?: string;
  /** Replace an existing file without asking (for scripts and tests). */
  readonly replace?: boolean;
}

const ACTION = 'Convert to .nnjson';

async function onnxUri(argument: unknown, active: () => vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) return argument;
  const current = active();
  if (current) return current;
  const [picked] = await vscode.window.showOpenDialog({ filters: { 'ONNX models': ['onnx'] }, openLabel: ACTION }) ?? [];
  return picked;
}

/** The file to write: the default, or after the user agreed to replace it or chose another. */
async function targetFor(uri: vscode.Uri, options: ConvertOptions): Promise<string | undefined> {
  const target = options.output ?? join(dirname(uri.fsPath), `${basename(uri.fsPath, extname(uri.fsPath))}.nnjson`);
  if (!existsSync(target) || options.replace) return target;
  const choice = await vscode.window.showWarningMessage(`${basename(target)} exists. Replace it with the converted model?`, { modal: true }, 'Replace', 'Save As...');
  if (choice === 'Replace') return target;
  if (choice !== 'Save As...') return undefined;
  return (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(target), filters: { 'NN Builder models': ['nnjson'] } }))?.fsPath;
}

export function registerImportCommands(log: ExtensionLog, activeOnnx: () => vscode.Uri | undefined): vscode.Disposable[] {
  const refuse = (message: string): undefined => {
    log.warn(`import: ${message}`);
    void vscode.window.showErrorMessage(`${ACTION}: ${message}`);
    return undefined;
  };
  return [
    vscode.commands.registerCommand(COMMAND_IDS.convertOnnx, async (uriArgument?: unknown, optionsArgument?: unknown): Promise<ConvertResult> => {
      const uri = await onnxUri(uriArgument, activeOnnx);
      if (!uri) return undefined;
      let text: string;
      try {
        text = writeModel(onnxToNnjson(await vscode.workspace.fs.readFile(uri)));
      } catch (error) {
        if (error instanceof OnnxImportError) return refuse(`${basename(uri.path)}: ${error.message}.`);
        return refuse(`${basename(uri.path)}: cannot read the file (${(error as Error).message}).`);
      }
      const target = await targetFor(uri, commandOptions<ConvertOptions>(optionsArgument));
      if (!target) return undefined;
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        return refuse(`cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a writable place.`);
      }
      log.info(`${basename(uri.path)}: converted to ${vscode.workspace.asRelativePath(target)}`);
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(target), BUILDER_VIEW_TYPE);
      return { path: target };
    }),
  ];
}
