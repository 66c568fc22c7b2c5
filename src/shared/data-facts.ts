/**
 * What a model's data gives the network, as the builder and the diagnostics need it: read by the extension host
 * from the same code training uses (src/training/data-facts.ts), sent to the webview, with the problems between the
 * model and its data (src/model/data-fit.ts). No Node, DOM or vscode imports.
 */
import type { DiagnosticData } from './diagnostics';
export interface DataFacts {
  /** `data.source` as the file writes it. */
  source: string;
  /** How messages name the data: the CSV's file name, or `builtin:NAME`. */
  label: string;
  /** A CSV file, a generated set, IDX files (MNIST format), or a folder of images with one subfolder per class. */
  kind: 'csv' | 'builtin' | 'idx' | 'image-folder';
  task: 'classification' | 'regression';
  rows: number;
  /** The network's input columns after one-hot encoding of text features: input.size must be their number. */
  inputColumns: string[];
  /** The source columns the inputs come from, before one-hot encoding. */
  featureColumns: string[];
  /** Text feature columns (one-hot encoded) and how many inputs each becomes. */
  oneHotColumns: { column: string; width: number }[];
  /** The target columns present in the data (empty when it has none, as prediction data may). */
  targetColumns: string[];
  /** Classification: the class labels in output order. */
  classNames?: string[];
  /** Image data (a generated image set): the shape [C, H, W] of one sample, which input.shape must be. */
  imageShape?: number[];
}

export type DataFactsState =
  /** The model names no data. */
  | { status: 'none' }
  | { status: 'ready'; facts: DataFacts }
  /** The data cannot be read as the settings say; the message names the file or setting and the fix. */
  | { status: 'error'; source: string; message: string };

export type DataFitCode = 'data-input-width' | 'data-output-width' | 'data-unreadable';

/** A problem between the model and its data, by JSON path (the reader's Issue shape, so it can be placed in the text). */
export interface DataFitProblem {
  severity: 'error';
  code: DataFitCode;
  segments: (string | number)[];
  message: string;
  /** `fixes`: the fix; `expected`: the width the data needs. */
  data?: DiagnosticData;
}
