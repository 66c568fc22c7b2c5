/**
 * One status bar item for training: a spinner, the model's name, epoch and loss of the most recently updated
 * run (and how many others are running). A click opens that model.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { runEpochText, type RunSpan } from '../shared/run-progress';

interface RunStatus {
  uri: vscode.Uri;
  /** Unknown until the worker has read the model and its data. */
  span?: RunSpan;
  /** Numbered over the whole history. */
  epoch: number;
  loss?: number;
  updated: number;
}

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nnBuilder.training', vscode.StatusBarAlignment.Left, 50);
  private readonly runs = new Map<string, RunStatus>();

  constructor() {
    this.item.name = 'NN Builder Training';
  }

  /** A run was asked for: the worker is reading the model and its data. */
  preparing(uri: vscode.Uri): void {
    this.runs.set(uri.toString(), { uri, epoch: 0, updated: Date.now() });
    this.render();
  }

  started(uri: vscode.Uri, span: RunSpan): void {
    this.runs.set(uri.toString(), { uri, span, epoch: span.startEpoch, updated: Date.now() });
    this.render();
  }

  progress(uri: vscode.Uri, epoch: number, loss?: number): void {
    const run = this.runs.get(uri.toString());
    if (!run) return;
    run.epoch = epoch;
    run.loss = loss;
    run.updated = Date.now();
    this.render();
  }

  ended(uri: vscode.Uri): void {
    this.runs.delete(uri.toString());
    this.render();
  }

  private render(): void {
    const latest = [...this.runs.values()].sort((a, b) => b.updated - a.updated)[0];
    if (!latest) {
      this.item.hide();
      return;
    }
    const name = basename(latest.uri.path);
    const loss = latest.loss === undefined ? '' : ` loss ${formatLoss(latest.loss)}`;
    const others = this.runs.size > 1 ? ` (+${this.runs.size - 1} more)` : '';
    const where = latest.span ? runEpochText(latest.span, latest.epoch) : 'starting';
    this.item.text = `$(sync~spin) ${name} ${where}${loss}${others}`;
    this.item.tooltip = `Training ${vscode.workspace.asRelativePath(latest.uri)}: click to open it. Stop it with "NN Builder: Stop Training".`;
    this.item.command = { title: 'Open Model', command: 'vscode.open', arguments: [latest.uri] };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return Math.abs(loss) >= 0.001 ? loss.toFixed(4) : loss.toExponential(2);
}
