/** Shows generated Markdown (a model summary, an evaluation report) in VS Code's Markdown preview, which follows the theme. */
import * as vscode from 'vscode';

/** Writes `markdown` to `<global storage>/<folder>/<fileName>` and opens its preview beside the active editor (a report
 * about the builder's model leaves the builder in view); resolves with the file. */
export async function showMarkdown(context: vscode.ExtensionContext, folder: string, fileName: string, markdown: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(context.globalStorageUri, folder, fileName);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
  return target;
}
