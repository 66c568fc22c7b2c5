/**
 * NN Builder: Export Model..., from the palette, the explorer, the editor title and the builder's toolbar: asks the
 * format (src/export/formats.ts) and where to save, unless the options say it, then writes the files atomically
 * (ONNX: one; PyTorch: the script, its weights and, for generated or picture data, the rows). A model with problems
 * or without trained parameters is refused as Evaluate and Predict refuse it; nothing is written.
 */
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../data/errors';
import { ExportError } from '../../export/export-error';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat, type ExportFormatName } from '../../export/formats';
import { exportFiles, type ExportFile } from '../../training/export-files';
import { writeFileAtomic } from '../../node/atomic-write';
import { checkModelData } from '../data-access';
import { isSameFile } from '../../training/output-target';
import { COMMAND_IDS } from '../command-ids';
import type { InferenceRunner } from '../inference';
import type { ExtensionLog } from '../log';
import { resolveModelUri } from '../model-target';
import { markWalkthroughStep } from '../walkthrough';
import { commandOptions } from './command-options';

export interface ExportOptions {
  /** A name of src/export/formats.ts ("onnx"); asked when absent. */
  format?: string;
  /** The file to write (absolute, or relative to the model's folder; for PyTorch the script, its weights beside it); asked when absent. */
  output?: string;
  /** Show a notification when written (default true). */
  show?: boolean;
}

export interface ExportResult {
  format: ExportFormatName;
  /** The main file (the .onnx, the .py). */
  path: string;
  bytes: number;
  /** Every file written, the main one first. */
  paths: string[];
}

const ACTION = 'Export Model';

async function pickFormat(): Promise<ExportFormatName | undefined> {
  const items = Object.entries(EXPORT_FORMATS).map(([name, format]) => ({ label: format.label, description: format.extension, detail: format.description, name }));
  const picked = await vscode.window.showQuickPick(items, { title: `${ACTION}: choose the format`, placeHolder: 'Format to export to' });
  return picked === undefined ? undefined : (picked.name as ExportFormatName);
}

async function pickTarget(uri: vscode.Uri, format: ExportFormatName): Promise<string | undefined> {
  const { label, extension } = EXPORT_FORMATS[format];
  const target = await vscode.window.showSaveDialog({
    title: `Export ${basename(uri.path)} as ${label}`,
    defaultUri: vscode.Uri.joinPath(uri, '..', `${basename(uri.path).replace(/\.nnjson$/i, '')}${extension}`),
    filters: { [`${label} files`]: [extension.slice(1)] },
    saveLabel: 'Export',
  });
  return target?.fsPath;
}

export function registerExportCommands(context: vscode.ExtensionContext, inference: InferenceRunner, log: ExtensionLog): vscode.Disposable[] {
  const refuse = (message: string): undefined => {
    log.warn(`export: ${message}`);
    void vscode.window.showErrorMessage(`${ACTION}: ${message}`);
    return undefined;
  };
  return [
    vscode.commands.registerCommand(COMMAND_IDS.exportModel, async (uriArgument?: unknown, optionsArgument?: unknown): Promise<ExportResult | undefined> => {
      const uri = await resolveModelUri(uriArgument, ACTION);
      if (!uri) return undefined;
      const options = commandOptions<ExportOptions>(optionsArgument);
      if (options.format !== undefined && !isExportFormat(options.format)) return refuse(`"${options.format}" is not a format it writes: use ${EXPORT_FORMAT_NAMES}.`);
      const model = await inference.trainedModel(uri, 'export');
      if (!model) return undefined;
      const format = options.format ?? (await pickFormat());
      if (!format) return undefined;
      const chosen = options.output ?? (await pickTarget(uri, format));
      if (!chosen) return undefined;
      const path = isAbsolute(chosen) ? chosen : resolve(dirname(uri.fsPath), chosen);
      if (isSameFile(path, uri.fsPath)) return refuse(`${basename(path)} is the model, and an export never overwrites it: choose another file.`);
      const access = checkModelData(uri, model, undefined);
      if (EXPORT_FORMATS[format].readsData && !access.allowed) return refuse(access.message);
      let files: ExportFile[];
      try {
        const location = { modelDir: dirname(uri.fsPath), ...(access.allowed && access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}) };
        files = await exportFiles(model, uri.fsPath, path, format, String(context.extension.packageJSON.version), location);
      } catch (error) {
        if (error instanceof ExportError || error instanceof DataError || error instanceof RangeError) return refuse(`${basename(uri.path)}: ${error.message}.`);
        throw error;
      }
      const overModel = files.find((file) => isSameFile(file.path, uri.fsPath));
      if (overModel) return refuse(`${basename(overModel.path)} is the model, and an export never overwrites it: choose another name.`);
      for (const file of files) {
        try {
          await writeFileAtomic(file.path, file.bytes);
        } catch (error) {
          return refuse(`cannot write ${file.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a writable place.`);
        }
      }
      markWalkthroughStep('exported');
      const [main] = files;
      const written = files.map((file) => vscode.workspace.asRelativePath(file.path)).join(', ');
      log.info(`${basename(uri.path)}: exported as ${EXPORT_FORMATS[format].label} to ${written} (${main.bytes.length} bytes)`);
      if (options.show !== false) void vscode.window.showInformationMessage(`Exported ${basename(uri.path)} as ${EXPORT_FORMATS[format].label} to ${written}.`);
      return { format, path: main.path, bytes: main.bytes.length, paths: files.map((file) => file.path) };
    }),
  ];
}
