/** Evaluate and Predict: each runs in a worker like training, on the model's data or a source the user picks. */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { readModel } from '../model/reader';
import { formatDiagnostic } from '../shared/diagnostics';
import type { NnJsonModel } from '../shared/nnjson';
import type { EvaluationReport, PredictionTable, WorkerJob } from '../shared/worker-protocol';
import { COMMAND_IDS } from './command-ids';
import { checkModelData, type TrustOverride } from './data-access';
import type { ExtensionLog } from './log';
import { currentModelText } from './model-file';
import { readSettings } from './settings';
import { startWorkerJob, type FinalMessage } from './worker-job';

export interface InferenceOptions {
  /** Data source instead of the model's own: `builtin:NAME` or a CSV path (absolute or relative to the model). */
  data?: string;
  /** Tests only: behave as in an untrusted (or trusted) workspace. */
  trust?: TrustOverride;
}

interface Prepared {
  model: NnJsonModel;
  modelDir: string;
  workspaceRoot?: string;
}

export class InferenceRunner {
  constructor(
    private readonly workerScript: string,
    private readonly log: ExtensionLog,
  ) {}

  async evaluate(uri: vscode.Uri, options: InferenceOptions = {}): Promise<EvaluationReport | undefined> {
    const prepared = await this.prepare(uri, 'evaluate', options);
    if (!prepared) return undefined;
    const final = await this.run(uri, 'Evaluating', { kind: 'evaluate', ...prepared, kernels: readSettings(uri).kernels, ...(options.data ? { dataSource: options.data } : {}) });
    if (final?.type !== 'evaluated') return undefined;
    return final.report;
  }

  async predict(uri: vscode.Uri, dataSource: string, options: InferenceOptions = {}): Promise<PredictionTable | undefined> {
    const prepared = await this.prepare(uri, 'predict with', { ...options, data: dataSource });
    if (!prepared) return undefined;
    const final = await this.run(uri, 'Predicting with', { kind: 'predict', ...prepared, kernels: readSettings(uri).kernels, dataSource });
    if (final?.type !== 'predicted') return undefined;
    return final.table;
  }

  private async prepare(uri: vscode.Uri, verb: string, options: InferenceOptions): Promise<Prepared | undefined> {
    const name = basename(uri.path);
    const { model, diagnostics } = readModel(await currentModelText(uri));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (!model || errors.length > 0) {
      const first = errors[0] ? formatDiagnostic(errors[0], name) : `${name} is not a model`;
      this.refuse(`Cannot ${verb} ${name}: ${first}. Fix it (see the Problems panel) first.`);
      return undefined;
    }
    if (!model.parameters || Object.keys(model.parameters).length === 0) {
      const train = 'Train Model';
      void vscode.window.showWarningMessage(`Cannot ${verb} ${name}: it has no trained parameters yet. Train it first.`, train).then((answer) => {
        if (answer === train) void vscode.commands.executeCommand(COMMAND_IDS.trainModel, uri);
      });
      this.log.warn(`${name}: cannot ${verb} an untrained model`);
      return undefined;
    }
    const access = checkModelData(uri, model, options.data, options.trust);
    if (!access.allowed) {
      this.refuse(access.message);
      return undefined;
    }
    return { model, modelDir: dirname(uri.fsPath), ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}) };
  }

  private async run(uri: vscode.Uri, title: string, job: WorkerJob): Promise<FinalMessage | undefined> {
    const name = basename(uri.path);
    const end = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `${title} ${name}` },
      () => startWorkerJob(this.workerScript, job, (message) => {
        if (message.type === 'log') this.log.info(`${name}: ${message.line}`);
      }).ended,
    );
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
