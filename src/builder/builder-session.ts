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
 * - Training progress (batch and epoch events) goes out in bundles, at most one message per interval: a fast model
 *   makes a hundred epochs a second, more messages than VS Code carries to a webview, and the backlog left the
 *   charts seconds behind the run (still climbing long after Stop). Start, finish and failure go out at once.
 */
import type { TrainingEvent } from '../shared/training-events';
import type { CsvPreview, DocumentState, FromWebview, ToWebview } from '../shared/webview-protocol';
import type { NnJsonModel } from '../shared/nnjson';
import { documentState } from './document-state';
import { withoutReusedParts } from './state-delta';
import { editsForIntent, type EditIntent, type TextEdit } from './intent-edits';

export interface BuilderHost {
  post(message: ToWebview): void;
  /** The document's current text and version. */
  current(): { text: string; version: number };
  /** Applies the edits to the document; false when the editor refused them. */
  applyEdits(edits: TextEdit[]): Promise<boolean>;
  readCsvPreview(sourcePath: string): Promise<CsvPreview>;
  listCsvFiles(): Promise<string[]>;
  train(): void;
  stop(): void;
  /** Evaluate Model / Predict on Data for this document (they ask which data, and where to write). */
  evaluateModel(): void;
  predictOnData(): void;
  openAsText(): void;
  /** Each new state of the document, once computed (what the builder's other views of the model follow). */
  stateChanged?(state: DocumentState): void;
  /** Events of the run in progress for this document, for a panel that opens mid-run. */
  trainingEvents(): TrainingEvent[];
}

/** Runs `flush` once, later; the default waits PROGRESS_INTERVAL_MS. */
export type ProgressScheduler = (flush: () => void) => void;

export const PROGRESS_INTERVAL_MS = 100;

/** How often an intent is recomputed when the document keeps changing under it before giving up. */
const MAX_INTENT_ATTEMPTS = 5;

const afterInterval: ProgressScheduler = (flush) => { setTimeout(flush, PROGRESS_INTERVAL_MS); };

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
    }
    this.host.stateChanged?.(this.lastState);
  }

  trainingEvent(event: TrainingEvent): void {
    if (!this.ready) {
      this.notify({ type: 'training', event });
      return;
    }
    this.pendingProgress.push(event);
    if (event.type !== 'batch' && event.type !== 'epoch') {
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
      case 'moveLayer':
      case 'placeLayer':
      case 'removeLayer':
      case 'duplicateLayer':
      case 'setLayerValue':
      case 'setValue':
      case 'resetWeights':
        await this.applyIntent(message);
        return;
      case 'train':
        this.host.train();
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
      case 'requestCsvPreview':
        this.host.post({ type: 'csvPreview', preview: await this.host.readCsvPreview(message.path) });
        return;
      case 'requestCsvFiles':
        this.host.post({ type: 'csvFiles', files: await this.host.listCsvFiles() });
        return;
      case 'openAsText':
        this.host.openAsText();
        return;
    }
  }

  private onReady(): void {
    this.ready = true;
    // the replay below holds every event of the run so far, including those waiting to be bundled
    this.pendingProgress = [];
    this.lastSentText = undefined;
    this.webviewModel = undefined;
    this.documentChanged();
    const events = this.host.trainingEvents();
    if (events.length > 0) this.host.post({ type: 'trainingReplay', events });
    for (const message of this.queue.splice(0)) {
      if (message.type !== 'training' || events.length === 0) this.host.post(message);
    }
  }

  /**
   * Computes the intent's edits on the document as it is now and applies them. VS Code refuses an edit made for a
   * version that changed before it arrived (an undo or a keystroke in between); then the intent is computed
   * again on the newer text, so no intent is dropped.
   */
  private async applyIntent(intent: EditIntent): Promise<void> {
    for (let attempt = 0; attempt < MAX_INTENT_ATTEMPTS; attempt++) {
      const { text, version } = this.host.current();
      const state = this.stateOf(text, version);
      if (!state.model) {
        this.host.post({ type: 'error', message: `${this.fileName} cannot be read as a model, so the builder does not change it: fix the text first.` });
        return;
      }
      const plan = editsForIntent(text, state.model, intent);
      if ('error' in plan) {
        this.host.post({ type: 'error', message: plan.error });
        return;
      }
      if (plan.edits.length === 0) return;
      if (await this.host.applyEdits(plan.edits)) {
        if (plan.notes.length > 0) this.host.post({ type: 'note', message: `${plan.notes.join('. ')}.`, version: this.host.current().version });
        return;
      }
      if (this.host.current().version === version) break;
    }
    this.host.post({ type: 'error', message: `VS Code refused the edit to ${this.fileName}; is the file read-only?` });
  }

  private stateOf(text: string, version: number): DocumentState {
    return this.lastState && this.lastSentText === text ? this.lastState : documentState(text, version, this.fileName);
  }
}
