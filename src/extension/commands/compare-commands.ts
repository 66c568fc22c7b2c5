/**
 * Compare Models...: two models side by side in the comparison view. From the explorer with two `.nnjson` files
 * selected (Compare Selected Models), from the palette (the active model and one the user picks), or a model and its
 * committed version (Compare with Committed Version, in the editor title).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../command-ids';
import { showComparison, type ComparisonSide } from '../compare/compare-panel';
import { committedText } from '../compare/committed-version';
import type { InferenceRunner } from '../inference';
import { currentModelText } from '../model-file';
import { activeModelUri, isModelUri, pickModel, resolveModelUri } from '../model-target';

const ACTION = 'Compare Models';

async function sideOf(uri: vscode.Uri): Promise<ComparisonSide> {
  return { uri, label: vscode.workspace.asRelativePath(uri), text: await currentModelText(uri) };
}

/** The two models to compare: the explorer's selection of two, else the one given (or active) and one the user picks. */
async function chooseTwo(clicked: unknown, selected: unknown): Promise<[vscode.Uri, vscode.Uri] | undefined> {
  const selection = Array.isArray(selected) ? selected.filter((item): item is vscode.Uri => item instanceof vscode.Uri) : [];
  if (selection.length > 1) {
    const models = selection.filter(isModelUri);
    if (models.length !== 2 || selection.length !== 2) {
      void vscode.window.showErrorMessage(`${ACTION}: select exactly two .nnjson files in the explorer (${selection.length} files are selected, ${models.length} of them models).`);
      return undefined;
    }
    return [models[0], models[1]];
  }
  const first = clicked instanceof vscode.Uri ? await resolveModelUri(clicked, ACTION) : activeModelUri() ?? await pickModel(`${ACTION} (first)`);
  if (!first) return undefined;
  const second = await pickModel(`${ACTION}: compare ${basename(first.path)} with`, first);
  return second ? [first, second] : undefined;
}

export function registerCompareCommands(extensionUri: vscode.Uri, inference: InferenceRunner): vscode.Disposable[] {
  const compare = async (clicked?: unknown, selected?: unknown) => {
    const pair = await chooseTwo(clicked, selected);
    if (!pair) return false;
    const [a, b] = await Promise.all(pair.map(sideOf));
    return showComparison(extensionUri, inference, a, b) !== undefined;
  };
  return [
    vscode.commands.registerCommand(COMMAND_IDS.compareModels, compare),
    vscode.commands.registerCommand(COMMAND_IDS.compareSelected, compare),
    vscode.commands.registerCommand(COMMAND_IDS.compareWithCommitted, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Compare with Committed Version');
      if (!uri) return false;
      const committed = await committedText(uri);
      if ('error' in committed) {
        void vscode.window.showErrorMessage(`Compare with Committed Version: ${committed.error}.`);
        return false;
      }
      const name = vscode.workspace.asRelativePath(uri);
      const head: ComparisonSide = { uri, label: `${name} (HEAD)`, text: committed.text };
      const current: ComparisonSide = { uri, label: `${name} (working copy)`, text: await currentModelText(uri) };
      return showComparison(extensionUri, inference, head, current) !== undefined;
    }),
  ];
}
