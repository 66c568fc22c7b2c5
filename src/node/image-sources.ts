/**
 * Finds the image data under some folders, for a model to choose: folders of images with one subfolder per class
 * (a folder with a subfolder that holds a PNG or JPEG file), and IDX files. Only folder listings are read, never an
 * image; a class folder is not searched further, and the walk stops at a depth and a number of folders. Node only.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isIdxSource } from '../data/idx';
import type { ImageSources } from '../shared/webview-protocol';
import { dataSourcesFrom } from './data-source-paths';
import { isImageFileName } from './image-folder';

export interface FoundImageSources {
  /** Absolute paths of folders of class subfolders. */
  folders: string[];
  /** Absolute paths of IDX files. */
  idxFiles: string[];
}

const SKIPPED = new Set(['node_modules', 'out', 'dist']);

async function entriesOf(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

const searched = (entry: Dirent): boolean => entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED.has(entry.name);

/** The image data under `roots`, each list sorted by path. */
export async function findImageSources(roots: readonly string[], limits = { depth: 6, folders: 5000 }): Promise<FoundImageSources> {
  const found: FoundImageSources = { folders: [], idxFiles: [] };
  let visited = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (visited >= limits.folders) return;
    visited += 1;
    const entries = await entriesOf(folder);
    for (const entry of entries) if (entry.isFile() && isIdxSource(entry.name)) found.idxFiles.push(join(folder, entry.name));
    const subfolders = entries.filter(searched).map((entry) => join(folder, entry.name));
    const listings = await Promise.all(subfolders.map(async (path) => ({ path, entries: await entriesOf(path) })));
    if (listings.some(({ entries: inside }) => inside.some((entry) => entry.isFile() && isImageFileName(entry.name)))) {
      found.folders.push(folder);
      return;
    }
    if (depth < limits.depth) for (const path of subfolders) await walk(path, depth + 1);
  };
  for (const root of roots) await walk(root, 0);
  found.folders.sort();
  found.idxFiles.sort();
  return found;
}

/** The image data under `roots` as a model in `modelDir` names it in data.source, nearest first. */
export async function imageSourcesFor(modelDir: string, roots: readonly string[]): Promise<ImageSources> {
  const found = await findImageSources(roots);
  return { folders: dataSourcesFrom(modelDir, found.folders), idxFiles: dataSourcesFrom(modelDir, found.idxFiles) };
}
