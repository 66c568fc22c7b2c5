/**
 * One status bar item for training: a spinner, the model's name, epoch and loss of the most recently updated
 * run (and how many others are running). A click opens that model.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';

interface RunStatus {
  uri: vscode.Uri;
  epoch: number;
  epochs: number;
  loss?: number;
  updated: number;
}

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nnBuilder.training', vscode.StatusBarAlignment.Left, 50);
  private readonly runs = new Map<string, RunStatus>();

  constructor() {
    this.item.name = 'NN Builder Training';
  }

  started(uri: vscode.Uri, epochs: number): void {
    this.runs.set(uri.toString(), { uri, epoch: 0, epochs, updated: Date.now() });
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
    this.item.text = `$(sync~spin) ${name} epoch ${latest.epoch}/${latest.epochs}${loss}${others}`;
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
