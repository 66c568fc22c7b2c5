/** Wires the extension together; `activate` calls this and nothing else. */
import * as vscode from 'vscode';
import { registerBuilderEditor, type BuilderMessageEvent } from '../builder/builder-editor-provider';
import { registerInferenceCommands } from './commands/inference-commands';
import { registerInspectCommands } from './commands/inspect-commands';
import { registerModelCommands } from './commands/model-commands';
import { registerTrainCommands } from './commands/train-commands';
import { registerWeightsCommands } from './commands/weights-commands';
import { trackTrainingContextKeys } from './context-keys';
import { InferenceRunner } from './inference';
import { wakeJsonLanguageFeatures } from './json-language-support';
import { ExtensionLog } from './log';
import { ModelDiagnostics } from './model-diagnostics';
import { ModelQuickFixes } from './quick-fixes';
import { TrainingService } from './training-service';

/** What activate returns: the services, for tests and for other extensions. */
export interface NnBuilderApi {
  training: TrainingService;
  /** Every message a builder panel's webview received from the extension. */
  onDidBuilderReceive: vscode.Event<BuilderMessageEvent>;
}

export function registerExtension(context: vscode.ExtensionContext): NnBuilderApi {
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const log = new ExtensionLog();
  const training = new TrainingService(workerScript, log);
  const inference = new InferenceRunner(workerScript, log);
  const diagnostics = new ModelDiagnostics();
  const modelSelector: vscode.DocumentSelector = [{ language: 'nnjson' }, { pattern: '**/*.nnjson' }];
  const builder = registerBuilderEditor(context, training, inference);

  context.subscriptions.push(
    log,
    training,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(modelSelector, new ModelQuickFixes(diagnostics), {
      providedCodeActionKinds: ModelQuickFixes.providedCodeActionKinds,
    }),
    trackTrainingContextKeys(training),
    wakeJsonLanguageFeatures(),
    builder.registration,
    ...registerTrainCommands(training),
    ...registerInferenceCommands(context, inference, log),
    ...registerInspectCommands(context, log),
    ...registerModelCommands(context, log),
    ...registerWeightsCommands(),
  );
  return { training, onDidBuilderReceive: builder.onDidReceive };
}
