/**
 * Evaluate, Predict and what the builder shows of held-out rows: each runs in a worker like training, on the model's data
 * or a source the user picked. Problems are shown to the user here (the builder's held-out results return them
 * instead, to show them in its panel).
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { readModel } from '../model/reader';
import { formatDiagnostic } from '../shared/diagnostics';
import type { EvaluationReport, EvaluationRows } from '../shared/evaluation';
import type { NnJsonModel } from '../shared/nnjson';
import type { HeldOutResults } from '../shared/held-out-images';
import type { PredictionFile, WorkerJob } from '../shared/worker-protocol';
import { hasParameters } from '../model/network-state';
import { COMMAND_IDS } from './command-ids';
import { checkModelData } from './data-access';
import type { ExtensionLog } from './log';
import { currentModelText } from './model-file';
import { readSettings } from './settings';
import { startWorkerJob, type FinalMessage, type WorkerJobEnd } from './worker-job';

/** Which data to evaluate: `dataSource` (a CSV path, absolute or relative to the model; the model's own data when absent). */
export interface EvaluationChoice {
  dataSource?: string;
  rows: EvaluationRows;
}

export interface PredictionChoice {
  dataSource: string;
  includeInputs: boolean;
  /** Absolute path of the CSV to write. */
  outputPath: string;
}

export class InferenceRunner {
  constructor(
    private readonly workerScript: string,
    private readonly log: ExtensionLog,
  ) {}

  /** The model as the user sees it, when it is readable and trained; otherwise says why (and offers to train). */
  async trainedModel(uri: vscode.Uri, verb: string): Promise<NnJsonModel | undefined> {
    const name = basename(uri.path);
    const { model, diagnostics } = readModel(await currentModelText(uri));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (!model || errors.length > 0) {
      const first = errors[0] ? formatDiagnostic(errors[0], name) : `${name} is not a model`;
      this.refuse(`Cannot ${verb} ${name}: ${first}. Fix it (see the Problems panel) first.`);
      return undefined;
    }
    if (!hasParameters(model)) {
      const train = 'Train Model';
      void vscode.window.showWarningMessage(`Cannot ${verb} ${name}: it has no trained parameters yet. Train it first.`, train).then((answer) => {
        if (answer === train) void vscode.commands.executeCommand(COMMAND_IDS.trainModel, uri);
      });
      this.log.warn(`${name}: cannot ${verb} an untrained model`);
      return undefined;
    }
    return model;
  }

  async evaluate(uri: vscode.Uri, model: NnJsonModel, choice: EvaluationChoice): Promise<EvaluationReport | undefined> {
    const job = this.job(uri, model, choice.dataSource);
    if (!job) return undefined;
    const end = await this.withProgress(uri, 'Evaluating', { ...job, kind: 'evaluate', rows: choice.rows, ...(choice.dataSource !== undefined ? { dataSource: choice.dataSource } : {}) });
    const final = this.finalOf(uri, 'Evaluating', end);
    return final?.type === 'evaluated' ? final.report : undefined;
  }

  async predict(uri: vscode.Uri, model: NnJsonModel, choice: PredictionChoice): Promise<PredictionFile | undefined> {
    const job = this.job(uri, model, choice.dataSource);
    if (!job) return undefined;
    const end = await this.withProgress(uri, 'Predicting with', { ...job, kind: 'predict', ...choice });
    const final = this.finalOf(uri, 'Predicting with', end);
    return final?.type === 'predicted' ? final.file : undefined;
  }

  /**
   * The confusion matrix (and for image data the images) of the model's held-out rows, or what stopped it (said for
   * the builder's panel; nothing is shown).
   */
  async heldOut(uri: vscode.Uri, model: NnJsonModel): Promise<HeldOutResults | { error: string }> {
    const access = checkModelData(uri, model, undefined);
    if (!access.allowed) return { error: access.message };
    const end = await startWorkerJob(this.workerScript, {
      kind: 'heldOut', model, modelDir: dirname(uri.fsPath), kernels: readSettings(uri).kernels,
      ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}),
    }, () => undefined).ended;
    if (end.kind === 'crashed') return { error: `the worker stopped (${end.reason}); reopen the builder to try again` };
    if (end.message.type === 'failed') return { error: end.message.message };
    return end.message.type === 'heldOut' ? end.message.results : { error: `the worker answered "${end.message.type}"` };
  }

  /** The parts of a job every inference needs, or undefined (after saying why) when the data may not be read. */
  private job(uri: vscode.Uri, model: NnJsonModel, dataSource: string | undefined): Omit<Extract<WorkerJob, { kind: 'heldOut' }>, 'kind'> | undefined {
    const access = checkModelData(uri, model, dataSource);
    if (!access.allowed) {
      this.refuse(access.message);
      return undefined;
    }
    return { model, modelDir: dirname(uri.fsPath), kernels: readSettings(uri).kernels, ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}) };
  }

  private withProgress(uri: vscode.Uri, title: string, job: WorkerJob): Thenable<WorkerJobEnd> {
    const name = basename(uri.path);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title} ${name}…` },
      () => startWorkerJob(this.workerScript, job, (message) => {
        if (message.type === 'log') this.log.info(`${name}: ${message.line}`);
      }).ended,
    );
  }

  private finalOf(uri: vscode.Uri, title: string, end: WorkerJobEnd): FinalMessage | undefined {
    const name = basename(uri.path);
    if (end.kind === 'crashed') {
      this.refuse(`${title} ${name} stopped: ${end.reason}. Try again, and see the "NN Builder" output for details.`);
      return undefined;
    }
    if (end.message.type === 'failed') {
      if (end.message.detail) this.log.block(end.message.detail);
      this.refuse(`${title} ${name} failed: ${end.message.message}`);
      return undefined;
    }
    return end.message;
  }

  private refuse(message: string): void {
    this.log.error(message);
    void vscode.window.showErrorMessage(message);
  }
}
