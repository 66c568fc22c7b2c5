/**
 * The comparison view: a webview panel (dist/compare.js) that shows two models side by side. The host reads both
 * texts, sends the models, and computes their predictions on the same data in a worker; the view computes the rest
 * itself with src/compare/.
 */
import * as vscode from 'vscode';
import { readModelOrErrors } from '../../model/reader';
import { agreementUnavailable } from '../../compare/prediction-agreement';
import { formatDiagnostic } from '../../shared/diagnostics';
import type { FromCompareView, PredictionComparison, ToCompareView } from '../../shared/compare-protocol';
import type { NnJsonModel } from '../../shared/nnjson';
import { bundlePageHtml } from '../webview-page';
import type { InferenceRunner } from '../inference';

export const COMPARE_VIEW_TYPE = 'nnBuilder.compare';

/** One side of a comparison: the file its data paths are relative to, how the view names it, and its text. */
export interface ComparisonSide {
  uri: vscode.Uri;
  label: string;
  text: string;
}

/** The model of `side`, or undefined after telling the user the first problem, where it is and how to fix it. */
function modelOf(side: ComparisonSide): NnJsonModel | undefined {
  const result = readModelOrErrors(side.text);
  if ('model' in result) return result.model;
  const [first] = result.errors;
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more; see the Problems panel)` : '';
  void vscode.window.showErrorMessage(`Cannot compare ${side.label}: ${formatDiagnostic(first, side.label)}${more}. Fix it first, then compare again.`);
  return undefined;
}

export function showComparison(extensionUri: vscode.Uri, inference: InferenceRunner, a: ComparisonSide, b: ComparisonSide): vscode.WebviewPanel | undefined {
  const modelA = modelOf(a);
  const modelB = modelOf(b);
  if (!modelA || !modelB) return undefined;
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, `Compare ${a.label} ↔ ${b.label}`, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [dist],
  });
  const webview = panel.webview;
  webview.html = bundlePageHtml(webview, extensionUri, 'compare', `NN Builder: compare ${a.label} and ${b.label}`, 'Loading the comparison…');
  const post = (message: ToCompareView) => void webview.postMessage(message);
  const reason = agreementUnavailable(modelA, modelB);
  let predictions: PredictionComparison = reason ? { status: 'none', reason } : { status: 'computing' };
  if (!reason) {
    void inference.agreement({ uri: a.uri, model: modelA }, { uri: b.uri, model: modelB }).then((state) => {
      predictions = state;
      post({ type: 'predictions', state });
    });
  }
  const subscription = webview.onDidReceiveMessage((message: FromCompareView) => {
    // also after the view reloads (a tab switch): it lost what it was sent
    if (message.type !== 'ready') return;
    post({ type: 'models', a: { label: a.label, model: modelA }, b: { label: b.label, model: modelB } });
    post({ type: 'predictions', state: predictions });
  });
  panel.onDidDispose(() => subscription.dispose());
  return panel;
}
