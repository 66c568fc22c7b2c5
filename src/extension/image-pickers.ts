/**
 * Quick picks for image data: the generated pictures (builtin:shapes), a folder of images with one subfolder per
 * class or IDX images of the workspace, a folder browsed to, and the labels file of IDX images. For New Model →
 * From images.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { BUILTIN_DATASETS, BUILTIN_NAMES, BUILTIN_PREFIX } from '../data/builtin';
import { idxLabelsFor, isIdxSource } from '../data/idx';
import { findImageSources } from '../node/image-sources';

/** Image data as the user chose it: a generated image set, or absolute paths. */
export type ImageDataChoice =
  | { kind: 'builtin'; source: string }
  | { kind: 'folder'; path: string }
  | { kind: 'idx'; path: string; labels: string };

type ImageItem = vscode.QuickPickItem & { choice?: ImageDataChoice; browse?: true };

const IMAGE_SETS = BUILTIN_NAMES.filter((name) => BUILTIN_DATASETS[name].imageShape !== undefined);

/** The labels file of IDX images at `path`: the one named like it beside it, or the one the user picks. */
export async function pickIdxLabels(title: string, path: string, candidates?: readonly string[]): Promise<string | undefined> {
  const folder = dirname(path);
  const beside = readdirSync(folder).filter(isIdxSource).map((name) => join(folder, name));
  const named = idxLabelsFor(path, beside);
  if (named) return named;
  const others = [...new Set([...beside, ...(candidates ?? [])])].filter((file) => file !== path);
  const picked = await vscode.window.showQuickPick(others.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })), {
    title, placeHolder: others.length > 0 ? 'The IDX labels file of these images' : 'No other IDX file in the workspace: add the labels file beside the images',
  });
  return picked?.file;
}

/** Image data of the workspace, a folder browsed to, or a generated image set; undefined when the user cancels. */
export async function pickImageData(title: string): Promise<ImageDataChoice | undefined> {
  const found = await findImageSources((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath));
  const items: ImageItem[] = [
    { label: 'Image folders (one subfolder per class)', kind: vscode.QuickPickItemKind.Separator },
    ...found.folders.map((path): ImageItem => ({ label: `$(folder) ${vscode.workspace.asRelativePath(path)}`, choice: { kind: 'folder', path, } })),
    { label: '$(folder-opened) Browse...', description: 'a folder of images anywhere', browse: true },
    { label: 'IDX files (MNIST format)', kind: vscode.QuickPickItemKind.Separator },
    ...found.idxFiles.map((path): ImageItem => ({ label: `$(file-binary) ${vscode.workspace.asRelativePath(path)}`, choice: { kind: 'idx', path, labels: '' } })),
    { label: 'Generated pictures', kind: vscode.QuickPickItemKind.Separator },
    ...IMAGE_SETS.map((name): ImageItem => ({ label: `${BUILTIN_PREFIX}${name}`, detail: BUILTIN_DATASETS[name].description, choice: { kind: 'builtin', source: `${BUILTIN_PREFIX}${name}` } })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'The pictures to learn from', matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.browse) {
    const chosen = await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
    return chosen?.[0] ? { kind: 'folder', path: chosen[0].fsPath } : undefined;
  }
  const choice = picked.choice;
  if (choice?.kind !== 'idx') return choice;
  const labels = await pickIdxLabels(title, choice.path, found.idxFiles);
  return labels ? { ...choice, labels } : undefined;
}
