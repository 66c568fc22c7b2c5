/**
 * The reader's diagnostics for every open `.nnjson` document, in the Problems panel and as squiggles, updated
 * shortly after each change. Also remembers them per document version for the quick fixes.
 */
import * as vscode from 'vscode';
import { readModel } from '../model/reader';
import type { Diagnostic as ModelDiagnostic } from '../shared/diagnostics';
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
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
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
    const { diagnostics } = readModel(document.getText());
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
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
