/**
 * The committed (HEAD) text of a file, read through VS Code's built-in Git extension (`vscode.git`, API version 1),
 * or a message that says why there is none and what to do.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';

/** The part of the Git extension's API (extensions/git/src/api/git.d.ts in VS Code) this reads. */
interface GitRepository {
  show(ref: string, path: string): Promise<string>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

const GIT_EXTENSION_ID = 'vscode.git';

/** How long to wait for the Git extension to find the repositories of a workspace that has just opened. */
const GIT_START_MS = 15_000;

/** True once the API has found the workspace's repositories; false when that takes longer than GIT_START_MS. */
function initialized(api: GitApi): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(false);
    }, GIT_START_MS);
    const subscription = api.onDidChangeState((state) => {
      if (state !== 'initialized') return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(true);
    });
  });
}

async function gitApi(): Promise<GitApi | string> {
  const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
  if (!extension) return 'VS Code\'s built-in Git extension is not installed, so the committed version cannot be read';
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) return 'Git is turned off in VS Code (the setting "git.enabled"): turn it on to compare with the committed version';
  const api = git.getAPI(1);
  if (api.state === 'uninitialized' && !(await initialized(api))) {
    return 'Git has not finished looking for repositories yet: try again in a moment';
  }
  return api;
}

export async function committedText(uri: vscode.Uri): Promise<{ text: string } | { error: string }> {
  const name = basename(uri.path);
  const api = await gitApi();
  if (typeof api === 'string') return { error: api };
  const repository = api.getRepository(uri);
  if (!repository) return { error: `${name} is not in a git repository: open the folder of a repository (or run "git init" and commit the model) to compare it with its committed version` };
  try {
    return { text: await repository.show('HEAD', uri.fsPath) };
  } catch {
    return { error: `${name} has no committed version (it is untracked, or the repository has no commit yet): commit it first, then compare after a change` };
  }
}
