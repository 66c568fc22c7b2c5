/**
 * Which model a command works on: the Uri it was given (explorer, editor title, tests), else the active
 * `.nnjson` editor (text or builder), else one the user picks.
 */
import * as vscode from 'vscode';
import { BUILDER_VIEW_TYPE } from './command-ids';

export function isModelUri(uri: vscode.Uri | undefined): boolean {
  return uri !== undefined && uri.path.toLowerCase().endsWith('.nnjson');
}

/** The model shown in the active editor group, whether as text or in the builder. */
export function activeModelUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === BUILDER_VIEW_TYPE) return input.uri;
  if (input instanceof vscode.TabInputText && isModelUri(input.uri)) return input.uri;
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && isModelUri(uri) ? uri : undefined;
}

export async function resolveModelUri(argument: unknown, action: string): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) {
    if (isModelUri(argument)) return argument;
    void vscode.window.showErrorMessage(`${action}: ${argument.fsPath} is not a .nnjson model file; choose a .nnjson file.`);
    return undefined;
  }
  return activeModelUri() ?? pickModel(action);
}

/** A model the user picks among the workspace's (`except` left out), or in a file dialog when there is none. */
export async function pickModel(action: string, except?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles('**/*.nnjson', '**/node_modules/**', 200)).filter((uri) => uri.toString() !== except?.toString());
  if (found.length === 0) {
    const chosen = await vscode.window.showOpenDialog({
      title: `${action}: choose a model`,
      canSelectMany: false,
      filters: { 'NN models': ['nnjson'] },
    });
    return chosen?.[0];
  }
  if (found.length === 1) return found[0];
  const items = found
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
  const picked = await vscode.window.showQuickPick(items, { title: `${action}: choose a model`, placeHolder: 'Model file (.nnjson)' });
  return picked?.uri;
}
