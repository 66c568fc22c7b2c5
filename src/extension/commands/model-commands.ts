/** New Model... (from a template, a CSV file or image data), Open as JSON and Open in Builder. */
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../node/atomic-write';
import { writeModel } from '../../model/writer';
import { isBuiltinSource } from '../../data/builtin';
import { proposedTask, type ColumnSummary } from '../../data/csv-columns';
import type { Task } from '../../data/dataset';
import type { NnJsonModel } from '../../shared/nnjson';
import { requiredOutputs } from '../../model/data-fit';
import { csvModel, imageModel, MODEL_TEMPLATES, TEMPLATE_NAMES, isTemplateName, modelFromTemplate, type TemplateName } from '../../model/templates';
import { BUILDER_VIEW_TYPE, COMMAND_IDS } from '../command-ids';
import type { ModelDataFacts } from '../data-access';
import { pickCsvFile, pickFeatureColumns, pickTargetColumn, readColumns } from '../data-pickers';
import { pickIdxLabels, pickImageData, type ImageDataChoice } from '../image-pickers';
import { isIdxSource } from '../../data/idx';
import { relativeDataSource } from '../workspace-csv';
import type { ExtensionLog } from '../log';
import { resolveModelUri } from '../model-target';
import { commandOptions } from './command-options';

export interface NewModelOptions {
  template: TemplateName;
  /**
   * From a CSV file: the file (a Uri, or a path absolute or relative to the first workspace folder). The choices
   * below answer the questions that follow; each one left out is asked.
   */
  csv: vscode.Uri | string;
  /** The column to predict (several target columns for regression). */
  targetColumn: string | string[];
  /** The columns to predict from (default: every other column). */
  features: string[];
  task: Task;
  /**
   * From images: `builtin:shapes`, or a folder of images (one subfolder per class) or IDX images (a path absolute or
   * relative to the first workspace folder); `labels` is the IDX labels file (found beside the images when absent).
   */
  images: string;
  labels: string;
  /** Where to write the model; asked with a save dialog when absent. */
  target: vscode.Uri;
  /** Open the new model (default true). */
  open: boolean;
}

const FROM_CSV = 'csv';
const FROM_IMAGES = 'images';

type NewModelStart = TemplateName | typeof FROM_CSV | typeof FROM_IMAGES;

async function pickTemplate(): Promise<NewModelStart | undefined> {
  const fromCsv = { label: 'From a CSV file...', detail: 'Your own data: choose the file and the column to predict; the network is sized to fit', name: FROM_CSV } as const;
  const fromImages = {
    label: 'From images...', name: FROM_IMAGES,
    detail: 'A folder of pictures (one subfolder per class), IDX files or the generated builtin:shapes: the CNN for images, sized to the pictures',
  } as const;
  const picked = await vscode.window.showQuickPick(
    [fromCsv, fromImages, ...TEMPLATE_NAMES.map((name) => ({ label: MODEL_TEMPLATES[name].label, detail: MODEL_TEMPLATES[name].detail, name }))],
    { title: 'New Model', placeHolder: 'Start from your data or a template', matchOnDetail: true },
  );
  return picked?.name;
}

async function pickTarget(name: string, folder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const base = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: 'New Model: save as',
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, `${name}.nnjson`) } : {}),
    filters: { 'NN models': ['nnjson'] },
  });
}

/** A file named by a command option: a Uri, or a path absolute or relative to the first workspace folder. */
function optionUri(path: vscode.Uri | string): vscode.Uri {
  if (path instanceof vscode.Uri) return path;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return isAbsolute(path) || !folder ? vscode.Uri.file(resolve(path)) : vscode.Uri.joinPath(folder, path);
}

type TaskItem = vscode.QuickPickItem & { task: Task };

/** Classification or regression, the proposed one first; regression is not offered for a text column. */
async function pickTask(title: string, target: ColumnSummary, classNames: readonly string[] | undefined): Promise<Task | undefined> {
  const proposal = proposedTask(target.kind, classNames ?? []);
  const classes = classNames ? `${classNames.length} classes: ${classNames.slice(0, 8).join(', ')}${classNames.length > 8 ? ', …' : ''}` : 'the column read as class labels';
  const items: TaskItem[] = [
    { label: 'Classification', description: 'SoftMax output, CrossEntropy loss', detail: classes, task: 'classification' },
    ...(target.kind === 'numeric' ? [{ label: 'Regression', description: 'one output, MSE loss', detail: `predict the value of ${target.name}`, task: 'regression' as const }] : []),
  ];
  if (items.length === 1) return items[0].task;
  items.sort((a, b) => Number(b.task === proposal) - Number(a.task === proposal));
  items[0].description = `${items[0].description} (proposed)`;
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: `What to predict in ${target.name}` });
  return picked?.task;
}

/** The CSV flow of New Model: file, target, features and task, then a model whose widths fit the data. */
async function modelFromCsv(options: Partial<NewModelOptions>, dataFacts: ModelDataFacts): Promise<{ model: (modelDir: string) => NnJsonModel; name: string } | undefined> {
  const title = 'New Model from a CSV file';
  const file = options.csv !== undefined ? optionUri(options.csv) : await pickCsvFile(title);
  if (!file) return undefined;
  const columns = await readColumns(file);
  if (!columns) return undefined;
  const fail = (message: string): undefined => {
    void vscode.window.showErrorMessage(`${title}: ${message}`);
    return undefined;
  };
  const target = options.targetColumn ?? (await pickTargetColumn(title, columns));
  if (target === undefined) return undefined;
  const targets = Array.isArray(target) ? target : [target];
  const names = columns.map((column) => column.name);
  const unknown = targets.find((name) => !names.includes(name));
  if (unknown !== undefined) return fail(`${basename(file.fsPath)} has no column "${unknown}": choose one of ${names.join(', ')}`);
  const candidates = columns.filter((column) => !targets.includes(column.name));
  const features = options.features ?? (await pickFeatureColumns(title, candidates));
  if (features === undefined) return undefined;
  if (features.length === 0) return fail('no feature columns chosen: keep at least one column to predict from');
  const narrowed = features.length < candidates.length ? candidates.map((column) => column.name).filter((name) => features.includes(name)) : undefined;

  // data facts as training reads them, from a model next to the CSV file (the file is the same wherever the model goes)
  const probe = vscode.Uri.joinPath(file, '..', 'new.nnjson');
  const spec = { source: basename(file.fsPath), target, ...(narrowed ? { features: narrowed } : {}) };
  const asClasses = targets.length === 1 ? await dataFacts(probe, spec, 'classification') : undefined;
  const targetColumn = columns.find((column) => column.name === targets[0])!;
  const classNames = asClasses?.status === 'ready' ? asClasses.facts.classNames : undefined;
  const task = options.task ?? (targets.length > 1 ? 'regression' : await pickTask(title, targetColumn, classNames));
  if (!task) return undefined;
  const facts = task === 'classification' && asClasses ? asClasses : await dataFacts(probe, spec, task);
  if (facts.status !== 'ready') return fail(facts.status === 'error' ? facts.message : 'the CSV file could not be read');
  const outputs = requiredOutputs(facts.facts);
  if (outputs === undefined) return fail(`${targets.join(', ')} gives nothing to predict: choose another target column`);
  const name = basename(file.fsPath, extname(file.fsPath));
  return {
    name,
    model: (modelDir) => csvModel({
      source: relativeDataSource(modelDir, file.fsPath), name, target, features: narrowed, task,
      inputWidth: facts.facts.inputColumns.length, outputs,
    }),
  };
}

/** The image data the options name, or the user's pick. */
async function imageDataChoice(title: string, options: Partial<NewModelOptions>): Promise<ImageDataChoice | undefined> {
  const images = options.images;
  if (images === undefined) return pickImageData(title);
  if (isBuiltinSource(images)) return { kind: 'builtin', source: images };
  const path = optionUri(images).fsPath;
  if (!isIdxSource(path)) return { kind: 'folder', path };
  const labels = options.labels !== undefined ? optionUri(options.labels).fsPath : await pickIdxLabels(title, path);
  return labels ? { kind: 'idx', path, labels } : undefined;
}

/** The images flow of New Model: the pictures, then the CNN for images with their shape and classes. */
async function modelFromImages(options: Partial<NewModelOptions>, dataFacts: ModelDataFacts): Promise<{ model: (modelDir: string) => NnJsonModel; name: string } | undefined> {
  const title = 'New Model from images';
  const choice = await imageDataChoice(title, options);
  if (!choice) return undefined;
  const dataIn = (modelDir: string) => choice.kind === 'builtin' ? { source: choice.source }
    : choice.kind === 'folder' ? { source: relativeDataSource(modelDir, choice.path) }
      : { source: relativeDataSource(modelDir, choice.path), labels: relativeDataSource(modelDir, choice.labels) };
  // the facts as training reads them, for a model beside the data (the data is the same wherever the model goes)
  const near = choice.kind === 'builtin' ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd() : dirname(choice.path);
  const facts = await dataFacts(vscode.Uri.file(join(near, 'new.nnjson')), dataIn(near), 'classification');
  const fail = (message: string): undefined => {
    void vscode.window.showErrorMessage(`${title}: ${message}`);
    return undefined;
  };
  if (facts.status !== 'ready') return fail(facts.status === 'error' ? facts.message : 'the images could not be read');
  const { imageShape, classNames } = facts.facts;
  if (!imageShape || !classNames) return fail(`${facts.facts.label} gives no pictures with classes: choose a folder of images, IDX files or builtin:shapes`);
  const name = choice.kind === 'builtin' ? choice.source.slice(choice.source.indexOf(':') + 1) : basename(choice.path).replace(/[-.]idx\d-ubyte(\.gz)?$|\.idx(\.gz)?$/i, '');
  return { name, model: (modelDir) => imageModel({ data: dataIn(modelDir), name, shape: imageShape, classes: classNames.length }) };
}

/**
 * The iris and digits templates read ./data/*.csv next to the model; the extension ships those files, so a new
 * model trains out of the box wherever it is saved.
 */
async function provideTemplateData(extensionUri: vscode.Uri, source: string | undefined, modelPath: string, log: ExtensionLog): Promise<void> {
  if (!source || isBuiltinSource(source) || isAbsolute(source)) return;
  const target = resolve(dirname(modelPath), source);
  if (existsSync(target)) return;
  const shipped = vscode.Uri.joinPath(extensionUri, 'examples', 'data', basename(source)).fsPath;
  if (!existsSync(shipped)) return;
  await mkdir(dirname(target), { recursive: true });
  await copyFile(shipped, target);
  log.info(`new model: copied the example data ${basename(source)} to ${target}`);
}

/** Shows the model as text: the text editor tab that is open for it, or a new one. */
async function openAsJson(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tab = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((candidate) => candidate.input instanceof vscode.TabInputText && candidate.input.uri.toString() === key);
  if (!tab) {
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { viewColumn: tab.group.viewColumn, preview: tab.isPreview });
}

export function registerModelCommands(context: vscode.ExtensionContext, log: ExtensionLog, dataFacts: ModelDataFacts): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND_IDS.newModel, async (folderArgument?: unknown, optionsArgument?: unknown) => {
      const options = commandOptions<NewModelOptions>(optionsArgument);
      const template: NewModelStart | undefined = options.csv !== undefined ? FROM_CSV : options.images !== undefined ? FROM_IMAGES
        : options.template && isTemplateName(options.template) ? options.template : await pickTemplate();
      if (!template) return undefined;
      const fromData = template === FROM_CSV ? await modelFromCsv(options, dataFacts) : template === FROM_IMAGES ? await modelFromImages(options, dataFacts) : undefined;
      if ((template === FROM_CSV || template === FROM_IMAGES) && !fromData) return undefined;
      const folder = folderArgument instanceof vscode.Uri ? folderArgument : undefined;
      let target = options.target ?? (await pickTarget(fromData?.name ?? template, folder));
      if (!target) return undefined;
      if (!target.path.toLowerCase().endsWith('.nnjson')) target = target.with({ path: `${target.path}.nnjson` });
      const model = fromData ? fromData.model(dirname(target.fsPath)) : modelFromTemplate(template as TemplateName);
      try {
        await mkdir(dirname(target.fsPath), { recursive: true });
        await writeFileAtomic(target.fsPath, writeModel(model));
        if (!fromData) await provideTemplateData(context.extensionUri, model.data?.source, target.fsPath, log);
      } catch (error) {
        const message = `New Model: could not write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}. Choose a writable folder.`;
        log.error(message);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
      log.info(`new model: ${target.fsPath} ${fromData ? `for ${model.data?.source}` : `from the ${MODEL_TEMPLATES[template as TemplateName].label} template`}`);
      // pinned, not a preview tab: the user is about to work in it
      if (options.open !== false) await vscode.commands.executeCommand('vscode.open', target, { preview: false });
      return target;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.openAsJson, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Open as JSON');
      if (uri) await openAsJson(uri);
      return uri;
    }),

    vscode.commands.registerCommand(COMMAND_IDS.openInBuilder, async (uriArgument?: unknown) => {
      const uri = await resolveModelUri(uriArgument, 'Open in Builder');
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, BUILDER_VIEW_TYPE);
      return uri;
    }),
  ];
}
