/**
 * Quick picks for data: a CSV file of the workspace (or one browsed to), a column of it with its kind and a sample
 * of its values, the feature columns, and the data for a model that has none (CSV files and generated sets).
 * Shared by New Model → From a CSV file and Train on a model without data.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { BUILTIN_DATASETS, BUILTIN_NAMES, BUILTIN_PREFIX } from '../data/builtin';
import { readCsvFile } from '../node/csv-file';
import { columnSummaries, type ColumnSummary } from '../data/csv-columns';
import { DataError } from '../data/errors';
import { normalizeSourcePath } from '../data/source-path';
import type { DataSpec, NnJsonModel } from '../shared/nnjson';
import { taskOf } from '../training/model-data';
import { relativeDataSource, workspaceCsvUris } from './workspace-csv';


type CsvItem = vscode.QuickPickItem & { file?: vscode.Uri; browse?: true };

const BROWSE_ITEM: CsvItem = { label: '$(folder-opened) Browse...', description: 'a CSV file anywhere', browse: true };

function csvItems(files: readonly vscode.Uri[], shownFrom: (file: vscode.Uri) => string): CsvItem[] {
  return files.map((file) => ({ label: normalizeSourcePath(shownFrom(file)), file }));
}

async function browseCsv(title: string, near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    title, canSelectMany: false, filters: { 'CSV files': ['csv'] }, ...(near ? { defaultUri: near } : {}),
  });
  return chosen?.[0];
}

/** A CSV file of the workspace, or one the user browses to. */
export async function pickCsvFile(title: string): Promise<vscode.Uri | undefined> {
  const files = await workspaceCsvUris();
  const picked = await vscode.window.showQuickPick<CsvItem>([...csvItems(files, (file) => vscode.workspace.asRelativePath(file)), BROWSE_ITEM], {
    title, placeHolder: files.length > 0 ? 'The CSV file with your data' : 'No CSV files in the workspace: browse to one',
  });
  if (!picked) return undefined;
  return picked.browse ? browseCsv(title, vscode.workspace.workspaceFolders?.[0]?.uri) : picked.file;
}

/** The columns of a CSV file, read with training's reader; a bad file is reported to the user (undefined). */
export async function readColumns(file: vscode.Uri): Promise<ColumnSummary[] | undefined> {
  try {
    return columnSummaries(await readCsvFile(file.fsPath, { displayName: vscode.workspace.asRelativePath(file) }));
  } catch (error) {
    const message = error instanceof DataError ? error.message : `${file.fsPath}: cannot be read (${String(error)}): check the file`;
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

type ColumnItem = vscode.QuickPickItem & { column: string };

function columnItem(column: ColumnSummary, picked = false): ColumnItem {
  const values = `${column.samples.join(', ')}${column.distinct > column.samples.length ? ', …' : ''}`;
  return {
    label: column.name,
    description: column.kind === 'text' ? `text, ${column.distinct} distinct values` : `numeric, ${column.distinct} distinct values`,
    detail: values,
    column: column.name,
    picked,
  };
}

/** The column to predict. */
export async function pickTargetColumn(title: string, columns: readonly ColumnSummary[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(columns.map((column) => columnItem(column)), {
    title, placeHolder: 'The column to predict (the target)', matchOnDetail: true,
  });
  return picked?.column;
}

/** The feature columns, all preselected; undefined when the user cancels. */
export async function pickFeatureColumns(title: string, columns: readonly ColumnSummary[]): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(columns.map((column) => columnItem(column, true)), {
    title, placeHolder: 'The columns to predict from (text columns are one-hot encoded)', canPickMany: true, matchOnDetail: true,
  });
  return picked?.map((item) => item.column);
}

type DataItem = vscode.QuickPickItem & { file?: vscode.Uri; browse?: true; builtin?: string };

/**
 * The data for a model that has none, before it trains: a CSV file of the workspace (then its target column) or a
 * generated set of the model's task. Undefined when the user cancels.
 */
export async function chooseTrainingData(modelUri: vscode.Uri, model: NnJsonModel): Promise<DataSpec | undefined> {
  const modelDir = dirname(modelUri.fsPath);
  const task = taskOf(model);
  const title = `Train ${vscode.workspace.asRelativePath(modelUri)}: the model has no data`;
  const files = await workspaceCsvUris();
  const sets = BUILTIN_NAMES.filter((name) => BUILTIN_DATASETS[name].task === task);
  const items: DataItem[] = [
    { label: 'CSV files', kind: vscode.QuickPickItemKind.Separator },
    ...csvItems(files, (file) => relativeDataSource(modelDir, file.fsPath)),
    BROWSE_ITEM,
    { label: `Generated sets (${task})`, kind: vscode.QuickPickItemKind.Separator },
    ...sets.map((name) => ({ label: `${BUILTIN_PREFIX}${name}`, detail: BUILTIN_DATASETS[name].description, builtin: `${BUILTIN_PREFIX}${name}` })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose the data to train on (it is written into the model)', matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.builtin) return { source: picked.builtin };
  const file = picked.browse ? await browseCsv(title, vscode.Uri.file(modelDir)) : picked.file;
  if (!file) return undefined;
  const columns = await readColumns(file);
  if (!columns) return undefined;
  const target = await pickTargetColumn(title, columns);
  if (!target) return undefined;
  return { source: relativeDataSource(modelDir, file.fsPath), target, normalize: 'standard' };
}
