/**
 * Which data sources a model may read in an untrusted workspace: generated sets, and files inside a workspace
 * folder. Pure path logic (no vscode import) so unit tests can cover it; symlinks are resolved by the caller.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type DataPathVerdict =
  | { allowed: true }
  | { allowed: false; resolvedPath: string; message: string };

export function isInsideFolder(path: string, folder: string): boolean {
  const fromFolder = relative(resolve(folder), resolve(path));
  return fromFolder === '' || (!fromFolder.startsWith(`..${sep}`) && fromFolder !== '..' && !isAbsolute(fromFolder));
}

/**
 * @param source `data.source` as written in the model (`builtin:NAME` or a path relative to the model's folder)
 * @param modelDir absolute folder of the `.nnjson` file
 * @param workspaceFolders absolute paths of the open workspace folders
 * @param trusted whether the workspace is trusted; a trusted workspace may read any path
 * @param realPath resolves symlinks in a path (identity by default); applied to the data path and the folders
 */
export function checkDataPath(
  source: string,
  modelDir: string,
  workspaceFolders: readonly string[],
  trusted: boolean,
  realPath: (path: string) => string = (path) => path,
): DataPathVerdict {
  if (trusted || source.startsWith('builtin:')) return { allowed: true };
  const resolvedPath = realPath(resolve(modelDir, source));
  if (workspaceFolders.some((folder) => isInsideFolder(resolvedPath, realPath(folder)))) return { allowed: true };
  return {
    allowed: false,
    resolvedPath,
    message:
      `The data file "${source}" resolves to ${resolvedPath}, which is outside the workspace, and this workspace is not trusted. ` +
      'Copy the file into the workspace and point data.source at the copy, or trust the workspace (Workspaces: Manage Workspace Trust).',
  };
}
