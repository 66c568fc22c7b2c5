/** The webview's state: the last document from the host, the selection, and what the current run reported. */
import type { LayerSpec, NnJsonModel } from '../src/shared/nnjson';
import type {
  BatchProgress, ConfusionMatrix, DataPoints, DecisionBoundary, EpochSummary, TrainingEvent, TrainingOutcome,
} from '../src/shared/training-events';
import type { DataFactsState, DataFitProblem } from '../src/shared/data-facts';
import type { RunSpan } from '../src/shared/run-progress';
import type { CsvPreview, DataImagePreview, DocumentState, HeldOutState, ImageSources } from '../src/shared/webview-protocol';

export interface BatchPoint {
  /** Fractional epoch: epoch - 1 + batch / batchesPerEpoch. */
  x: number;
  loss: number;
}

export interface TrainingView {
  running: boolean;
  /** The current or last run seen here: the history it continues from and the epochs it runs. */
  run?: RunSpan;
  /** Epochs of the earlier history plus those of the current or last run seen here; empty until a run starts. */
  liveEpochs: EpochSummary[];
  batches: BatchPoint[];
  lastBatch?: BatchProgress;
  /** Sample of two-feature data sent with `started`, to draw under the boundary. */
  points?: DataPoints;
  boundary?: DecisionBoundary;
  confusion?: ConfusionMatrix;
  outcome?: TrainingOutcome;
  /** Why the run failed, or where its results went. */
  message?: string;
  /** The document version a failure (or divergence) was reported against: a later change may have fixed its cause. */
  failedAtVersion?: number;
}

export type StoreChange = 'document' | 'selection' | 'training' | 'csv' | 'images' | 'heldOut' | 'data';

/** What the host last read about the model's data, and the problems between the two. */
export interface DataView {
  /** The document version the facts were read for. */
  version: number;
  facts: DataFactsState;
  problems: DataFitProblem[];
}

/** Batch points kept for the smoothed curve; older points are thinned so long runs stay cheap to draw. */
const MAX_BATCH_POINTS = 4000;

/**
 * The state with the parts the host left out (`reused`) taken from the model shown before. The same objects are
 * kept, so panels that draw them can tell by identity that nothing changed.
 */
function withReusedParts(state: DocumentState, previous: NnJsonModel | undefined): DocumentState {
  if (!state.reused || !state.model) return state;
  const model: NnJsonModel = { ...state.model };
  for (const part of state.reused) {
    if (previous?.[part] !== undefined) model[part] = previous[part] as never;
  }
  return { ...state, model, reused: undefined };
}

export class BuilderStore {
  document?: DocumentState;
  selectedId?: string;
  csvPreview?: CsvPreview;
  csvFiles: string[] = [];
  /** The host's thumbnails of the model's image data (the last answer; its request says for which data). */
  dataImagePreview?: DataImagePreview;
  imageSources: ImageSources = { folders: [], idxFiles: [] };
  data?: DataView;
  training: TrainingView = { running: false, liveEpochs: [], batches: [] };
  /** The host's confusion matrix (and images) of a classifier trained on a file's held-out rows (the webview cannot read the file itself). */
  heldOut: HeldOutState = { status: 'none' };
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private expectNewLayer = false;

  subscribe(listener: (change: StoreChange) => void): void {
    this.listeners.add(listener);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get layers(): LayerSpec[] {
    return this.document?.model?.layers ?? [];
  }

  get editable(): boolean {
    return this.document?.model !== undefined;
  }

  selectedIndex(): number {
    return this.layers.findIndex((layer) => layer.id === this.selectedId);
  }

  /** The next document that has a layer id the current one lacks selects that layer (after insert/duplicate). */
  selectNextNewLayer(): void {
    this.expectNewLayer = true;
  }

  setDocument(state: DocumentState): void {
    if (this.document && state.version < this.document.version) return;
    const before = new Set(this.layers.map((layer) => layer.id));
    this.document = withReusedParts(state, this.document?.model);
    const after = this.layers;
    if (this.expectNewLayer) {
      const added = after.find((layer) => !before.has(layer.id));
      if (added) {
        this.selectedId = added.id;
        this.expectNewLayer = false;
      }
    }
    if (state.model && this.selectedId !== undefined && !after.some((layer) => layer.id === this.selectedId)) {
      this.selectedId = undefined;
    }
    this.emit('document');
  }

  /** The user chose a layer: a layer still on its way (inserted or duplicated) no longer takes the selection. */
  select(id: string | undefined): void {
    this.expectNewLayer = false;
    if (this.selectedId === id) return;
    this.selectedId = id;
    this.emit('selection');
  }

  setCsvPreview(preview: CsvPreview): void {
    this.csvPreview = preview;
    this.emit('csv');
  }

  setCsvFiles(files: string[]): void {
    this.csvFiles = files;
    this.emit('csv');
  }

  setHeldOut(state: HeldOutState): void {
    this.heldOut = state;
    this.emit('heldOut');
  }

  setDataImagePreview(preview: DataImagePreview): void {
    this.dataImagePreview = preview;
    this.emit('images');
  }

  setImageSources(sources: ImageSources): void {
    this.imageSources = sources;
    this.emit('images');
  }

  setData(view: DataView): void {
    if (this.data && view.version < this.data.version) return;
    this.data = view;
    this.emit('data');
  }

  /** The data-fit problem at `segments` (e.g. ['input', 'size']), if there is one. */
  dataProblemAt(segments: readonly (string | number)[]): DataFitProblem | undefined {
    return this.data?.problems.find((problem) => problem.segments.length === segments.length && problem.segments.every((segment, i) => segment === segments[i]));
  }

  applyTrainingEvent(event: TrainingEvent, notify = true): void {
    const view = this.training;
    switch (event.type) {
      case 'started': {
        const earlier = (this.document?.model?.history ?? []).filter((record) => record.epoch <= event.info.startEpoch);
        this.training = {
          running: true,
          run: { startEpoch: event.info.startEpoch, epochs: event.info.epochs },
          liveEpochs: earlier,
          batches: [],
          points: event.info.points,
        };
        break;
      }
      case 'batch': {
        const { epoch, batch, batchesPerEpoch, loss } = event.progress;
        view.running = true;
        view.lastBatch = event.progress;
        view.batches.push({ x: epoch - 1 + batch / batchesPerEpoch, loss });
        if (view.batches.length > MAX_BATCH_POINTS) view.batches = view.batches.filter((_, i) => i % 2 === 0);
        break;
      }
      case 'epochs': {
        const first = event.summaries[0].epoch;
        view.liveEpochs = [...view.liveEpochs.filter((record) => record.epoch < first), ...event.summaries];
        if (event.boundary) view.boundary = event.boundary;
        break;
      }
      case 'finished':
        view.running = false;
        view.outcome = event.outcome;
        if (event.confusion) view.confusion = event.confusion;
        if (event.boundary) view.boundary = event.boundary;
        view.message = event.written === 'copy'
          ? 'The file changed during training, so the results went to a copy next to it.'
          : event.written === 'nothing' && event.outcome.status !== 'diverged' ? 'The results were not written.' : undefined;
        view.failedAtVersion = event.outcome.status === 'diverged' ? this.document?.version : undefined;
        break;
      case 'failed':
        view.running = false;
        // a run refused before it started must not read as the outcome of an earlier run
        view.outcome = undefined;
        view.message = event.message;
        view.failedAtVersion = this.document?.version;
        break;
    }
    if (notify) this.emit('training');
  }

  replayTraining(events: TrainingEvent[]): void {
    for (const event of events) this.applyTrainingEvent(event, false);
    this.emit('training');
  }

  /** What the charts show: the live run while one is going or was seen here, else the file's history. */
  epochHistory(): EpochSummary[] {
    const fileHistory = this.document?.model?.history ?? [];
    if (this.training.running || this.training.liveEpochs.length > 0) {
      return this.training.running || this.training.liveEpochs.length >= fileHistory.length ? this.training.liveEpochs : fileHistory;
    }
    return fileHistory;
  }
}
