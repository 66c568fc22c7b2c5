/**
 * The builder: a custom text editor for `.nnjson` files. The TextDocument is the single truth; the webview
 * sends intents, `BuilderSession` turns them into minimal edits, and every change of the document (from here,
 * the text editor, git or undo) is pushed back. Training goes through the extension's training service.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from './command-ids';
import { checkModelData, type ModelDataFacts } from './data-access';
import { chooseTrainingData } from './data-pickers';
import { checkDataPath } from './data-path-policy';
import { workspaceCsvFiles } from './workspace-csv';
import { workspaceEditOf } from './workspace-edits';
import type { NnJsonModel } from '../shared/nnjson';
import type { HeldOutResults } from '../shared/held-out-images';
import type { TrainingEvent, TrainingServiceEvent } from '../shared/training-events';
import type { FromWebview, ToWebview } from '../shared/webview-protocol';
import { BuilderSession } from '../builder/builder-session';
import { HeldOutFeed } from '../builder/held-out-feed';
import { readCsvPreview } from '../builder/csv-preview';
import { readDataImagePreview } from '../builder/data-image-preview';
import { imageSourcesFor } from '../node/image-sources';
import type { TextEdit } from '../builder/intent-edits';
import { bundlePageHtml } from './webview-page';
import { markWalkthroughStep } from './walkthrough';

export const BUILDER_VIEW_TYPE = 'nnBuilder.builder';

/** What the builder needs from the extension's training service. */
export interface BuilderTrainingService {
  start(uri: vscode.Uri): unknown;
  stop(uri: vscode.Uri): unknown;
  readonly onEvent: vscode.Event<TrainingServiceEvent>;
}

/** What the builder needs to show a classifier's held-out rows (confusion matrix, images) of data the webview cannot read. */
export interface BuilderInference {
  heldOut(uri: vscode.Uri, model: NnJsonModel): Promise<HeldOutResults | { error: string }>;
}

/** A message a builder panel received (its webview took it), for observers such as the integration tests. */
export interface BuilderMessageEvent {
  /** `vscode.Uri.toString()` of the model file. */
  uri: string;
  message: ToWebview;
}

/** Batch events kept per run for a panel that opens mid-run; older ones are thinned. */
const MAX_REPLAY_BATCHES = 2000;

/** The events of each model's latest run, so a panel opened or reloaded mid-run can catch up. */
class RunLogs implements vscode.Disposable {
  private readonly logs = new Map<string, TrainingEvent[]>();
  private readonly subscription: vscode.Disposable;

  constructor(training: BuilderTrainingService) {
    this.subscription = training.onEvent(({ uri, event }) => this.record(uri, event));
  }

  private record(uri: string, event: TrainingEvent): void {
    if (event.type === 'started') {
      this.logs.set(uri, [event]);
      return;
    }
    const log = this.logs.get(uri);
    if (!log) return;
    if (event.type === 'finished' || event.type === 'failed') {
      this.logs.delete(uri);
      return;
    }
    log.push(event);
    if (log.filter((e) => e.type === 'batch').length > MAX_REPLAY_BATCHES) {
      let keep = false;
      this.logs.set(uri, log.filter((e) => e.type !== 'batch' || (keep = !keep)));
    }
  }

  /** Events of the run in progress for `uri`, or nothing when none runs. */
  running(uri: string): TrainingEvent[] {
    return [...(this.logs.get(uri) ?? [])];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

class BuilderEditorProvider implements vscode.CustomTextEditorProvider {
  private readonly runs: RunLogs;
  private readonly received = new vscode.EventEmitter<BuilderMessageEvent>();
  readonly onDidReceive = this.received.event;
  /** The sessions of the open panels by document, for messages a command sends (Look Inside the Model). */
  private readonly sessions = new Map<string, Set<BuilderSession>>();
  /** Documents to reveal "Inside the model" of as soon as their panel opens. */
  private readonly pendingReveals = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly training: BuilderTrainingService,
    private readonly inference: BuilderInference,
    private readonly dataFacts: ModelDataFacts,
  ) {
    this.runs = new RunLogs(training);
    context.subscriptions.push(this.runs, this.received);
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    webview.options = {
      enableScripts: true,
      localResourceRoots: [dist, vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
    const fileName = path.basename(document.uri.path);
    webview.html = bundlePageHtml(webview, this.context.extensionUri, 'webview', `NN Builder: ${fileName}`);

    const uriKey = document.uri.toString();
    const modelDir = path.dirname(document.uri.fsPath);
    const heldOut = new HeldOutFeed(
      (model) => this.inference.heldOut(document.uri, model),
      (state) => session.notify({ type: 'heldOut', state }),
    );
    const session = new BuilderSession({
      post: (message) => {
        void webview.postMessage(message).then((delivered) => {
          if (delivered) this.received.fire({ uri: uriKey, message });
        });
      },
      current: () => ({ text: document.getText(), version: document.version }),
      applyEdits: (edits) => this.applyEdits(document, edits),
      readCsvPreview: async (source) => {
        const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
        const verdict = checkDataPath(source, modelDir, folders, vscode.workspace.isTrusted);
        if (!verdict.allowed) return { path: source, columns: [], rows: [], error: verdict.message };
        return readCsvPreview(path.resolve(modelDir, source), source);
      },
      listCsvFiles: () => workspaceCsvFiles(modelDir),
      readDataImagePreview: async (request) => {
        // the same trust rules as training: in an untrusted workspace only files inside it
        const access = checkModelData(document.uri, { data: request.data }, undefined);
        if (!access.allowed) return { request, status: 'failed', message: access.message };
        return readDataImagePreview(request, { modelDir, ...(access.workspaceRoot ? { workspaceRoot: access.workspaceRoot } : {}) });
      },
      listImageSources: () => imageSourcesFor(modelDir, (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath)),
      dataFacts: (data, task, inputShape) => this.dataFacts(document.uri, data, task, inputShape),
      chooseTrainingData: (model) => chooseTrainingData(document.uri, model),
      train: () => {
        Promise.resolve(this.training.start(document.uri)).catch((error: unknown) => {
          session.notify({ type: 'error', message: `Training ${fileName} could not start: ${error instanceof Error ? error.message : String(error)}` });
        });
      },
      stop: () => void this.training.stop(document.uri),
      evaluateModel: () => void vscode.commands.executeCommand(COMMAND_IDS.evaluateModel, document.uri),
      predictOnData: () => void vscode.commands.executeCommand(COMMAND_IDS.predict, document.uri),
      exportModel: () => void vscode.commands.executeCommand(COMMAND_IDS.exportModel, document.uri),
      stateChanged: (state) => heldOut.modelChanged(state.model),
      openAsText: () => void vscode.commands.executeCommand(COMMAND_IDS.openAsJson, document.uri),
      trainingEvents: () => this.runs.running(uriKey),
      layerDropped: () => markWalkthroughStep('layerDragged'),
      insightSeen: () => markWalkthroughStep('insightSeen'),
    }, fileName);
    const open = this.sessions.get(uriKey) ?? new Set<BuilderSession>();
    this.sessions.set(uriKey, open.add(session));
    if (this.pendingReveals.delete(uriKey)) session.notify({ type: 'revealInsight' });

    const sendSettings = () => session.notify({
      type: 'settings',
      chartRefreshRate: vscode.workspace.getConfiguration('nnBuilder', document.uri).get<number>('chart.refreshRate', 10),
    });
    const csvFiles = vscode.workspace.createFileSystemWatcher('**/*.csv');
    const subscriptions: vscode.Disposable[] = [
      csvFiles,
      csvFiles.onDidChange(() => session.dataFilesChanged()),
      csvFiles.onDidCreate(() => session.dataFilesChanged()),
      csvFiles.onDidDelete(() => session.dataFilesChanged()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === uriKey && event.contentChanges.length > 0) session.documentChanged();
      }),
      webview.onDidReceiveMessage((message: FromWebview) => {
        // a reloaded webview (after a tab switch) lost the held-out results: send them again after the document
        void session.receive(message).then(() => {
          if (message.type === 'ready') heldOut.resend();
        });
      }),
      this.training.onEvent(({ uri, event }) => {
        if (uri === uriKey) session.trainingEvent(event);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('nnBuilder.chart.refreshRate', document.uri)) sendSettings();
      }),
    ];
    subscriptions.push({ dispose: () => session.dispose() }, { dispose: () => this.sessions.get(uriKey)?.delete(session) }, heldOut);
    panel.onDidDispose(() => subscriptions.forEach((subscription) => subscription.dispose()));
    sendSettings();
    session.documentChanged();
  }

  /** Scrolls every builder panel of `uri` to "Inside the model" (once it is ready, if it just opened). */
  revealInsight(uri: vscode.Uri): void {
    const open = this.sessions.get(uri.toString());
    if (!open?.size) this.pendingReveals.add(uri.toString());
    for (const session of open ?? []) session.notify({ type: 'revealInsight' });
  }

  private async applyEdits(document: vscode.TextDocument, edits: TextEdit[]): Promise<boolean> {
    return vscode.workspace.applyEdit(workspaceEditOf(document, edits));
  }
}

/** Registers the builder for `*.nnjson` (the viewType contributed in package.json). */
export function registerBuilderEditor(
  context: vscode.ExtensionContext, training: BuilderTrainingService, inference: BuilderInference, dataFacts: ModelDataFacts,
): { registration: vscode.Disposable; onDidReceive: vscode.Event<BuilderMessageEvent>; revealInsight(uri: vscode.Uri): void } {
  const provider = new BuilderEditorProvider(context, training, inference, dataFacts);
  const registration = vscode.window.registerCustomEditorProvider(BUILDER_VIEW_TYPE, provider, {
    webviewOptions: { retainContextWhenHidden: false, enableFindWidget: false },
    supportsMultipleEditorsPerDocument: true,
  });
  context.subscriptions.push(registration);
  return { registration, onDidReceive: provider.onDidReceive, revealInsight: (uri) => provider.revealInsight(uri) };
}
