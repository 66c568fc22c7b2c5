/** Evaluate Model, Predict on Data..., Show Model Summary and Validate Model. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readModel } from '../../model/reader';
import type { EvaluationReport, PredictionTable } from '../../shared/worker-protocol';
import { COMMAND_IDS } from '../command-ids';
import type { InferenceOptions, InferenceRunner } from '../inference';
import type { ExtensionLog } from '../log';
import { currentModelText } from '../model-file';
import { resolveModelUri } from '../model-target';
import { formatLoss } from '../status-bar';
import { summaryMarkdown } from '../summary-markdown';
import { commandOptions } from './command-options';

export interface ShowOptions {
  /** Open the result for the user (default true); tests turn it off and read the return value. */
  show?: boolean;
}

export interface ValidationCounts {
  errors: number;
  warnings: number;
  infos: number;
}

function evaluationText(name: string, report: EvaluationReport): string {
  const figures = [`loss ${formatLoss(report.loss)}`];
  if (report.accuracy !== undefined) figures.push(`accuracy ${(100 * report.accuracy).toFixed(1)}%`);
  if (report.mse !== undefined) figures.push(`MSE ${formatLoss(report.mse)}`);
  if (report.r2 !== undefined) figures.push(`R² ${report.r2.toFixed(3)}`);
  return `${name} on ${report.dataSource} (${report.rows} rows): ${figures.join(', ')}`;
}

function confusionText(report: EvaluationReport): string | undefined {
  const confusion = report.confusion;
  if (!confusion || confusion.classNames.length === 0) return undefined;
  const width = Math.max(6, ...confusion.classNames.map((name) => name.length), ...confusion.counts.flat().map((n) => String(n).length));
  const pad = (text: string): string => text.padStart(width);
  const rows = [
    `confusion matrix (rows: actual, columns: predicted)`,
    `${pad('')} ${confusion.classNames.map(pad).join(' ')}`,
    ...confusion.counts.map((row, i) => `${pad(confusion.classNames[i])} ${row.map((n) => pad(String(n))).join(' ')}`),
  ];
  return rows.join('\n');
}

async function chooseDataSource(uri: vscode.Uri): Promise<string | undefined> {
  const { model } = readModel(await currentModelText(uri));
  const own = model?.data?.source;
  const pickFile = 'Choose a CSV file...';
  const items = [...(own ? [{ label: own, description: "the model's own data" }] : []), { label: pickFile, description: '' }];
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Predict on Data', placeHolder: 'Rows to predict' });
  if (!picked) return undefined;
  if (picked.label !== pickFile) return picked.label;
  const files = await vscode.window.showOpenDialog({
    title: 'Predict on Data: choose a CSV file',
    defaultUri: vscode.Uri.joinPath(uri, '..'),
    canSelectMany: false,
    filters: { 'CSV files': ['csv'] },
  });
  return files?.[0]?.fsPath;
}

async function openPredictions(table: PredictionTable): Promise<vscode.TextDocument> {
  const languages = await vscode.languages.getLanguages();
  const document = await vscode.workspace.openTextDocument({ language: languages.includes('csv') ? 'csv' : 'plaintext', content: table.csv });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function registerInspectCommands(context: vscode.ExtensionContext, inference: InferenceRunner, log: ExtensionLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.evaluateModel, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Evaluate Model');
      if (!uri) return undefined;
      const options = commandOptions<InferenceOptions & ShowOptions>(optionsArgument);
      const report = await inference.evaluate(uri, options);
      if (!report) return undefined;
      const text = evaluationText(basename(uri.path), report);
      log.info(`evaluation: ${text}`);
      const confusion = confusionText(report);
      if (confusion) log.block(confusion);
      if (options.show !== false) {
        void vscode.window.showInformationMessage(text, 'Show Details').then((answer) => {
          if (answer) log.show();
        });
      }
      return report;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.predict, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Predict on Data');
      if (!uri) return undefined;
      const options = commandOptions<InferenceOptions & ShowOptions>(optionsArgument);
      const source = options.data ?? (await chooseDataSource(uri));
      if (!source) return undefined;
      const table = await inference.predict(uri, source, options);
      if (!table) return undefined;
      log.info(`${basename(uri.path)}: predicted ${table.rows} rows of ${table.dataSource}`);
      const document = options.show === false ? undefined : await openPredictions(table);
      return { ...table, document: document?.uri.toString() };
    }),

    vscode.commands.registerCommand(COMMAND_IDS.showSummary, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Show Model Summary');
      if (!uri) return undefined;
      const options = commandOptions<ShowOptions>(optionsArgument);
      const name = basename(uri.path);
      const { model, diagnostics } = readModel(await currentModelText(uri));
      if (!model) {
        const first = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
        void vscode.window.showErrorMessage(`Cannot summarise ${name}: ${first?.message ?? 'it is not a model'}. Fix it (see the Problems panel) first.`);
        return undefined;
      }
      const markdown = summaryMarkdown(model, vscode.workspace.asRelativePath(uri));
      log.block(markdown);
      if (options.show !== false) {
        const target = vscode.Uri.joinPath(context.globalStorageUri, 'summaries', `${name.replace(/\.nnjson$/i, '')}.summary.md`);
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
        await vscode.commands.executeCommand('markdown.showPreview', target);
      }
      return markdown;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.validateModel, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Validate Model');
      if (!uri) return undefined;
      const options = commandOptions<ShowOptions>(optionsArgument);
      const name = basename(uri.path);
      const { diagnostics } = readModel(await currentModelText(uri));
      const counts: ValidationCounts = {
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        infos: diagnostics.filter((d) => d.severity === 'info').length,
      };
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const text = counts.errors + counts.warnings + counts.infos === 0
        ? `${name} is a valid model: no problems found.`
        : `${name}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${counts.infos ? `, ${counts.infos} info` : ''}.`;
      log.info(`validate: ${text}`);
      for (const diagnostic of diagnostics) log.info(`  ${name}:${diagnostic.line + 1}:${diagnostic.column + 1}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`);
      if (options.show !== false) {
        if (counts.errors + counts.warnings > 0) {
          void vscode.window.showWarningMessage(text, 'Show Problems').then((answer) => {
            if (answer) void vscode.commands.executeCommand('workbench.actions.view.problems');
          });
        } else {
          void vscode.window.showInformationMessage(text);
        }
      }
      return counts;
    }),
  ];
}
