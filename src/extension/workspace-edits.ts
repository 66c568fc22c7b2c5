/** The model's minimal text edits (src/model/edit.ts) as a VS Code WorkspaceEdit on a document, so they undo as one. */
import * as vscode from 'vscode';
import type { TextEdit } from '../model/edit';

export function workspaceEditOf(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    const range = new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length));
    edit.replace(document.uri, range, change.content);
  }
  return edit;
}
