/**
 * Context keys for menus: nnBuilder.trainingActive (any run) and nnBuilder.activeModelTraining (the model in
 * the active editor is training), so the editor title shows Train or Stop as fits.
 */
import * as vscode from 'vscode';
import { activeModelUri } from './model-target';
import type { TrainingService } from './training-service';

export function trackTrainingContextKeys(training: TrainingService): vscode.Disposable {
  const update = (): void => {
    const active = activeModelUri();
    void vscode.commands.executeCommand('setContext', 'nnBuilder.trainingActive', training.activeRuns().length > 0);
    void vscode.commands.executeCommand('setContext', 'nnBuilder.activeModelTraining', active !== undefined && training.isTraining(active));
  };
  update();
  return vscode.Disposable.from(
    training.onDidChangeRuns(update),
    vscode.window.tabGroups.onDidChangeTabs(update),
    vscode.window.tabGroups.onDidChangeTabGroups(update),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
