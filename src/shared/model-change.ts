/**
 * One change of a model document, by JSON path: what a fix or a data choice does to the file, before it becomes
 * minimal text edits (`editsForChanges` in src/model/edit.ts). Plain data, so it travels in diagnostics and
 * messages. No Node, DOM or vscode imports.
 */
import type { LayerSpec } from './nnjson';

export type ModelChange =
  | { kind: 'set'; path: (string | number)[]; value: unknown }
  | { kind: 'remove'; path: (string | number)[] }
  | { kind: 'insertLayer'; index: number; layer: LayerSpec };
