/** The workspace's CSV files, as paths relative to a model's folder (the way `data.source` names them). */
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Sorted: files inside the model's folder first, then those reached with `..`. */
export async function workspaceCsvFiles(modelDir: string): Promise<string[]> {
  const files = await vscode.workspace.findFiles('**/*.csv', '**/{node_modules,.git}/**', 500);
  return files
    .map((file) => path.relative(modelDir, file.fsPath).split(path.sep).join('/'))
    .sort((a, b) => Number(a.startsWith('..')) - Number(b.startsWith('..')) || a.localeCompare(b));
}
