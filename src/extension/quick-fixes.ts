/** Quick fixes (code actions) for the model diagnostics; what each fix changes is in quick-fix-plans.ts. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, rangeOf, type ModelDiagnostics } from './model-diagnostics';
import { planFixes, type FixPlan } from './quick-fix-plans';
import { workspaceEditOf } from './workspace-edits';

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
        action.edit = workspaceEditOf(document, plan.edits);
        action.isPreferred = plan.preferred === true;
        if (shown) action.diagnostics = [shown];
        actions.push(action);
      }
    }
    return actions;
  }
}
