/**
 * The questions Evaluate Model and Predict on Data ask: which data (the training data, its validation rows, a
 * workspace CSV or one found with Browse...), whether to copy the input columns, and where to save predictions.
 * Each returns undefined when the user cancels.
 */
import { basename, dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { isBuiltinSource } from '../../data/builtin';
import { validationRowCount } from '../../data/preprocess';
import { hasValidationRows, recordedSplit } from '../../insight/held-out-data';
import type { NnJsonModel } from '../../shared/nnjson';
import type { EvaluationChoice } from '../inference';
import { workspaceCsvFiles } from '../workspace-csv';

interface DataItem extends vscode.QuickPickItem {
  choice?: EvaluationChoice;
  browse?: boolean;
}

const BROWSE_LABEL = '$(folder-opened) Browse...';

async function dataItems(uri: vscode.Uri, model: NnJsonModel, withValidationRows: boolean): Promise<DataItem[]> {
  const modelDir = dirname(uri.fsPath);
  const own = model.data?.source;
  const items: DataItem[] = [];
  if (typeof own === 'string' && own.length > 0) {
    items.push({ label: '$(database) The training data', description: own, detail: 'Every row of the data the model was trained on', choice: { rows: 'all' } });
    const split = recordedSplit(model.data?.fitted);
    if (withValidationRows && split && hasValidationRows(model.data?.fitted)) {
      items.push({
        label: '$(eye) The validation rows',
        description: `${validationRowCount(split.rows, split.validationSplit)} of ${split.rows} rows of ${own}`,
        detail: 'The rows the latest training run held out, which it never trained on',
        choice: { rows: 'validation' },
      });
    }
  }
  const ownPath = typeof own === 'string' && !isBuiltinSource(own) ? resolve(modelDir, own) : undefined;
  const others = (await workspaceCsvFiles(modelDir)).filter((file) => resolve(modelDir, file) !== ownPath);
  items.push({ label: 'Other CSV files', kind: vscode.QuickPickItemKind.Separator });
  for (const file of others) items.push({ label: `$(file) ${file}`, choice: { dataSource: file, rows: 'all' } });
  items.push({ label: BROWSE_LABEL, detail: 'A CSV file anywhere, e.g. a held-out test set', browse: true });
  return items;
}

async function browseCsv(uri: vscode.Uri, title: string): Promise<string | undefined> {
  const files = await vscode.window.showOpenDialog({
    title,
    defaultUri: vscode.Uri.joinPath(uri, '..'),
    canSelectMany: false,
    filters: { 'CSV files': ['csv'], 'All files': ['*'] },
  });
  return files?.[0]?.fsPath;
}

async function pickData(uri: vscode.Uri, model: NnJsonModel, action: string, withValidationRows: boolean): Promise<EvaluationChoice | undefined> {
  const title = `${action} ${basename(uri.path)}: which data?`;
  const picked = await vscode.window.showQuickPick(dataItems(uri, model, withValidationRows), {
    title,
    placeHolder: 'The rows to use: the columns must be those the model was trained on',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (!picked.browse) return picked.choice;
  const path = await browseCsv(uri, title);
  return path ? { dataSource: path, rows: 'all' } : undefined;
}

export function pickEvaluationData(uri: vscode.Uri, model: NnJsonModel): Promise<EvaluationChoice | undefined> {
  return pickData(uri, model, 'Evaluate', true);
}

/** The data source to predict on: a CSV path (relative to the model or absolute), or the model's own when undefined in the choice. */
export async function pickPredictionData(uri: vscode.Uri, model: NnJsonModel): Promise<string | undefined> {
  const choice = await pickData(uri, model, 'Predict with', false);
  if (!choice) return undefined;
  return choice.dataSource ?? model.data?.source;
}

export async function pickIncludeInputs(model: NnJsonModel): Promise<boolean | undefined> {
  const columns = model.data?.fitted?.featureColumns;
  const listed = columns && columns.length > 0 ? `: ${columns.slice(0, 6).join(', ')}${columns.length > 6 ? ', …' : ''}` : '';
  const items = [
    { label: 'No', detail: 'Row numbers and predictions only', include: false },
    { label: 'Yes', detail: `Copy the input columns before the predictions${listed}`, include: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Include the input columns?', placeHolder: 'Copy the model\'s input columns into the predictions file' });
  return picked?.include;
}

/** The file to write, chosen in a save dialog that starts at `<model>-predictions.csv` beside the model. */
export async function pickPredictionTarget(uri: vscode.Uri): Promise<string | undefined> {
  const stem = basename(uri.path).replace(/\.nnjson$/i, '');
  const target = await vscode.window.showSaveDialog({
    title: `Save the predictions of ${basename(uri.path)}`,
    defaultUri: vscode.Uri.joinPath(uri, '..', `${stem}-predictions.csv`),
    filters: { 'CSV files': ['csv'] },
    saveLabel: 'Save Predictions',
  });
  return target?.fsPath;
}
