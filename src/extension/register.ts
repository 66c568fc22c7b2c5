import * as vscode from 'vscode';
import { COMMAND_IDS } from './command-ids';

export function registerExtension(context: vscode.ExtensionContext): void {
  for (const id of Object.values(COMMAND_IDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => undefined));
  }
}
