/** The "NN Builder" output channel: one place where every run, evaluation and error is recorded. */
import * as vscode from 'vscode';

export class ExtensionLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('NN Builder', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  /** Multi-line blocks such as tables, written as they are. */
  block(text: string): void {
    for (const line of text.split('\n')) this.channel.info(line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
