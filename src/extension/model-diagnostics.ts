/**
 * The reader's diagnostics for every open `.nnjson` document, in the Problems panel and as squiggles, updated
 * shortly after each change, plus the problems between the model and its data (src/model/data-fit.ts), which
 * follow once the data facts are read and again whenever a CSV file changes. Also remembers them per document
 * version for the quick fixes.
 */
import * as vscode from 'vscode';
import { placeIssues, readModel } from '../model/reader';
import type { Diagnostic as ModelDiagnostic } from '../shared/diagnostics';
import type { NnJsonModel } from '../shared/nnjson';
import { dataFitProblems, type DataFitProblem } from '../model/data-fit';
import { taskOf } from '../training/model-data';
import type { ModelDataFacts } from './data-access';
import { isModelUri } from './model-target';

const DEBOUNCE_MS = 250;
export const DIAGNOSTIC_SOURCE = 'NN Builder';

const SEVERITY: Record<ModelDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function isModelDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'nnjson' || isModelUri(document.uri);
}

export function rangeOf(document: vscode.TextDocument, diagnostic: ModelDiagnostic): vscode.Range {
  const start = document.positionAt(diagnostic.offset);
  const end = document.positionAt(diagnostic.offset + Math.max(diagnostic.length, 0));
  if (!start.isEqual(end)) return new vscode.Range(start, end);
  // A zero-length place (end of file, a missing key) still needs a visible squiggle.
  return document.getWordRangeAtPosition(start) ?? new vscode.Range(start, start.translate(0, document.lineAt(start.line).text.length > start.character ? 1 : 0));
}

export class ModelDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('nnjson');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new Map<string, { version: number; diagnostics: ModelDiagnostic[] }>();
  /** The data-fit problems last found per document, by path, so a text change keeps them until the new ones are in. */
  private readonly dataProblems = new Map<string, DataFitProblem[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly dataFacts: ModelDataFacts) {
    const csvFiles = vscode.workspace.createFileSystemWatcher('**/*.csv');
    const csvChanged = () => {
      for (const document of vscode.workspace.textDocuments) this.schedule(document);
    };
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      csvFiles,
      csvFiles.onDidChange(csvChanged),
      csvFiles.onDidCreate(csvChanged),
      csvFiles.onDidDelete(csvChanged),
    );
    for (const document of vscode.workspace.textDocuments) this.refresh(document);
  }

  /** The model diagnostics of the document as it is now (computed on demand if a change is still pending). */
  modelDiagnostics(document: vscode.TextDocument): ModelDiagnostic[] {
    const key = document.uri.toString();
    const cached = this.latest.get(key);
    if (cached && cached.version === document.version) return cached.diagnostics;
    return this.refresh(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isModelDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.refresh(document);
    }, DEBOUNCE_MS));
  }

  private refresh(document: vscode.TextDocument): ModelDiagnostic[] {
    if (!isModelDocument(document) || document.isClosed) return [];
    const key = document.uri.toString();
    const text = document.getText();
    const { model, diagnostics } = readModel(text);
    if (!model) this.dataProblems.delete(key);
    const all = this.publish(document, text, diagnostics);
    if (model) void this.refreshData(document, text, diagnostics, model);
    return all;
  }

  private async refreshData(document: vscode.TextDocument, text: string, diagnostics: ModelDiagnostic[], model: NnJsonModel): Promise<void> {
    const version = document.version;
    let problems: DataFitProblem[];
    try {
      problems = dataFitProblems(model, await this.dataFacts(document.uri, model.data, taskOf(model), model.input.shape));
    } catch {
      return; // the facts reader reports data problems as facts; anything else is not the user's to fix here
    }
    if (document.isClosed || document.version !== version) return;
    this.dataProblems.set(document.uri.toString(), problems);
    this.publish(document, text, diagnostics);
  }

  /** Shows the reader's diagnostics and the latest data-fit problems (placed in this text); returns them all. */
  private publish(document: vscode.TextDocument, text: string, readerDiagnostics: ModelDiagnostic[]): ModelDiagnostic[] {
    const diagnostics = [...readerDiagnostics, ...placeIssues(text, this.dataProblems.get(document.uri.toString()) ?? [])];
    this.latest.set(document.uri.toString(), { version: document.version, diagnostics });
    this.collection.set(document.uri, diagnostics.map((diagnostic) => {
      const converted = new vscode.Diagnostic(rangeOf(document, diagnostic), diagnostic.message, SEVERITY[diagnostic.severity]);
      converted.source = DIAGNOSTIC_SOURCE;
      converted.code = diagnostic.code;
      return converted;
    }));
    return diagnostics;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.latest.delete(key);
    this.dataProblems.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
