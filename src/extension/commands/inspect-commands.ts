/** Show Model Summary and Validate Model. */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readModel } from '../../model/reader';
import { COMMAND_IDS } from '../command-ids';
import type { ExtensionLog } from '../log';
import { showMarkdown } from '../markdown-view';
import { currentModelText } from '../model-file';
import { resolveModelUri } from '../model-target';
import { summaryMarkdown } from '../summary-markdown';
import { commandOptions } from './command-options';

export interface ShowOptions {
  /** Open the result for the user (default true); tests turn it off and read the return value. */
  show?: boolean;
}

export interface ValidationCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function registerInspectCommands(context: vscode.ExtensionContext, log: ExtensionLog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.showSummary, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Show Model Summary');
      if (!uri) return undefined;
      const options = commandOptions<ShowOptions>(optionsArgument);
      const name = basename(uri.path);
      const { model, diagnostics } = readModel(await currentModelText(uri));
      if (!model) {
        const first = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
        void vscode.window.showErrorMessage(`Cannot summarise ${name}: ${first?.message ?? 'it is not a model'}. Fix it (see the Problems panel) first.`);
        return undefined;
      }
      const markdown = summaryMarkdown(model, vscode.workspace.asRelativePath(uri));
      log.block(markdown);
      if (options.show !== false) await showMarkdown(context, 'summaries', `${name.replace(/\.nnjson$/i, '')}.summary.md`, markdown);
      return markdown;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.validateModel, async (uriArgument?: unknown, optionsArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Validate Model');
      if (!uri) return undefined;
      const options = commandOptions<ShowOptions>(optionsArgument);
      const name = basename(uri.path);
      const { diagnostics } = readModel(await currentModelText(uri));
      const counts: ValidationCounts = {
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        infos: diagnostics.filter((d) => d.severity === 'info').length,
      };
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const text = counts.errors + counts.warnings + counts.infos === 0
        ? `${name} is a valid model: no problems found.`
        : `${name}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${counts.infos ? `, ${counts.infos} info` : ''}.`;
      log.info(`validate: ${text}`);
      for (const diagnostic of diagnostics) log.info(`  ${name}:${diagnostic.line + 1}:${diagnostic.column + 1}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`);
      if (options.show !== false) {
        if (counts.errors + counts.warnings > 0) {
          void vscode.window.showWarningMessage(text, 'Show Problems').then((answer) => {
            if (answer) void vscode.commands.executeCommand('workbench.actions.view.problems');
          });
        } else {
          void vscode.window.showInformationMessage(text);
        }
      }
      return counts;
    }),
  ];
}
