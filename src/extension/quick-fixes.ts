/**
 * Quick fixes (code actions) for the model diagnostics users meet most: a layer width that does not match what
 * comes in, a duplicate layer id, a missing loss or optimizer, and misspelt type names. Each fix is a minimal
 * text edit (src/model/edit.ts), so the rest of the file keeps its formatting.
 */
import * as vscode from 'vscode';
import { setValue, type TextEdit } from '../model/edit';
import type { Diagnostic as ModelDiagnostic } from '../shared/diagnostics';
import { DIAGNOSTIC_SOURCE, rangeOf, type ModelDiagnostics } from './model-diagnostics';

interface FixPlan {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

function lastLayerType(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { layers?: { type?: unknown }[] };
    const layers = Array.isArray(parsed.layers) ? parsed.layers : [];
    const type = layers[layers.length - 1]?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

/** The fixes for one diagnostic, as text edits on `text`; none when there is no safe fix. */
export function planFixes(text: string, diagnostic: ModelDiagnostic): FixPlan[] {
  const { code, segments, data } = diagnostic;
  const target = data?.fixPath ?? segments;
  switch (code) {
    case 'width-mismatch':
      if (typeof data?.expected !== 'number') return [];
      return [{ title: `Set ${data.layerId ?? diagnostic.path}.${String(target[target.length - 1])} to ${data.expected} (the width coming in)`, edits: setValue(text, target, data.expected), preferred: true }];
    case 'duplicate-id':
      if (typeof data?.suggestion !== 'string') return [];
      return [{ title: `Rename the layer to "${data.suggestion}" (a unique id)`, edits: setValue(text, target, data.suggestion), preferred: true }];
    case 'missing-field':
      return missingFieldFixes(text, segments);
    case 'unknown-layer-type':
    case 'unknown-loss':
    case 'unknown-optimizer':
      if (typeof data?.suggestion !== 'string') return [];
      return [{ title: `Change to "${data.suggestion}"`, edits: setValue(text, target, data.suggestion), preferred: true }];
    default:
      return [];
  }
}

function missingFieldFixes(text: string, segments: readonly (string | number)[]): FixPlan[] {
  const path = segments.join('.');
  if (path === 'loss' || path === 'loss.type') {
    const classification = lastLayerType(text) === 'SoftMax';
    const make = (type: 'CrossEntropy' | 'MSE', preferred: boolean): FixPlan => ({
      title: `Add the loss ${type}${type === 'CrossEntropy' ? ' (classification)' : ' (regression)'}`,
      edits: path === 'loss' ? setValue(text, ['loss'], { type }) : setValue(text, ['loss', 'type'], type),
      preferred,
    });
    return [make('CrossEntropy', classification), make('MSE', !classification)];
  }
  if (path === 'optimizer') {
    return [{ title: 'Add the optimizer Adam (lr 0.001)', edits: setValue(text, ['optimizer'], { type: 'Adam', lr: 0.001 }), preferred: true }];
  }
  if (path === 'optimizer.type') {
    return [{ title: 'Set the optimizer type to Adam', edits: setValue(text, ['optimizer', 'type'], 'Adam'), preferred: true }];
  }
  return [];
}

export class ModelQuickFixes implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ModelDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of this.diagnostics.modelDiagnostics(document)) {
      const diagnosticRange = rangeOf(document, diagnostic);
      if (!diagnosticRange.intersection(range)) continue;
      const shown = context.diagnostics.find((candidate) => candidate.source === DIAGNOSTIC_SOURCE && candidate.code === diagnostic.code && candidate.range.isEqual(diagnosticRange));
      let plans: FixPlan[];
      try {
        plans = planFixes(text, diagnostic);
      } catch {
        continue; // the text cannot take the edit (e.g. a syntax error elsewhere): offer nothing rather than a broken fix
      }
      for (const plan of plans) {
        const action = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const textEdit of plan.edits) {
          edit.replace(document.uri, new vscode.Range(document.positionAt(textEdit.offset), document.positionAt(textEdit.offset + textEdit.length)), textEdit.content);
        }
        action.edit = edit;
        action.isPreferred = plan.preferred === true;
        if (shown) action.diagnostics = [shown];
        actions.push(action);
      }
    }
    return actions;
  }
}
