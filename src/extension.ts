/** Extension entry point: `activate` only registers providers, commands and services. */
import type * as vscode from 'vscode';
import { registerExtension, type NnBuilderApi } from './extension/register';

export function activate(context: vscode.ExtensionContext): NnBuilderApi {
  return registerExtension(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
