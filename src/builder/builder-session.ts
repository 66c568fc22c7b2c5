/**
 * One builder panel's conversation with its webview, free of `vscode` so tests can drive it with a fake host.
 * - Messages wait until the webview says `ready`; then the current document (and a running training's events)
 *   are replayed, so a reopened or reloaded panel shows the same state.
 * - Intents become minimal edits of the current text, one at a time, each computed on the latest text; an edit
 *   VS Code refuses because the document changed meanwhile is recomputed on the newer text.
 * - What an edit meant beyond itself (trained weights it dropped) follows it as a note.
 * - A text that cannot be read as a model is never overwritten: intents are refused until it is valid again.
 * - The same text is never pushed twice (no echo of an edit the webview already asked for and has seen), and a
 *   state leaves out the history and parameters when the webview already has them (state-delta.ts).
 * - After each document, what its data gives the network (the data facts) and the problems between the two follow
 *   as a `dataFacts` message, once read. Choosing data writes it and input.size in one edit; Train on a model
 *   without data asks the host for data first.
 * - Training progress (batch and epoch events) goes out in bundles, at most one message per interval: a fast model
 *   makes a hundred epochs a second, more messages than VS Code carries to a webview, and the backlog left the
 *   charts seconds behind the run (still climbing long after Stop). Start, finish and failure go out at once.
 */
import type { Task } from '../data/dataset';
import { taskOfLoss } from '../data/preprocess';
import { editsForChanges, type TextEdit } from '../model/edit';
import { withConsequences } from '../model/edit-consequences';
import type { DataFactsState, DataFitCode } from '../shared/data-facts';
import type { DataSpec, NnJsonModel } from '../shared/nnjson';
import type { TrainingEvent } from '../shared/training-events';
import type {
  CsvPreview, DataImagePreview, DataImagePreviewRequest, DocumentState, FromWebview, ImageSources, ToWebview,
} from '../shared/webview-protocol';
import { dataChanges, dataFitProblems } from '../model/data-fit';
import { withColumnsOfNewFile } from './data-intents';
import { documentState } from './document-state';
import { withoutReusedParts } from './state-delta';
import { editsForIntent, type EditIntent, type EditPlan } from './intent-edits';

export interface BuilderHost {
  post(message: ToWebview): void;
  /** The document's current text and version. */
  current(): { text: string; version: number };
  /** Applies the edits to the document; false when the editor refused them. */
  applyEdits(edits: TextEdit[]): Promise<boolean>;
  readCsvPreview(sourcePath: string): Promise<CsvPreview>;
  listCsvFiles(): Promise<string[]>;
  /** The first images of the model's image data, for the data panel's thumbnails (data-image-preview.ts). */
  readDataImagePreview(request: DataImagePreviewRequest): Promise<DataImagePreview>;
  /** The workspace's image folders and IDX files, as data.source paths. */
  listImageSources(): Promise<ImageSources>;
  /**
   * What `data` gives a `task` model (read with training's own code), or why it cannot be read; a folder of images
   * at `inputShape` (the model's input.shape) when given, else at the images' own size.
   */
  dataFacts(data: DataSpec | undefined, task: Task, inputShape?: readonly number[]): Promise<DataFactsState>;
  /** Asks the user for the data of a model that has none (before training); undefined when they cancel. */
  chooseTrainingData(model: NnJsonModel): Promise<DataSpec | undefined>;
  train(): void;
  stop(): void;
  /** Evaluate Model / Predict on Data / Export Model for this document (they ask which data or format, and where to write). */
  evaluateModel(): void;
  predictOnData(): void;
  exportModel(): void;
  openAsText(): void;
  /** Each new state of the document, once computed (what the builder's other views of the model follow). */
  stateChanged?(state: DocumentState): void;
  /** Events of the run in progress for this document, for a panel that opens mid-run. */
  trainingEvents(): TrainingEvent[];
  /** A layer dropped from the palette was inserted (the walkthrough follows it). */
  layerDropped?(): void;
  /** The user saw inside a trained model (the walkthrough follows it). */
  insightSeen?(): void;
}

/** Runs `flush` once, later; the default waits PROGRESS_INTERVAL_MS. */
export type ProgressScheduler = (flush: () => void) => void;

export const PROGRESS_INTERVAL_MS = 100;

/** How often an intent is recomputed when the document keeps changing under it before giving up. */
const MAX_INTENT_ATTEMPTS = 5;

const afterInterval: ProgressScheduler = (flush) => { setTimeout(flush, PROGRESS_INTERVAL_MS); };

/** Data changes (input.size, a layer's width) with the trained tensors they make unfit dropped, as intents do. */
function withDropped(text: string, model: NnJsonModel, edits: TextEdit[]): EditPlan {
  return withConsequences(text, model, edits, { followWidths: false, changesLayers: true });
}

export class BuilderSession {
  private ready = false;
  private disposed = false;
  private pendingProgress: TrainingEvent[] = [];
  private progressScheduled = false;
  private readonly queue: ToWebview[] = [];
  private lastSentText?: string;
  private lastState?: DocumentState;
  /** The model the webview has, for leaving out what it already holds (state-delta.ts). */
  private webviewModel?: NnJsonModel;
  /** The last dataFacts message sent (as JSON), so an edit that leaves them as they were sends nothing. */
  private lastDataFacts?: string;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly host: BuilderHost, private readonly fileName: string, private readonly schedule: ProgressScheduler = afterInterval) {}

  /** Posts now, or after `ready` when the webview is not listening yet. */
  notify(message: ToWebview): void {
    if (this.ready) this.host.post(message);
    else this.queue.push(message);
  }

  /** The document changed (an edit from here, from the text editor, from git, or an undo). */
  documentChanged(): void {
    const { text, version } = this.host.current();
    if (text === this.lastSentText) return;
    this.lastSentText = text;
    this.lastState = documentState(text, version, this.fileName);
    if (this.ready) {
      this.host.post({ type: 'document', state: withoutReusedParts(this.lastState, this.webviewModel) });
      // what the webview holds now: the parts left out are the ones it kept
      this.webviewModel = this.lastState.model ?? this.webviewModel;
      this.sendDataFacts();
    }
    this.host.stateChanged?.(this.lastState);
  }

  /** A data file may have changed on disk: read the facts again (the host's cache notices a changed file). */
  dataFilesChanged(): void {
    this.lastDataFacts = undefined;
    this.sendDataFacts();
  }

  private sendDataFacts(): void {
    const state = this.lastState;
    const model = state?.model;
    if (!state || !model || !this.ready) return;
    this.host.dataFacts(model.data, taskOfLoss(model.loss.type), model.input.shape).then((facts) => {
      if (this.disposed || this.lastState !== state) return;
      const message: ToWebview = { type: 'dataFacts', version: state.version, facts, problems: dataFitProblems(model, facts) };
      const key = JSON.stringify([message.facts, message.problems]);
      if (key === this.lastDataFacts) return;
      this.lastDataFacts = key;
      this.host.post(message);
    }, (error: unknown) => {
      this.host.post({ type: 'error', message: `The builder could not read the data: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  trainingEvent(event: TrainingEvent): void {
    if (!this.ready) {
      this.notify({ type: 'training', event });
      return;
    }
    this.pendingProgress.push(event);
    if (event.type !== 'batch' && event.type !== 'epochs') {
      this.flushProgress();
    } else if (!this.progressScheduled) {
      this.progressScheduled = true;
      this.schedule(() => {
        this.progressScheduled = false;
        this.flushProgress();
      });
    }
  }

  /** The panel is gone: nothing more is posted. */
  dispose(): void {
    this.disposed = true;
    this.pendingProgress = [];
  }

  private flushProgress(): void {
    const events = this.pendingProgress.splice(0);
    if (this.disposed || events.length === 0) return;
    this.host.post(events.length === 1 ? { type: 'training', event: events[0] } : { type: 'trainingReplay', events });
  }

  /** Resolves when every message received so far has been handled. */
  whenIdle(): Promise<void> {
    return this.work;
  }

  /** Handles one message from the webview; intents are applied strictly in arrival order. */
  receive(message: FromWebview): Promise<void> {
    this.work = this.work.then(() => this.handle(message)).catch((error: unknown) => {
      this.host.post({ type: 'error', message: `The builder could not apply that change: ${error instanceof Error ? error.message : String(error)}` });
    });
    return this.work;
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.onReady();
        return;
      case 'insertLayer':
        if (await this.applyIntent(message) && message.via === 'drag') this.host.layerDropped?.();
        return;
      case 'moveLayer':
      case 'placeLayer':
      case 'removeLayer':
      case 'duplicateLayer':
      case 'setLayerValue':
      case 'setValue':
      case 'fixLayer':
      case 'resetWeights':
        await this.applyIntent(message);
        return;
      case 'setData':
        await this.applyData(message.data);
        return;
      case 'applyDataFix':
        await this.applyDataFix(message.code);
        return;
      case 'train':
        await this.train();
        return;
      case 'stop':
        this.host.stop();
        return;
      case 'evaluate':
        this.host.evaluateModel();
        return;
      case 'predict':
        this.host.predictOnData();
        return;
      case 'exportModel':
        this.host.exportModel();
        return;
      case 'requestCsvPreview':
        this.host.post({ type: 'csvPreview', preview: await this.host.readCsvPreview(message.path) });
        return;
      case 'requestCsvFiles':
        this.host.post({ type: 'csvFiles', files: await this.host.listCsvFiles() });
        return;
      case 'requestDataImagePreview':
        // a read, not an edit: intents after it need not wait for the pictures (the answer names its request)
        void this.host.readDataImagePreview(message.request).then((preview) => {
          if (!this.disposed) this.host.post({ type: 'dataImagePreview', preview });
        });
        return;
      case 'requestImageSources':
        this.host.post({ type: 'imageSources', sources: await this.host.listImageSources() });
        return;
      case 'openAsText':
        this.host.openAsText();
        return;
      case 'insightSeen':
        this.host.insightSeen?.();
        return;
    }
  }

  private onReady(): void {
    this.ready = true;
    // the replay below holds every event of the run so far, including those waiting to be bundled
    this.pendingProgress = [];
    this.lastSentText = undefined;
    this.webviewModel = undefined;
    this.lastDataFacts = undefined;
    this.documentChanged();
    const events = this.host.trainingEvents();
    if (events.length > 0) this.host.post({ type: 'trainingReplay', events });
    for (const message of this.queue.splice(0)) {
      if (message.type !== 'training' || events.length === 0) this.host.post(message);
    }
  }

  /** Computes the intent's edits on the document as it is now and applies them (see applyComputedEdits). */
  private async applyIntent(intent: EditIntent): Promise<boolean> {
    return this.applyComputedEdits((text, model) => editsForIntent(text, model, intent));
  }

  /**
   * Computes edits on the document as it is now and applies them. VS Code refuses an edit made for a version that
   * changed before it arrived (an undo or a keystroke in between); then they are computed again on the newer
   * text, so no intent is dropped. True when the edits were applied or there was nothing to change.
   */
  private async applyComputedEdits(compute: (text: string, model: NnJsonModel) => EditPlan | { error: string }): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_INTENT_ATTEMPTS; attempt++) {
      const { text, version } = this.host.current();
      const model = this.editableModel(text, version);
      if (!model) return false;
      const plan = compute(text, model);
      if ('error' in plan) {
        this.host.post({ type: 'error', message: plan.error });
        return false;
      }
      if (plan.edits.length === 0) return true;
      if (await this.host.applyEdits(plan.edits)) {
        if (plan.notes.length > 0) this.host.post({ type: 'note', message: `${plan.notes.join('. ')}.`, version: this.host.current().version });
        return true;
      }
      if (this.host.current().version === version) break;
    }
    this.host.post({ type: 'error', message: `VS Code refused the edit to ${this.fileName}; is the file read-only?` });
    return false;
  }

  private stateOf(text: string, version: number): DocumentState {
    return this.lastState && this.lastSentText === text ? this.lastState : documentState(text, version, this.fileName);
  }

  /** The text's model, or undefined (after telling the webview) when the text cannot be read as one. */
  private editableModel(text: string, version: number): NnJsonModel | undefined {
    const { model } = this.stateOf(text, version);
    if (!model) this.host.post({ type: 'error', message: `${this.fileName} cannot be read as a model, so the builder does not change it: fix the text first.` });
    return model;
  }

  /** Writes the chosen data and, from what it gives, input.size (and the layers that state it): one edit. */
  private async applyData(data: DataSpec | undefined): Promise<boolean> {
    const { text, version } = this.host.current();
    const before = this.editableModel(text, version);
    if (!before) return false;
    const chosen = data && (await withColumnsOfNewFile(data, before.data, (source) => this.host.readCsvPreview(source)));
    const facts = await this.host.dataFacts(chosen, taskOfLoss(before.loss.type));
    // the facts took a moment: the edits are computed on the text as it is now
    return this.applyComputedEdits((current, model) => withDropped(current, model, editsForChanges(current, dataChanges(model, chosen, facts))));
  }

  /** The fix of the data-fit problem `code`, as the rule finds it on the current text (nothing when it is gone). */
  private async applyDataFix(code: DataFitCode): Promise<void> {
    const { text, version } = this.host.current();
    const before = this.editableModel(text, version);
    if (!before) return;
    const facts = await this.host.dataFacts(before.data, taskOfLoss(before.loss.type), before.input.shape);
    await this.applyComputedEdits((current, model) =>
      withDropped(current, model, editsForChanges(current, dataFitProblems(model, facts).find((problem) => problem.code === code)?.data?.fixes?.[0].changes ?? [])));
  }

  /** Trains; a model without data first gets the data the user chooses, written into the file. */
  private async train(): Promise<void> {
    const { text, version } = this.host.current();
    const { model } = this.stateOf(text, version);
    if (model && model.data === undefined) {
      const data = await this.host.chooseTrainingData(model);
      if (!data || !(await this.applyData(data))) return;
    }
    this.host.train();
  }
}
