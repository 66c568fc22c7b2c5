/** The HTML of one of the extension's webview pages: its esbuild bundle `dist/NAME.js` and `dist/NAME.css`. */
import * as vscode from 'vscode';
import { createNonce, renderBuilderHtml } from '../builder/webview-html';

export function bundlePageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string, loading?: string): string {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  return renderBuilderHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.css`)).toString(),
    title,
    ...(loading !== undefined ? { loading } : {}),
  });
}
