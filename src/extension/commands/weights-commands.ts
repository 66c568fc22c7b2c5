/**
 * Reset Weights...: all layers, or one trained layer, start from fresh weights. The change is an edit of the open
 * document (opened when it is not), so it shows in the editor, undoes, and is saved only when the user saves.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { ModelEditError } from '../../model/edit';
import { resetWeights } from '../../model/fresh-weights';
import { readModel } from '../../model/reader';
import { formatShape } from '../../model/shapes';
import type { NnJsonModel } from '../../shared/nnjson';
import { COMMAND_IDS } from '../command-ids';
import { resolveModelUri } from '../model-target';
import { workspaceEditOf } from '../workspace-edits';
import { commandOptions } from './command-options';

export interface ResetWeightsOptions {
  /** Reset this layer only. */
  layerId?: string;
  /** Reset every layer. Without this or `layerId` the command asks. */
  all?: boolean;
}

/** Undefined when the user cancels; `{}` for all layers. */
async function chooseLayer(model: NnJsonModel, name: string): Promise<{ layerId?: string } | undefined> {
  const parameters = model.parameters ?? {};
  const trained = model.layers.filter((layer) => parameters[layer.id] !== undefined);
  const items = [
    { label: 'All layers', description: 'every layer starts from fresh weights; the training history is removed', layerId: undefined as string | undefined },
    ...trained.map((layer) => ({
      label: layer.id,
      description: `${layer.type}: ${Object.entries(parameters[layer.id]).map(([tensor, { shape }]) => `${tensor} ${formatShape(shape)}`).join(', ')}`,
      layerId: layer.id as string | undefined,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Reset Weights of ${name}`, placeHolder: 'Which layers start from fresh weights?' });
  return picked && { layerId: picked.layerId };
}

function isShown(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => {
    const input = tab.input;
    return (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) && input.uri.toString() === key;
  }));
}

export function registerWeightsCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.resetWeights, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Reset Weights');
      if (!uri) return undefined;
      const name = basename(uri.path);
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      const { model } = readModel(text);
      if (!model) {
        void vscode.window.showErrorMessage(`Reset Weights: ${name} cannot be read as a model. Fix the text first (see the Problems panel).`);
        return undefined;
      }
      if (model.parameters === undefined) {
        void vscode.window.showInformationMessage(`${name} has no trained weights to reset: train it first.`);
        return undefined;
      }
      const options = commandOptions<ResetWeightsOptions>(optionsArgument);
      const scope = options.all ? {} : options.layerId !== undefined ? { layerId: options.layerId } : await chooseLayer(model, name);
      if (!scope) return undefined;
      let notes: string[];
      try {
        const plan = resetWeights(text, model, scope.layerId);
        if (!(await vscode.workspace.applyEdit(workspaceEditOf(document, plan.edits)))) {
          void vscode.window.showErrorMessage(`Reset Weights: VS Code refused the edit to ${name}; is the file read-only?`);
          return undefined;
        }
        notes = plan.notes;
      } catch (error) {
        if (!(error instanceof ModelEditError)) throw error;
        void vscode.window.showErrorMessage(`Reset Weights: ${error.message}. Choose a layer that has trained weights.`);
        return undefined;
      }
      if (!isShown(uri)) await vscode.commands.executeCommand('vscode.open', uri);
      void vscode.window.showInformationMessage(`${name}: ${notes.join('. ')}. Save to keep the change, or undo it.`);
      return notes;
    }),
  ];
}
