/**
 * Writes a finished run's model into its `.nnjson` file: through the open document (one undoable edit, saved or
 * left dirty as the setting says) or, when the file is not open, by an atomic write. If the text changed while
 * the run was going, the user is asked first; nothing they typed is overwritten silently.
 */
import * as vscode from 'vscode';
import { writeFileAtomic } from '../node/atomic-write';
import { currentModelText, freeCopyUri, openDocumentFor, replaceDocumentText } from './model-file';

export type ConflictChoice = 'overwrite' | 'copy' | 'discard';

export interface WriteRequest {
  uri: vscode.Uri;
  /** The text the run started from. */
  startText: string;
  /** The model text with the run's results. */
  resultText: string;
  save: boolean;
  /** How to settle a conflict; 'ask' shows a modal question. */
  onConflict: ConflictChoice | 'ask';
}

export type WriteResult =
  | { written: 'model'; target: vscode.Uri; conflict: boolean; saved: boolean }
  | { written: 'copy'; target: vscode.Uri; conflict: true; saved: true }
  | { written: 'nothing'; conflict: true };

async function askAboutConflict(uri: vscode.Uri): Promise<ConflictChoice> {
  const overwrite = 'Overwrite';
  const copy = 'Save as Copy';
  const discard = 'Discard Results';
  const answer = await vscode.window.showWarningMessage(
    `${vscode.workspace.asRelativePath(uri)} was changed while training ran.`,
    {
      modal: true,
      detail:
        'Overwrite replaces your changes with the trained model (you can undo it in an open editor). ' +
        'Save as Copy writes the trained model next to it and keeps your changes. Discard Results keeps the file as it is.',
    },
    overwrite,
    copy,
    discard,
  );
  if (answer === overwrite) return 'overwrite';
  if (answer === copy) return 'copy';
  return 'discard';
}

export async function writeRunResult(request: WriteRequest): Promise<WriteResult> {
  const { uri } = request;
  const nowText = await currentModelText(uri);
  const conflict = nowText !== request.startText;
  const choice: ConflictChoice = !conflict ? 'overwrite' : request.onConflict === 'ask' ? await askAboutConflict(uri) : request.onConflict;

  if (choice === 'discard') return { written: 'nothing', conflict: true };
  if (choice === 'copy') {
    const target = await freeCopyUri(uri, 'trained');
    await writeFileAtomic(target.fsPath, request.resultText);
    return { written: 'copy', target, conflict: true, saved: true };
  }
  const document = openDocumentFor(uri);
  if (document) {
    await replaceDocumentText(document, request.resultText, request.save);
    return { written: 'model', target: uri, conflict, saved: request.save };
  }
  await writeFileAtomic(uri.fsPath, request.resultText);
  return { written: 'model', target: uri, conflict, saved: true };
}
