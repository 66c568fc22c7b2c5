/** New Model..., Open as JSON and Open in Builder. */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../model/atomic-write';
import { writeModel } from '../../model/writer';
import { isBuiltinSource } from '../../data/builtin';
import { MODEL_TEMPLATES, TEMPLATE_NAMES, isTemplateName, modelFromTemplate, type TemplateName } from '../../training/templates';
import { BUILDER_VIEW_TYPE, COMMAND_IDS } from '../command-ids';
import type { ExtensionLog } from '../log';
import { resolveModelUri } from '../model-target';
import { commandOptions } from './command-options';

export interface NewModelOptions {
  template: TemplateName;
  /** Where to write the model; asked with a save dialog when absent. */
  target: vscode.Uri;
  /** Open the new model (default true). */
  open: boolean;
}

async function pickTemplate(): Promise<TemplateName | undefined> {
  const picked = await vscode.window.showQuickPick(
    TEMPLATE_NAMES.map((name) => ({ label: MODEL_TEMPLATES[name].label, detail: MODEL_TEMPLATES[name].detail, name })),
    { title: 'New Model', placeHolder: 'Start from a template', matchOnDetail: true },
  );
  return picked?.name;
}

async function pickTarget(template: TemplateName, folder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const base = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: 'New Model: save as',
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, `${template}.nnjson`) } : {}),
    filters: { 'NN models': ['nnjson'] },
  });
}

/**
 * The iris and digits templates read ./data/*.csv next to the model; the extension ships those files, so a new
 * model trains out of the box wherever it is saved.
 */
async function provideTemplateData(extensionUri: vscode.Uri, source: string | undefined, modelPath: string, log: ExtensionLog): Promise<void> {
  if (!source || isBuiltinSource(source) || isAbsolute(source)) return;
  const target = resolve(dirname(modelPath), source);
  if (existsSync(target)) return;
  const shipped = vscode.Uri.joinPath(extensionUri, 'examples', 'data', basename(source)).fsPath;
  if (!existsSync(shipped)) return;
  await mkdir(dirname(target), { recursive: true });
  await copyFile(shipped, target);
  log.info(`new model: copied the example data ${basename(source)} to ${target}`);
}

export function registerModelCommands(context: vscode.ExtensionContext, log: ExtensionLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.newModel, async (folderArgument?: unknown, optionsArgument?: unknown) => {
      const options = commandOptions<NewModelOptions>(optionsArgument);
      const template = options.template && isTemplateName(options.template) ? options.template : await pickTemplate();
      if (!template) return undefined;
      const folder = folderArgument instanceof vscode.Uri ? folderArgument : undefined;
      let target = options.target ?? (await pickTarget(template, folder));
      if (!target) return undefined;
      if (!target.path.toLowerCase().endsWith('.nnjson')) target = target.with({ path: `${target.path}.nnjson` });
      const model = modelFromTemplate(template);
      try {
        await mkdir(dirname(target.fsPath), { recursive: true });
        await writeFileAtomic(target.fsPath, writeModel(model));
        await provideTemplateData(context.extensionUri, model.data?.source, target.fsPath, log);
      } catch (error) {
        const message = `New Model: could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}. Choose a writable folder.`;
        log.error(message);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
      log.info(`new model: ${target.fsPath} from the ${MODEL_TEMPLATES[template].label} template`);
      if (options.open !== false) await vscode.commands.executeCommand('vscode.open', target);
      return target;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.openAsJson, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Open as JSON');
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
      return uri;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.openInBuilder, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Open in Builder');
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, BUILDER_VIEW_TYPE);
      return uri;
    }),
  ];
}
