/**
 * Starts and stops training runs, one worker per run and at most one run per model, and writes what a run
 * learned back into its `.nnjson` file. The builder and the commands both go through this service; it reports
 * every step as a TrainingServiceEvent and records each run in the output channel.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { epochsTrained } from '../model/history';
import { readModel } from '../model/reader';
import { writeModel } from '../model/writer';
import { formatDiagnostic } from '../shared/diagnostics';
import { TRAINING_DEFAULTS, type NnJsonModel } from '../shared/nnjson';
import { runEpochText, type RunSpan } from '../shared/run-progress';
import { earlyStopText, type TrainingEvent, type TrainingOutcome, type TrainingServiceEvent } from '../shared/training-events';
import {
  STOP_FLAG_INDEX, STOP_REQUESTED, type TrainJob, type TrainingOverrideOptions, type WorkerFault,
} from '../shared/worker-protocol';
import { checkModelData, type TrustOverride } from './data-access';
import type { ExtensionLog } from './log';
import { currentModelText } from './model-file';
import { writeRunResult, type ConflictChoice, type WriteResult } from './result-writer';
import { readSettings } from './settings';
import { formatLoss, TrainingStatusBar } from './status-bar';
import { startWorkerJob, type ProgressMessage, type RunningWorkerJob } from './worker-job';

/** What any caller may ask of a run: the commands, the builder and other extensions. */
export interface StartTrainingOptions {
  overrides?: TrainingOverrideOptions;
  /** What to do when the file changed during the run; 'ask' (default) shows a modal question. */
  onConflict?: ConflictChoice | 'ask';
  /** Overrides the nnBuilder.training.saveAfterTraining setting for this run. */
  save?: boolean;
}

/**
 * Tests only, through `startForTest`: honoured only by a service built for the extension's own tests, so no
 * command argument or other extension can act as if an untrusted workspace were trusted.
 */
export interface TestTrainingOptions {
  /** Behave as in an untrusted (or trusted) workspace whatever the real trust state is. */
  trust?: TrustOverride;
  /** Make the worker fail. */
  fault?: WorkerFault;
}

export type TrainingRunResult =
  /** Training ran; `write` says where the results went. */
  | { status: 'completed' | 'stopped'; outcome: TrainingOutcome; write: WriteResult; epochs: number }
  /** The loss became NaN or infinite; nothing was written. */
  | { status: 'diverged'; message: string }
  /** The worker reported an error or crashed; nothing was written. */
  | { status: 'failed'; message: string }
  /** The run did not start (invalid model, untrusted data path, already training). */
  | { status: 'refused'; message: string };

/** Cells per side of the decision-boundary grid sent for two-input classifiers. */
export const BOUNDARY_RESOLUTION = 40;

interface ActiveRun {
  uri: vscode.Uri;
  stopFlag: Int32Array;
  job?: RunningWorkerJob;
  /** Known once the worker reports `started`. */
  span?: RunSpan;
}

export class TrainingService implements vscode.Disposable {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly emitter = new vscode.EventEmitter<TrainingServiceEvent>();
  private readonly runsChanged = new vscode.EventEmitter<void>();
  private readonly statusBar = new TrainingStatusBar();

  /** Every step of every run: started, batch, epoch, finished, failed. */
  readonly onEvent = this.emitter.event;
  /** A run started or ended (for context keys and buttons). */
  readonly onDidChangeRuns = this.runsChanged.event;

  constructor(
    private readonly workerScript: string,
    private readonly log: ExtensionLog,
    /** True only when the extension runs its own tests (ExtensionMode.Test): `startForTest` is then allowed. */
    private readonly forTests = false,
  ) {}

  isTraining(uri: vscode.Uri): boolean {
    return this.runs.has(uri.toString());
  }

  activeRuns(): vscode.Uri[] {
    return [...this.runs.values()].map((run) => run.uri);
  }

  /** Asks the run to stop after its current batch; the weights learned so far are written. False when idle. */
  stop(uri: vscode.Uri): boolean {
    const run = this.runs.get(uri.toString());
    if (!run) return false;
    Atomics.store(run.stopFlag, STOP_FLAG_INDEX, STOP_REQUESTED);
    this.log.info(`${this.name(uri)}: stop requested; the run ends after the current batch`);
    return true;
  }

  /**
   * Trains the model and resolves when the results are written (or the run failed). Messages for the user
   * are shown here; the result says the same for callers and tests.
   */
  start(uri: vscode.Uri, options: StartTrainingOptions = {}): Promise<TrainingRunResult> {
    return this.startRun(uri, options, {});
  }

  /** `start` with test-only options (see TestTrainingOptions); throws unless the service was built for tests. */
  startForTest(uri: vscode.Uri, options: StartTrainingOptions, test: TestTrainingOptions): Promise<TrainingRunResult> {
    if (!this.forTests) throw new Error('startForTest is for NN Builder\'s own tests only: use the nnBuilder.trainModel command or start()');
    return this.startRun(uri, options, test);
  }

  private async startRun(uri: vscode.Uri, options: StartTrainingOptions, test: TestTrainingOptions): Promise<TrainingRunResult> {
    const key = uri.toString();
    const name = this.name(uri);
    if (this.runs.has(key)) {
      const message = `${name} is already training. Wait for it to finish or run "NN Builder: Stop Training" first.`;
      void vscode.window.showInformationMessage(message);
      return { status: 'refused', message };
    }
    const run: ActiveRun = { uri, stopFlag: new Int32Array(new SharedArrayBuffer(4)) };
    this.runs.set(key, run);
    this.runsChanged.fire();
    try {
      return await this.train(run, options, test);
    } catch (error) {
      const message = `Training ${name} failed: ${error instanceof Error ? error.message : String(error)}. The file was left as it was.`;
      this.log.error(message);
      this.fire(uri, { type: 'failed', message });
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    } finally {
      this.runs.delete(key);
      this.statusBar.ended(uri);
      this.runsChanged.fire();
    }
  }

  private async train(run: ActiveRun, options: StartTrainingOptions, test: TestTrainingOptions): Promise<TrainingRunResult> {
    const { uri } = run;
    const name = this.name(uri);
    const startText = await currentModelText(uri);
    const { model, diagnostics } = readModel(startText);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (!model || errors.length > 0) {
      const first = errors[0] ? formatDiagnostic(errors[0], name) : `${name}: the file is not a model`;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
      return this.refuse(uri, `Cannot train ${name}: ${first}${more}. Fix it (see the Problems panel) and train again.`);
    }
    const overrides = options.overrides ?? {};
    const access = checkModelData(uri, model, overrides.data, test.trust);
    if (!access.allowed) return this.refuse(uri, access.message);

    const settings = readSettings(uri);
    const job: TrainJob = {
      kind: 'train',
      model,
      modelDir: dirname(uri.fsPath),
      ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}),
      kernels: settings.kernels,
      overrides,
      defaultSeed: settings.defaultSeed,
      stopFlag: run.stopFlag.buffer as SharedArrayBuffer,
      // Ten progress events a second at most: the chart's top refresh rate, and light on the extension host.
      batchIntervalMs: 100,
      boundaryResolution: BOUNDARY_RESOLUTION,
      ...(test.fault ? { fault: test.fault } : {}),
    };
    this.logStart(uri, model, overrides, settings.defaultSeed, settings.kernels);
    this.statusBar.preparing(uri);

    const worker = startWorkerJob(this.workerScript, job, (message) => this.onProgress(run, message));
    run.job = worker;
    const end = await worker.ended;

    if (end.kind === 'crashed') {
      const message =
        `Training ${name} stopped: ${end.reason}. The file was left as it was. ` +
        'Try again; if it happens again, try smaller layers or batch size, or nnBuilder.engine.kernels set to "typescript", and see the "NN Builder" output.';
      return this.fail(uri, message, end.detail);
    }
    const final = end.message;
    if (final.type === 'failed') {
      return this.fail(uri, `Training ${name} failed: ${final.message}. The file was left as it was.`, final.detail);
    }
    if (final.type !== 'trained') {
      return this.fail(uri, `Training ${name} failed: the worker answered "${final.type}" to a training job. The file was left as it was.`);
    }
    const { outcome } = final;
    if (outcome.status === 'diverged') {
      const message =
        `Training ${name} diverged at epoch ${outcome.epoch}, batch ${outcome.batch}: ${outcome.message}. The file was left as it was. ` +
        'Try a lower learning rate (optimizer.lr), normalised data (data.normalize "standard") or a smaller batch size.';
      this.log.error(message);
      this.fire(uri, { type: 'finished', outcome, written: 'nothing' });
      void vscode.window.showErrorMessage(message);
      return { status: 'diverged', message };
    }

    const write = await writeRunResult({
      uri,
      startText,
      resultText: writeModel(final.model),
      save: options.save ?? settings.saveAfterTraining,
      onConflict: options.onConflict ?? 'ask',
    });
    const epochs = epochsTrained(final.model.history);
    this.logEnd(uri, outcome, write);
    this.fire(uri, {
      type: 'finished',
      outcome,
      written: write.written,
      ...(final.confusion ? { confusion: final.confusion } : {}),
      ...(final.boundary ? { boundary: final.boundary } : {}),
    });
    return { status: outcome.status, outcome, write, epochs };
  }

  private onProgress(run: ActiveRun, message: ProgressMessage): void {
    const { uri } = run;
    switch (message.type) {
      case 'log':
        this.log.info(`${this.name(uri)}: ${message.line}`);
        return;
      case 'started':
        run.span = { startEpoch: message.info.startEpoch, epochs: message.info.epochs };
        this.statusBar.started(uri, run.span);
        break;
      case 'batch':
        this.statusBar.progress(uri, message.progress.epoch, message.progress.loss);
        break;
      case 'epochs': {
        // one line and one status update per message: the latest epoch (a message can hold hundreds)
        const s = message.summaries[message.summaries.length - 1];
        const parts = [run.span ? runEpochText(run.span, s.epoch) : `epoch ${s.epoch}`, `loss ${formatLoss(s.loss)}`];
        if (s.valLoss !== undefined) parts.push(`val_loss ${formatLoss(s.valLoss)}`);
        if (s.accuracy !== undefined) parts.push(`accuracy ${(100 * s.accuracy).toFixed(1)}%`);
        if (s.valAccuracy !== undefined) parts.push(`val_accuracy ${(100 * s.valAccuracy).toFixed(1)}%`);
        parts.push(`${s.seconds.toFixed(2)} s`);
        this.log.info(`${this.name(uri)}: ${parts.join(', ')}`);
        this.statusBar.progress(uri, s.epoch, s.loss);
        break;
      }
    }
    // the worker's progress goes on to the builder as it came
    this.fire(uri, message);
  }

  private refuse(uri: vscode.Uri, message: string): TrainingRunResult {
    this.log.warn(message);
    this.fire(uri, { type: 'failed', message });
    void vscode.window.showErrorMessage(message);
    return { status: 'refused', message };
  }

  private fail(uri: vscode.Uri, message: string, detail?: string): TrainingRunResult {
    this.log.error(message);
    if (detail) this.log.block(detail);
    this.fire(uri, { type: 'failed', message });
    void vscode.window.showErrorMessage(message, 'Show Log').then((answer) => {
      if (answer) this.log.show();
    });
    return { status: 'failed', message };
  }

  private logStart(uri: vscode.Uri, model: NnJsonModel, overrides: TrainingOverrideOptions, defaultSeed: number, kernels: string): void {
    const training = { ...TRAINING_DEFAULTS, ...model.training };
    const seed = overrides.seed ?? model.training?.seed ?? defaultSeed;
    const settings = [
      `epochs ${overrides.epochs ?? training.epochs}`,
      `batch size ${overrides.batchSize ?? training.batchSize}`,
      `optimizer ${model.optimizer.type} (lr ${overrides.lr ?? model.optimizer.lr ?? 'default'})`,
      `loss ${model.loss.type}`,
      `validation split ${training.validationSplit}`,
      `shuffle ${training.shuffle}`,
      `seed ${seed}`,
      `data ${overrides.data ?? model.data?.source ?? '(none)'}`,
      `kernels ${kernels}`,
    ];
    this.log.info(`${this.name(uri)}: training started: ${settings.join(', ')}`);
  }

  private logEnd(uri: vscode.Uri, outcome: TrainingOutcome, write: WriteResult): void {
    const how = outcome.status === 'stopped' ? `stopped at epoch ${outcome.epoch}, batch ${outcome.batch}`
      : outcome.status === 'completed' && outcome.earlyStop ? `completed, ${earlyStopText(outcome.earlyStop)}` : 'completed';
    const where =
      write.written === 'model'
        ? `results written into the file${write.saved ? ' and saved' : ' (not saved yet)'}`
        : write.written === 'copy'
          ? `the file changed during training; results written to ${vscode.workspace.asRelativePath(write.target)}`
          : 'the file changed during training; results discarded';
    this.log.info(`${this.name(uri)}: training ${how}; ${where}`);
  }

  private fire(uri: vscode.Uri, event: TrainingEvent): void {
    this.emitter.fire({ uri: uri.toString(), event });
  }

  private name(uri: vscode.Uri): string {
    return basename(uri.path);
  }

  dispose(): void {
    for (const run of this.runs.values()) {
      Atomics.store(run.stopFlag, STOP_FLAG_INDEX, STOP_REQUESTED);
      void run.job?.terminate();
    }
    this.runs.clear();
    this.statusBar.dispose();
    this.emitter.dispose();
    this.runsChanged.dispose();
  }
}
