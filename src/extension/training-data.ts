/**
 * Train on a model without data: the data the user chooses (or the command was given) is written into the model,
 * with input.size from what the data gives, as one undoable edit, before the run starts.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { editsForChanges } from '../model/edit';
import { readModel } from '../model/reader';
import type { DataSpec } from '../shared/nnjson';
import { dataChanges } from '../model/data-fit';
import { taskOf } from '../training/model-data';
import type { ModelDataFacts } from './data-access';
import { chooseTrainingData } from './data-pickers';

/**
 * True when the model may go on to train: it has data, or now has the data chosen. False when the user cancelled
 * or the edit was refused (the user was told).
 */
export async function ensureTrainingData(uri: vscode.Uri, dataFacts: ModelDataFacts, given?: DataSpec): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const { model } = readModel(document.getText());
  if (!model || model.data !== undefined) return true; // training reports what else is wrong
  const data = given ?? (await chooseTrainingData(uri, model));
  if (!data) return false;
  const facts = await dataFacts(uri, data, taskOf(model));
  const text = document.getText();
  const now = readModel(text).model;
  if (!now) return true;
  const edit = new vscode.WorkspaceEdit();
  for (const change of editsForChanges(text, dataChanges(now, data, facts))) {
    edit.replace(uri, new vscode.Range(document.positionAt(change.offset), document.positionAt(change.offset + change.length)), change.content);
  }
  const wasDirty = document.isDirty;
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`VS Code refused to write the data into ${basename(uri.path)}; is the file read-only? Choose the data in the builder's data panel instead.`);
    return false;
  }
  // a file that had no unsaved changes stays saved; the user's own unsaved changes are never saved for them
  if (!wasDirty) await document.save();
  return true;
}
