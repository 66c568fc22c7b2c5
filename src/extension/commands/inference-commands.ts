/**
 * Evaluate Model and Predict on Data..., from the palette, the explorer, the editor title and the builder. Each
 * asks what it needs (which data; for Predict also whether to copy the input columns and where to save) unless
 * the options already say it, so the commands also run without any prompt.
 */
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { isBuiltinSource } from '../../data/builtin';
import { evaluationHeadline, evaluationMarkdown } from '../../insight/evaluation-report';
import type { EvaluationReport, EvaluationRows } from '../../shared/evaluation';
import type { NnJsonModel } from '../../shared/nnjson';
import type { PredictionFile } from '../../shared/worker-protocol';
import { protectedTargetReason, type ProtectedFile } from '../../training/output-target';
import { COMMAND_IDS } from '../command-ids';
import type { InferenceRunner } from '../inference';
import type { ExtensionLog } from '../log';
import { showMarkdown } from '../markdown-view';
import { resolveModelUri } from '../model-target';
import { commandOptions } from './command-options';
import { pickEvaluationData, pickIncludeInputs, pickPredictionData, pickPredictionTarget } from './data-choice';

export interface EvaluateOptions {
  /** A CSV file (absolute, or relative to the model's folder) or `builtin:NAME`; the model's own data when absent. */
  data?: string;
  /** Every row of the data, or the rows the latest training run held out (of the model's own data). */
  rows?: EvaluationRows;
  /** Open the report and a notification (default true). */
  show?: boolean;
}

export interface EvaluationResult {
  report: EvaluationReport;
  /** The report as shown (and as `nnjson eval` prints it). */
  markdown: string;
}

export interface PredictOptions {
  /** A CSV file (absolute, or relative to the model's folder) or `builtin:NAME`. */
  data?: string;
  /** Copy the model's input columns into the predictions. */
  includeInputs?: boolean;
  /** The CSV file to write (absolute, or relative to the model's folder). */
  output?: string;
  /** Open the written file in an editor (default true). */
  show?: boolean;
}

export interface PredictionResult extends PredictionFile {
  /** The opened document's uri, when shown. */
  document?: string;
}

export const CSV_LANGUAGE_ID = 'csv';

/** Files predictions must never replace: the model itself and the CSV files it reads. */
function protectedFiles(uri: vscode.Uri, model: NnJsonModel, dataSource: string): ProtectedFile[] {
  const modelDir = dirname(uri.fsPath);
  const files: ProtectedFile[] = [{ path: uri.fsPath, role: `the model ${basename(uri.path)}` }];
  const own = model.data?.source;
  if (typeof own === 'string' && !isBuiltinSource(own)) files.push({ path: resolve(modelDir, own), role: `the model's data file ${own}` });
  if (!isBuiltinSource(dataSource)) files.push({ path: resolve(modelDir, dataSource), role: `the data file being predicted on (${dataSource})` });
  return files;
}

async function openCsv(path: string): Promise<vscode.TextDocument> {
  let document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  if (document.languageId !== CSV_LANGUAGE_ID) document = await vscode.languages.setTextDocumentLanguage(document, CSV_LANGUAGE_ID);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function registerInferenceCommands(context: vscode.ExtensionContext, inference: InferenceRunner, log: ExtensionLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.evaluateModel, async (uriArgument?: unknown, optionsArgument?: unknown): Promise<EvaluationResult | undefined> => {
      const uri = await resolveModelUri(uriArgument, 'Evaluate Model');
      if (!uri) return undefined;
      const options = commandOptions<EvaluateOptions>(optionsArgument);
      const model = await inference.trainedModel(uri, 'evaluate');
      if (!model) return undefined;
      const choice = options.data !== undefined || options.rows !== undefined
        ? { ...(options.data !== undefined ? { dataSource: options.data } : {}), rows: options.rows ?? 'all' }
        : await pickEvaluationData(uri, model);
      if (!choice) return undefined;
      const report = await inference.evaluate(uri, model, choice);
      if (!report) return undefined;
      const name = basename(uri.path);
      const markdown = evaluationMarkdown(report, name);
      const headline = evaluationHeadline(report, name);
      log.info(`evaluation: ${headline}`);
      log.block(markdown);
      if (options.show !== false) {
        await showMarkdown(context, 'evaluations', `${name.replace(/\.nnjson$/i, '')}.evaluation.md`, markdown);
        void vscode.window.showInformationMessage(headline);
      }
      return { report, markdown };
    }),

    vscode.commands.registerCommand(COMMAND_IDS.predict, async (uriArgument?: unknown, optionsArgument?: unknown): Promise<PredictionResult | undefined> => {
      const uri = await resolveModelUri(uriArgument, 'Predict on Data');
      if (!uri) return undefined;
      const options = commandOptions<PredictOptions>(optionsArgument);
      const model = await inference.trainedModel(uri, 'predict with');
      if (!model) return undefined;
      const dataSource = options.data ?? (await pickPredictionData(uri, model));
      if (!dataSource) return undefined;
      const includeInputs = options.includeInputs ?? (await pickIncludeInputs(model));
      if (includeInputs === undefined) return undefined;
      const chosen = options.output ?? (await pickPredictionTarget(uri));
      if (!chosen) return undefined;
      const outputPath = isAbsolute(chosen) ? chosen : resolve(dirname(uri.fsPath), chosen);
      const refusal = protectedTargetReason(outputPath, protectedFiles(uri, model, dataSource));
      if (refusal) {
        log.warn(`predict: ${refusal}`);
        void vscode.window.showErrorMessage(`Predict on Data: ${refusal}.`);
        return undefined;
      }
      const file = await inference.predict(uri, model, { dataSource, includeInputs, outputPath });
      if (!file) return undefined;
      const written = vscode.workspace.asRelativePath(outputPath);
      log.info(`${basename(uri.path)}: wrote ${file.rows} predictions of ${file.dataSource} to ${written}`);
      if (options.show === false) return file;
      const document = await openCsv(outputPath);
      void vscode.window.showInformationMessage(`Wrote ${file.rows} predictions to ${written}.`);
      return { ...file, document: document.uri.toString() };
    }),
  ];
}
