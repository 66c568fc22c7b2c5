/**
 * The read-only ONNX viewer for `*.onnx` (the viewType contributed in package.json): the host reads and inspects
 * the file (src/import/onnx/inspection.ts) and the webview (webview/onnx-view/) shows it; its Convert to .nnjson
 * button runs NN Builder: Convert ONNX to .nnjson on the file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bundlePageHtml } from './webview-page';
import { inspectOnnx } from '../import/onnx/inspection';
import type { FromOnnxView, ToOnnxView } from '../shared/onnx-view-protocol';
import { COMMAND_IDS, ONNX_VIEW_TYPE } from './command-ids';

/** What the Convert command gives: the .nnjson written, or undefined when it was cancelled or refused (it says why). */
export type ConvertResult = { readonly path: string } | undefined;

class OnnxViewerProvider implements vscode.CustomReadonlyEditorProvider {
  /** The file of the viewer last focused, for the command run from the palette. */
  activeUri: vscode.Uri | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const { webview } = panel;
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    const fileName = path.basename(document.uri.path);
    webview.html = bundlePageHtml(webview, this.context.extensionUri, 'onnx-view', `ONNX model: ${fileName}`);
    const post = (message: ToOnnxView) => void webview.postMessage(message);
    if (panel.active) this.activeUri = document.uri;
    panel.onDidChangeViewState(() => {
      if (panel.active) this.activeUri = document.uri;
    });
    webview.onDidReceiveMessage(async (message: FromOnnxView) => {
      if (message.type === 'ready') {
        let bytes: Uint8Array;
        try {
          bytes = await vscode.workspace.fs.readFile(document.uri);
        } catch (error) {
          post({ type: 'unreadable', fileName, message: `cannot read the file: ${(error as Error).message}` });
          return;
        }
        const inspection = inspectOnnx(bytes);
        post('error' in inspection ? { type: 'unreadable', fileName, message: inspection.error } : { type: 'inspection', fileName, inspection });
      } else if (message.type === 'convert') {
        const result = await vscode.commands.executeCommand<ConvertResult>(COMMAND_IDS.convertOnnx, document.uri);
        post(result ? { type: 'converted', target: vscode.workspace.asRelativePath(result.path) } : { type: 'conversionFailed', message: 'Not converted.' });
      }
    });
  }
}

export function registerOnnxViewer(context: vscode.ExtensionContext): { registration: vscode.Disposable; activeUri: () => vscode.Uri | undefined } {
  const provider = new OnnxViewerProvider(context);
  const registration = vscode.window.registerCustomEditorProvider(ONNX_VIEW_TYPE, provider, {
    webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
    supportsMultipleEditorsPerDocument: true,
  });
  return { registration, activeUri: () => provider.activeUri };
}
