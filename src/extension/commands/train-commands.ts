/** Train Model and Stop Training. Palette runs get a cancellable progress notification. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { DataSpec } from '../../shared/nnjson';
import { COMMAND_IDS } from '../command-ids';
import type { ModelDataFacts } from '../data-access';
import { activeModelUri, resolveModelUri } from '../model-target';
import { runEpochText, type RunSpan } from '../../shared/run-progress';
import { formatLoss } from '../status-bar';
import { ensureTrainingData } from '../training-data';
import type { StartTrainingOptions, TrainingRunResult, TrainingService } from '../training-service';
import { commandOptions } from './command-options';

export interface TrainCommandOptions extends StartTrainingOptions {
  /** Show the progress notification (default true). */
  progress?: boolean;
  /** For a model without data: the data to write into it (instead of asking), e.g. { source: "data/iris.csv", target: "species" }. */
  data?: DataSpec;
}

async function trainWithProgress(training: TrainingService, uri: vscode.Uri, options: StartTrainingOptions): Promise<TrainingRunResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Training ${basename(uri.path)}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => training.stop(uri));
      const key = uri.toString();
      let span: RunSpan | undefined;
      const subscription = training.onEvent(({ uri: eventUri, event }) => {
        if (eventUri !== key) return;
        if (event.type === 'started') {
          span = { startEpoch: event.info.startEpoch, epochs: event.info.epochs };
          progress.report({ message: runEpochText(span, span.startEpoch) });
        } else if (event.type === 'epochs' && span) {
          const summary = event.summaries[event.summaries.length - 1];
          const accuracy = summary.valAccuracy ?? summary.accuracy;
          const figures = `loss ${formatLoss(summary.loss)}${accuracy === undefined ? '' : `, accuracy ${(100 * accuracy).toFixed(1)}%`}`;
          progress.report({ increment: (100 * event.summaries.length) / span.epochs, message: `${runEpochText(span, summary.epoch)}, ${figures}` });
        }
      });
      try {
        const result = await training.start(uri, options);
        announce(uri, result);
        return result;
      } finally {
        subscription.dispose();
      }
    },
  );
}

/** A short note when a palette run ends well; failures already showed their own message. */
function announce(uri: vscode.Uri, result: TrainingRunResult): void {
  if (result.status !== 'completed' && result.status !== 'stopped') return;
  const name = basename(uri.path);
  const where =
    result.write.written === 'model' ? (result.write.saved ? 'saved into the file' : 'written into the file (not saved yet)')
      : result.write.written === 'copy' ? `written to ${basename(result.write.target.path)}`
        : 'discarded';
  const how = result.status === 'stopped' ? `stopped after ${result.epochs} epochs` : `trained (${result.epochs} epochs in its history)`;
  const open = 'Open Model';
  void vscode.window.showInformationMessage(`${name} ${how}; results ${where}.`, open).then((answer) => {
    if (answer === open) void vscode.commands.executeCommand('vscode.open', result.write.written === 'copy' ? result.write.target : uri);
  });
}

async function chooseRunToStop(training: TrainingService, argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) return argument;
  const running = training.activeRuns();
  const active = activeModelUri();
  if (active && training.isTraining(active)) return active;
  if (running.length <= 1) return running[0];
  const picked = await vscode.window.showQuickPick(
    running.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Stop Training', placeHolder: 'Which run should stop?' },
  );
  return picked?.uri;
}

export function registerTrainCommands(training: TrainingService, dataFacts: ModelDataFacts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.trainModel, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Train Model');
      if (!uri) return undefined;
      const { progress, data, overrides, onConflict, save } = commandOptions<TrainCommandOptions>(optionsArgument);
      if (!(await ensureTrainingData(uri, dataFacts, data))) return undefined;
      // only the user-level options go on: anything else in the argument (a caller's "trust") is dropped
      const options: StartTrainingOptions = { overrides, onConflict, save };
      return progress === false ? training.start(uri, options) : trainWithProgress(training, uri, options);
    }),
    vscode.commands.registerCommand(COMMAND_IDS.stopTraining, async (uriArgument?: unknown) => {
      const uri = await chooseRunToStop(training, uriArgument);
      if (!uri || !training.stop(uri)) {
        void vscode.window.showInformationMessage(uri ? `${basename(uri.path)} is not training.` : 'No model is training.');
        return false;
      }
      return true;
    }),
  ];
}
