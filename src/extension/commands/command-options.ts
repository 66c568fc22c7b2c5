/**
 * Commands take `(uri?, options?)` so tests and other extensions can run them without prompts. VS Code itself
 * passes other things in those places (the explorer passes the list of selected files second), so only a plain
 * object counts as options.
 */
import * as vscode from 'vscode';

export function commandOptions<T extends object>(argument: unknown): Partial<T> {
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument) || argument instanceof vscode.Uri) return {};
  return argument as Partial<T>;
}
