/** Extension entry point: `activate` only registers providers, commands and services. */
import * as vscode from 'vscode';
import { registerExtension } from './extension/register';

export function activate(context: vscode.ExtensionContext): void {
  registerExtension(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
