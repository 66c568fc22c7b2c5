/**
 * Messages between the builder webview and the extension host, typed once for both sides.
 * The webview never edits the model itself: it sends intents, the host turns them into minimal edits of the
 * TextDocument and pushes the new state back. No Node, DOM or vscode imports.
 */
import type { Diagnostic } from './diagnostics';
import type { ShapeSummary } from '../model/shapes';
import type { LayerType, NnJsonModel } from './nnjson';
import type { TrainingEvent } from './training-events';

/** A JSON path as segments: `['layers', 2, 'out']`. */
export type JsonPath = (string | number)[];
export type { ShapeSummary };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The document as the builder shows it. `model` is absent when the text cannot be read as a model. The text
 * itself is not sent: the model already carries everything, and a trained model's text can be large.
 */
export interface DocumentState {
  /** Increases with every change of the document, so the webview can drop stale state. */
  version: number;
  fileName: string;
  model?: NnJsonModel;
  shapes?: ShapeSummary;
  diagnostics: Diagnostic[];
}

export interface CsvPreview {
  /** Path relative to the model file's folder, as written in `data.source`. */
  path: string;
  columns: string[];
  rows: string[][];
  /** Why the file could not be read, naming the file and what to do. */
  error?: string;
}

export type ToWebview =
  | { type: 'document'; state: DocumentState }
  | { type: 'training'; event: TrainingEvent }
  /** Replayed on (re)open while a run is in progress: what that run reported so far (batches thinned). */
  | { type: 'trainingReplay'; events: TrainingEvent[] }
  /** Settings the webview needs from the host. */
  | { type: 'settings'; chartRefreshRate: number }
  | { type: 'csvPreview'; preview: CsvPreview }
  | { type: 'csvFiles'; files: string[] }
  | { type: 'error'; message: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'insertLayer'; layerType: LayerType; index: number }
  /** `to` is the layer's index after the move. */
  | { type: 'moveLayer'; from: number; to: number }
  | { type: 'removeLayer'; index: number }
  | { type: 'duplicateLayer'; index: number }
  /** `value` undefined removes the key. */
  | { type: 'setValue'; path: JsonPath; value: JsonValue | undefined }
  | { type: 'train' }
  | { type: 'stop' }
  | { type: 'requestCsvPreview'; path: string }
  | { type: 'requestCsvFiles' }
  | { type: 'openAsText' };

export type FromWebviewType = FromWebview['type'];
