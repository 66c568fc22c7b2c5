/** Wires the extension together; `activate` calls this and nothing else. */
import * as vscode from 'vscode';
import { registerBuilderEditor, type BuilderMessageEvent } from './builder-editor-provider';
import { registerCompareCommands } from './commands/compare-commands';
import { registerExportCommands } from './commands/export-commands';
import { registerImportCommands } from './commands/import-commands';
import { registerOnnxViewer } from './onnx-viewer-provider';
import { registerInferenceCommands } from './commands/inference-commands';
import { DataFactsReader } from '../training/data-facts';
import { registerInspectCommands } from './commands/inspect-commands';
import { registerModelCommands } from './commands/model-commands';
import { registerTrainCommands } from './commands/train-commands';
import { registerWalkthroughCommands } from './commands/walkthrough-commands';
import { registerWeightsCommands } from './commands/weights-commands';
import { trackTrainingContextKeys } from './context-keys';
import { modelDataFacts } from './data-access';
import { InferenceRunner } from './inference';
import { wakeJsonLanguageFeatures } from './json-language-support';
import { ExtensionLog } from './log';
import { ModelDiagnostics } from './model-diagnostics';
import { ModelQuickFixes } from './quick-fixes';
import { TrainingService } from './training-service';
import { trackWalkthroughTraining, walkthroughMarks, type WalkthroughStep } from './walkthrough';

/** What activate returns: the services, for tests and for other extensions. */
export interface NnBuilderApi {
  training: TrainingService;
  /** Every message a builder panel's webview received from the extension. */
  onDidBuilderReceive: vscode.Event<BuilderMessageEvent>;
  /** How often each Get Started step's action happened in this session. */
  walkthroughMarks(): Partial<Record<WalkthroughStep, number>>;
}

export function registerExtension(context: vscode.ExtensionContext): NnBuilderApi {
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const log = new ExtensionLog();
  const training = new TrainingService(workerScript, log, context.extensionMode === vscode.ExtensionMode.Test);
  const inference = new InferenceRunner(workerScript, log);
  // one cache of data facts for the Problems panel, the builders and the commands
  const dataFacts = modelDataFacts(new DataFactsReader());
  const diagnostics = new ModelDiagnostics(dataFacts);
  const modelSelector: vscode.DocumentSelector = [{ language: 'nnjson' }, { pattern: '**/*.nnjson' }];
  const builder = registerBuilderEditor(context, training, inference, dataFacts);
  const onnxViewer = registerOnnxViewer(context);

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
    ...registerTrainCommands(training, dataFacts),
    ...registerInferenceCommands(context, inference, log),
    ...registerExportCommands(context, inference, log),
    onnxViewer.registration,
    ...registerImportCommands(log, onnxViewer.activeUri),
    ...registerInspectCommands(context, log),
    ...registerModelCommands(context, log, dataFacts),
    ...registerWeightsCommands(),
    ...registerCompareCommands(context.extensionUri, inference),
    ...registerWalkthroughCommands((uri) => builder.revealInsight(uri)),
    trackWalkthroughTraining(training),
  );
  return { training, onDidBuilderReceive: builder.onDidReceive, walkthroughMarks };
}
