/**
 * The commands the Get Started walkthrough's buttons run that no other entry point has: Open Example... (a copy of
 * one of the shipped examples in the workspace, through New Model's own template path) and Look Inside the Model
 * (the builder scrolled to "Inside the model").
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { MODEL_TEMPLATES, TEMPLATE_NAMES, isTemplateName, type TemplateName } from '../../model/templates';
import { BUILDER_VIEW_TYPE, COMMAND_IDS } from '../command-ids';
import { resolveModelUri } from '../model-target';
import { markWalkthroughStep } from '../walkthrough';
import { commandOptions } from './command-options';

export interface OpenExampleOptions {
  /** Where the copy goes (default: the example's name in the first workspace folder; a save dialog without one). */
  target: vscode.Uri;
}

/** The shipped examples are the templates that have data (not Blank). */
const EXAMPLES = TEMPLATE_NAMES.filter((name) => MODEL_TEMPLATES[name].model.data !== undefined);

async function pickExample(): Promise<TemplateName | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXAMPLES.map((name) => ({ label: MODEL_TEMPLATES[name].label, description: `${name}.nnjson`, detail: MODEL_TEMPLATES[name].detail, name })),
    { title: 'Open Example', placeHolder: 'A ready-to-train model; a copy goes into your workspace', matchOnDetail: true },
  );
  return picked?.name;
}

export function registerWalkthroughCommands(revealInsight: (uri: vscode.Uri) => void): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.openExample, async (nameArgument?: unknown, optionsArgument?: unknown) => {
      const options = commandOptions<OpenExampleOptions>(optionsArgument);
      const name = typeof nameArgument === 'string' && isTemplateName(nameArgument) && EXAMPLES.includes(nameArgument) ? nameArgument : await pickExample();
      if (!name) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = options.target ?? (folder ? vscode.Uri.joinPath(folder, `${name}.nnjson`) : undefined);
      let opened: vscode.Uri | undefined;
      if (target && existsSync(target.fsPath)) {
        // an earlier copy may hold the user's training: open it rather than write over it
        await vscode.commands.executeCommand('vscode.openWith', target, BUILDER_VIEW_TYPE, { preview: false });
        opened = target;
      } else {
        opened = await vscode.commands.executeCommand<vscode.Uri | undefined>(COMMAND_IDS.newModel, undefined, { template: name, ...(target ? { target } : {}) });
      }
      if (opened) markWalkthroughStep('exampleOpened');
      return opened;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.lookInside, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Look Inside the Model');
      if (!uri) return undefined;
      await vscode.commands.executeCommand('vscode.openWith', uri, BUILDER_VIEW_TYPE);
      revealInsight(uri);
      return uri;
    }),
  ];
}
