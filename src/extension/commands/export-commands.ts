/**
 * NN Builder: Export Model..., from the palette, the explorer, the editor title and the builder's toolbar: asks the
 * format (src/export/formats.ts) and where to save, unless the options say it, then writes the file atomically. A
 * model with problems or without trained parameters is refused as Evaluate and Predict refuse it; nothing is written.
 */
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../data/errors';
import { ExportError } from '../../export/export-error';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat, type ExportFormatName } from '../../export/formats';
import { writeFileAtomic } from '../../node/atomic-write';
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
  /** The file to write (absolute, or relative to the model's folder); asked when absent. */
  output?: string;
  /** Show a notification when written (default true). */
  show?: boolean;
}

export interface ExportResult {
  format: ExportFormatName;
  path: string;
  bytes: number;
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
      let bytes: Uint8Array;
      try {
        bytes = EXPORT_FORMATS[format].write(model, { producerVersion: String(context.extension.packageJSON.version) });
      } catch (error) {
        if (error instanceof ExportError || error instanceof DataError || error instanceof RangeError) return refuse(`${basename(uri.path)}: ${error.message}.`);
        throw error;
      }
      try {
        await writeFileAtomic(path, bytes);
      } catch (error) {
        return refuse(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a writable place.`);
      }
      markWalkthroughStep('exported');
      const written = vscode.workspace.asRelativePath(path);
      log.info(`${basename(uri.path)}: exported as ${EXPORT_FORMATS[format].label} to ${written} (${bytes.length} bytes)`);
      if (options.show !== false) void vscode.window.showInformationMessage(`Exported ${basename(uri.path)} as ${EXPORT_FORMATS[format].label} to ${written}.`);
      return { format, path, bytes: bytes.length };
    }),
  ];
}
