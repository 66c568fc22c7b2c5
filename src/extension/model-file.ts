/** Reading a model's current text and writing a new one, through the open document when there is one. */
import { basename } from 'node:path';
import * as vscode from 'vscode';

export function openDocumentFor(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/** The text the user sees: the open document (saved or not), else the file on disk. */
export async function currentModelText(uri: vscode.Uri): Promise<string> {
  const document = openDocumentFor(uri);
  if (document) return document.getText();
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Replaces the whole text of an open document as one undoable edit; saves it when asked. */
export async function replaceDocumentText(document: vscode.TextDocument, text: string, save: boolean): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const end = document.lineAt(document.lineCount - 1).range.end;
  edit.replace(document.uri, new vscode.Range(new vscode.Position(0, 0), end), text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`VS Code refused the edit to ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  if (save && !(await document.save())) {
    throw new Error(`${vscode.workspace.asRelativePath(document.uri)} could not be saved`);
  }
}

/** `name.trained.nnjson`, or `name.trained-2.nnjson` and so on when that exists. */
export async function freeCopyUri(uri: vscode.Uri, suffix: string): Promise<vscode.Uri> {
  const stem = basename(uri.path).replace(/\.nnjson$/i, '');
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(uri, '..', `${stem}.${suffix}${n === 1 ? '' : `-${n}`}.nnjson`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
