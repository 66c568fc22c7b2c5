/**
 * Workspace trust for data: in an untrusted workspace a model may only read generated sets and files inside a
 * workspace folder (symlinks resolved), so opening someone's repository cannot make training read ~/.ssh.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { Task } from '../data/dataset';
import type { DataFactsState } from '../shared/data-facts';
import type { DataSpec, NnJsonModel } from '../shared/nnjson';
import type { DataFactsReader } from '../training/data-facts';
import { checkDataPath, isInsideFolder } from './data-path-policy';

export type TrustOverride = 'trusted' | 'untrusted';

export type DataAccess =
  /** `workspaceRoot`: in an untrusted workspace, the folder the worker must stay inside. */
  | { allowed: true; workspaceRoot?: string }
  | { allowed: false; message: string };

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function isWorkspaceTrusted(override?: TrustOverride): boolean {
  return override ? override === 'trusted' : vscode.workspace.isTrusted;
}

/** Whether the model may read `dataOverride ?? data.source` in the current trust state. */
export function checkModelData(modelUri: vscode.Uri, model: Pick<NnJsonModel, 'data'>, dataOverride: string | undefined, trust?: TrustOverride): DataAccess {
  const source = dataOverride ?? model.data?.source;
  const trusted = isWorkspaceTrusted(trust);
  if (trusted || typeof source !== 'string' || source.startsWith('builtin:')) return { allowed: true };
  const modelDir = dirname(modelUri.fsPath);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const verdict = checkDataPath(source, modelDir, folders, false, realPath);
  if (!verdict.allowed) return { allowed: false, message: verdict.message };
  const target = realPath(resolve(modelDir, source));
  const root = folders.map(realPath).find((folder) => isInsideFolder(target, folder));
  // The worker checks the unresolved path against this root too; give it the folder as the model sees it.
  const declaredRoot = folders.find((folder) => isInsideFolder(resolve(modelDir, source), folder));
  return { allowed: true, workspaceRoot: declaredRoot ?? root };
}

/**
 * What `data` gives the model at `modelUri` (a `task` model); with the model's input.shape, a folder of images is
 * read at that size, as training reads it (without, when choosing new data, at the images' own size).
 */
export type ModelDataFacts = (modelUri: vscode.Uri, data: DataSpec | undefined, task: Task, inputShape?: readonly number[]) => Promise<DataFactsState>;

/** Data facts from `reader`, read under the same trust rules as training. */
export function modelDataFacts(reader: DataFactsReader): ModelDataFacts {
  return async (modelUri, data, task, inputShape) => {
    if (data === undefined) return { status: 'none' };
    const access = checkModelData(modelUri, { data }, undefined);
    if (!access.allowed) return { status: 'error', source: data.source, message: access.message };
    return reader.read(data, task, { modelDir: dirname(modelUri.fsPath), ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}) }, inputShape);
  };
}
