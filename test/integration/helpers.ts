/** Shared helpers for the integration tests, which run inside the real VS Code extension host. */
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NnBuilderApi } from '../../src/extension/register';
import type { TrainingEvent } from '../../src/shared/training-events';
import { until } from '../shared/until';

export const EXTENSION_ID = 'nn-builder.nn-builder';

export async function api(): Promise<NnBuilderApi> {
  const extension = vscode.extensions.getExtension<NnBuilderApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return folder.uri;
}

let copies = 0;

/** A private copy of a fixture model, so tests never see each other's results. */
export function freshModel(fixture: string): vscode.Uri {
  copies += 1;
  const folder = workspaceFolder().fsPath;
  const name = `${fixture.replace(/\.nnjson$/, '')}-${process.pid}-${copies}.nnjson`;
  copyFileSync(join(folder, fixture), join(folder, name));
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

export function diskText(uri: vscode.Uri): string {
  return readFileSync(uri.fsPath, 'utf8');
}

export function diskJson(uri: vscode.Uri): Record<string, unknown> {
  return JSON.parse(diskText(uri)) as Record<string, unknown>;
}

/** Resolves with the first event of `type` for `uri` (rejects after `timeoutMs`). */
export function nextEvent<T extends TrainingEvent['type']>(
  training: NnBuilderApi['training'],
  uri: vscode.Uri,
  type: T,
  timeoutMs = 120_000,
): Promise<Extract<TrainingEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no "${type}" event for ${uri.path} within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = training.onEvent(({ uri: eventUri, event }) => {
      if (eventUri !== uri.toString() || event.type !== type) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(event as Extract<TrainingEvent, { type: T }>);
    });
  });
}

/** Polls `check` until it returns a value other than undefined. */
export async function waitFor<T>(check: () => T | undefined, what: string | (() => string), timeoutMs = 30_000): Promise<T> {
  return (await until(check, (value) => value !== undefined, what, timeoutMs)) as T;
}

/** Closes every editor, throwing away unsaved changes (a save prompt would hang the suite). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Opens `uri` in the text editor (not the builder) and returns its document. */
export async function openAsText(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
  return waitFor(() => vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString()), `${uri.path} to open`);
}

/** The extension's diagnostics of `uri` with `code`. */
export function modelDiagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'NN Builder' && diagnostic.code === code);
}

/** Applies the quick fix for `diagnostic` whose title matches, as choosing it in the light bulb menu does. */
export async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((candidate) => title.test(candidate.title));
  assert.ok(action?.edit, `a quick fix matching ${title} among: ${actions.map((candidate) => candidate.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

/** Waits for the quick input (a quick pick, or the web's file dialog) to open, moves down `down` items and accepts. */
export async function answerQuickInput(down = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (let i = 0; i < down; i++) await vscode.commands.executeCommand('quickInput.next');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}
