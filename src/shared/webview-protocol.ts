/**
 * Messages between the builder webview and the extension host, typed once for both sides.
 * The webview never edits the model itself: it sends intents, the host turns them into minimal edits of the
 * TextDocument and pushes the new state back. No Node, DOM or vscode imports.
 */
import type { DataFactsState, DataFitCode, DataFitProblem } from './data-facts';
import type { Diagnostic } from './diagnostics';
import type { ImageSampleSet } from './image-samples';
import type { ShapeSummary } from '../model/shapes';
import type { DataSpec, LayerType, NnJsonModel } from './nnjson';
import type { HeldOutResults } from './held-out-images';
import type { TrainingEvent } from './training-events';

/** A JSON path as segments: `['layers', 2, 'out']`. */
export type JsonPath = (string | number)[];
export type { ShapeSummary };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The document as the builder shows it. `model` is absent when the text cannot be read as a model. The text
 * itself is not sent: the model already carries everything, and a trained model's text can be large.
 */
/** Big parts of a model that the host does not send again while they stay the same (src/builder/state-delta.ts). */
export type ReusedPart = 'history' | 'parameters';

export interface DocumentState {
  /** Increases with every change of the document, so the webview can drop stale state. */
  version: number;
  fileName: string;
  model?: NnJsonModel;
  /** Parts of `model` left out because they equal those of the state before: keep the ones you have. */
  reused?: ReusedPart[];
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

/** How many images the data panel previews: the first ones of the data (a folder's: the first of each class in turn). */
export const DATA_PREVIEW_IMAGES = 48;

/** The data panel asks for thumbnails of the model's image data, which the host reads (the webview cannot). */
export interface DataImagePreviewRequest {
  data: DataSpec;
  /** The model's input.shape, when it has one: a folder's images are converted to it, a CSV's pixel columns fill it. */
  inputShape?: number[];
  task: 'classification' | 'regression';
}

/**
 * The first images of the data, as the network gets them (before normalisation), each with its class; `problems`
 * are the messages of the previewed files that cannot be read (each names the file and the fix). `failed`: the
 * data itself cannot be read.
 */
export type DataImagePreview =
  | { request: DataImagePreviewRequest; status: 'ready'; images: ImageSampleSet; problems: string[] }
  | { request: DataImagePreviewRequest; status: 'failed'; message: string };

/** The workspace's image data a model may choose, as `data.source` paths relative to the model file's folder. */
export interface ImageSources {
  /** Folders with one subfolder of PNG or JPEG images per class. */
  folders: string[];
  /** IDX files (MNIST format), images and labels. */
  idxFiles: string[];
}

/**
 * What a trained classifier whose data is a file (which the webview cannot read) shows of the rows training held
 * out, computed by the host: the confusion matrix, and for image data some of those images and the misclassified
 * ones. 'none' when the model is not such a classifier.
 */
export type HeldOutState =
  | { status: 'none' }
  | { status: 'computing' }
  | { status: 'ready'; results: HeldOutResults }
  | { status: 'failed'; message: string };

export type ToWebview =
  | { type: 'document'; state: DocumentState }
  | { type: 'training'; event: TrainingEvent }
  /**
   * Several training events applied in order with one redraw: the run so far when a panel (re)opens while it is in
   * progress (older batches thinned), or the progress events bundled since the last post.
   */
  | { type: 'trainingReplay'; events: TrainingEvent[] }
  /** Settings the webview needs from the host. */
  | { type: 'settings'; chartRefreshRate: number }
  | { type: 'csvPreview'; preview: CsvPreview }
  | { type: 'csvFiles'; files: string[] }
  /** Thumbnails of the model's image data for the data panel (not the trained model's pictures). */
  | { type: 'dataImagePreview'; preview: DataImagePreview }
  | { type: 'imageSources'; sources: ImageSources }
  | { type: 'heldOut'; state: HeldOutState }
  /** What the model's data gives the network, and the problems between the two, for the document of `version`. */
  | { type: 'dataFacts'; version: number; facts: DataFactsState; problems: DataFitProblem[] }
  | { type: 'error'; message: string }
  /** What an applied edit meant beyond itself ("fc2 starts from fresh weights: ..."); a later document `version` replaces it. */
  | { type: 'note'; message: string; version: number }
  /** Scroll to "Inside the model" (Look Inside the Model). */
  | { type: 'revealInsight' };

/**
 * Where a layer goes, named by a neighbour's id rather than an index: the host applies an intent to the document
 * as it is when the intent's turn comes, which may be newer than what the webview showed when it was sent.
 */
export type LayerPlace = { before: string } | { after: string } | { at: 'start' | 'end' };

/**
 * Intents name layers by id, never by index, so that rapid intents (two Alt+Down presses before the first move
 * has come back) each apply to the layer the user meant, in order.
 */
export type LayerIntent =
  /** `via: 'drag'`: dropped from the palette (the walkthrough's "build your own" step). */
  | { type: 'insertLayer'; layerType: LayerType; place: LayerPlace; via?: 'drag' }
  /** One step toward the input (-1) or the output (+1) from wherever the layer is now (keyboard, card buttons). */
  | { type: 'moveLayer'; id: string; by: -1 | 1 }
  /** Drag and drop: the layer goes to `place`. */
  | { type: 'placeLayer'; id: string; place: LayerPlace }
  | { type: 'removeLayer'; id: string }
  | { type: 'duplicateLayer'; id: string }
  /** One setting of a layer; `value` undefined removes it. Setting `id` renames the layer and its parameters. */
  | { type: 'setLayerValue'; id: string; key: string; value: JsonValue | undefined }
  /** Any value outside `layers`; `value` undefined removes the key. */
  | { type: 'setValue'; path: JsonPath; value: JsonValue | undefined }
  /**
   * The one-click fix titled `title` of a problem of layer `id` (insert a Flatten before it, a kernel that fits), as
   * the validator finds it on the text then: the title names the values, so a fix that changed meanwhile is refused.
   */
  | { type: 'fixLayer'; id: string; title: string };

export type FromWebview =
  | { type: 'ready' }
  | LayerIntent
  /** Drops the trained weights of layer `id`, or of every layer (and what described their training) without one. */
  | { type: 'resetWeights'; id?: string }
  | { type: 'train' }
  | { type: 'stop' }
  /** Run Evaluate Model / Predict on Data / Export Model for this document (they ask which data or format, and where to write). */
  | { type: 'evaluate' }
  | { type: 'predict' }
  | { type: 'exportModel' }
  | { type: 'requestCsvPreview'; path: string }
  | { type: 'requestCsvFiles' }
  | { type: 'requestDataImagePreview'; request: DataImagePreviewRequest }
  | { type: 'requestImageSources' }
  /** Choose the data (undefined: none); the host sets input.size from what the data gives in the same edit. */
  | { type: 'setData'; data: DataSpec | undefined }
  /** Apply the one-click fix of the data-fit problem with this code, as the host finds it on the current text. */
  | { type: 'applyDataFix'; code: DataFitCode }
  | { type: 'openAsText' }
  /** "Inside the model" of a trained model came into view (the walkthrough's "look inside" step). */
  | { type: 'insightSeen' };
