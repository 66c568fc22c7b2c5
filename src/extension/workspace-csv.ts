/** The workspace's CSV files, and how a model names one in `data.source`. */
import * as path from 'node:path';
import * as vscode from 'vscode';

/** `data.source` for `file` in a model of `modelDir`: relative, with forward slashes. */
export function relativeDataSource(modelDir: string, file: string): string {
  return path.relative(modelDir, file).split(path.sep).join('/');
}

/** Every CSV file of the workspace (outside node_modules and .git), by path. */
export async function workspaceCsvUris(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.csv', '**/{node_modules,.git}/**', 500);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The workspace's CSV files relative to a model's folder: those inside it first, then those reached with `..`. */
export async function workspaceCsvFiles(modelDir: string): Promise<string[]> {
  return (await workspaceCsvUris())
    .map((file) => relativeDataSource(modelDir, file.fsPath))
    .sort((a, b) => Number(a.startsWith('..')) - Number(b.startsWith('..')) || a.localeCompare(b));
}
