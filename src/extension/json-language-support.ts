/**
 * Schema validation, hovers and completion for `.nnjson` come from VS Code's built-in JSON language features,
 * which take the nnjson language through the `jsonLanguageParticipants` contribution. That extension only
 * activates for json/jsonc documents, so it is woken up when the first model document opens.
 */
import * as vscode from 'vscode';
import { isModelDocument } from './model-diagnostics';

const JSON_LANGUAGE_FEATURES = 'vscode.json-language-features';

export function wakeJsonLanguageFeatures(): vscode.Disposable {
  let woken = false;
  const wake = (document: vscode.TextDocument): void => {
    if (woken || !isModelDocument(document)) return;
    woken = true;
    const extension = vscode.extensions.getExtension(JSON_LANGUAGE_FEATURES);
    if (extension && !extension.isActive) void Promise.resolve(extension.activate()).catch(() => undefined);
  };
  vscode.workspace.textDocuments.forEach(wake);
  return vscode.workspace.onDidOpenTextDocument(wake);
}
