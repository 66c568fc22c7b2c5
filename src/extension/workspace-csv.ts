/** The workspace's CSV files, and how a model names one in `data.source`. */
import * as vscode from 'vscode';
import { dataSourcesFrom } from '../node/data-source-paths';

export { relativeDataSource } from '../node/data-source-paths';

/** Every CSV file of the workspace (outside node_modules and .git), by path. */
export async function workspaceCsvUris(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.csv', '**/{node_modules,.git}/**', 500);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The workspace's CSV files relative to a model's folder, nearest first. */
export async function workspaceCsvFiles(modelDir: string): Promise<string[]> {
  return dataSourcesFrom(modelDir, (await workspaceCsvUris()).map((file) => file.fsPath));
}
