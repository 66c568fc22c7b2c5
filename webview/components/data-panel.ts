/**
 * The data source: a generated set with its options and a preview (a scatter of points, or thumbnails of pictures),
 * a CSV file from the workspace with its columns and first rows (read by the host), the target and the feature
 * columns chosen from them, or image data of the workspace: a folder of images with one subfolder per class, or an
 * IDX pair (images and labels), previewed as labelled thumbnails that the host reads.
 * Choosing the source, target or features sends `setData`, and the host sets the input (input.size, or input.shape
 * from the images) from the data in the same edit. The file's current source is never replaced unless the user
 * picks another; each path is listed once.
 */
import { BUILTIN_DATASETS, BUILTIN_NAMES, BUILTIN_PREFIX, generateBuiltin, type BuiltinName } from '../../src/data/builtin';
import { idxLabelsFor } from '../../src/data/idx';
import type { DataFacts } from '../../src/shared/data-facts';
import { normalizeSourcePath, sameSourcePath, uniqueSourcePaths } from '../../src/data/source-path';
import type { DataSpec } from '../../src/shared/nnjson';
import type { FromWebview, JsonValue } from '../../src/shared/webview-protocol';
import { drawScatter, type ScatterPoint } from '../charts/scatter';
import { h, replaceChildren } from '../dom';
import { numberField, selectField, type Field } from '../form-fields';
import type { BuilderStore } from '../store';
import { builtinOptions, DataImages, sourceKind, type SourceKind } from './data-images';
import { isUnreadable, unreadableNote } from './unreadable-note';

/** Points of a generated set of points for the preview: 2 features as x/y, or 1 feature against the target. */
export function previewPoints(data: DataSpec): { points: ScatterPoint[]; classes?: number; description: string } | { error: string } {
  const name = data.source.slice(BUILTIN_PREFIX.length) as BuiltinName;
  const info = BUILTIN_DATASETS[name];
  if (!info) return { error: `Unknown generated set "${data.source}"` };
  try {
    const options = builtinOptions(data);
    const dataset = generateBuiltin(name, { ...options, samples: options.samples === undefined ? undefined : Math.min(options.samples, 5000) });
    const points: ScatterPoint[] = [];
    for (let r = 0; r < dataset.rows; r++) {
      if (dataset.cols >= 2) points.push({ x: dataset.x[r * dataset.cols], y: dataset.x[r * dataset.cols + 1], value: dataset.y[r] });
      else points.push({ x: dataset.x[r], y: dataset.y[r * dataset.targetCols], value: 0 });
    }
    return {
      points,
      classes: dataset.task === 'classification' ? dataset.classNames?.length ?? 2 : undefined,
      description: `${dataset.rows} samples, ${dataset.cols} feature${dataset.cols === 1 ? '' : 's'}, ${dataset.task}`,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The data settings that belong to the columns of one file and one target; a new choice makes training fit them again. */
function withoutFitted(data: DataSpec, alsoClasses: boolean): DataSpec {
  const { fitted: _fitted, classes, ...rest } = data;
  return alsoClasses || classes === undefined ? rest : { ...rest, classes };
}

/** One line of what the data gives: its rows (or images), inputs and classes or targets. */
function factsText(facts: DataFacts): string {
  const output = facts.classNames
    ? `${facts.classNames.length} classes (${facts.classNames.slice(0, 12).join(', ')}${facts.classNames.length > 12 ? ', …' : ''})`
    : `${facts.targetColumns.length} target column${facts.targetColumns.length === 1 ? '' : 's'}`;
  if (facts.imageShape && facts.kind !== 'csv') return `${facts.rows} images of ${facts.imageShape.join('×')} · ${output}`;
  return `${facts.rows} rows · ${facts.inputColumns.length} input column${facts.inputColumns.length === 1 ? '' : 's'} · ${output}`;
}

function targetOf(data: DataSpec | undefined): string {
  return Array.isArray(data?.target) ? data.target[0] ?? '' : typeof data?.target === 'string' ? data.target : '';
}

export class DataPanel {
  readonly element: HTMLElement;
  private readonly kind: Field<string>;
  private readonly body: HTMLElement;
  private readonly source: HTMLElement;
  private readonly unreadable = unreadableNote();
  private bodyKey = '';
  private builtinFields: { key: string; field: Field<never> }[] = [];
  private canvas?: HTMLCanvasElement;
  private previewCaption?: HTMLElement;
  private csvFile?: ReturnType<typeof selectField>;
  private csvTarget?: ReturnType<typeof selectField>;
  private csvNormalize?: Field<string>;
  private csvFeatures?: HTMLElement;
  private featureBoxes = new Map<string, HTMLInputElement>();
  private featureColumnsKey = '';
  private featureMessage?: HTMLElement;
  private csvTable?: HTMLElement;
  private imageFolder?: ReturnType<typeof selectField>;
  private idxImages?: ReturnType<typeof selectField>;
  private idxLabels?: ReturnType<typeof selectField>;
  /** What the host read about the data (rows, inputs, classes), or why it cannot be read. */
  private readonly factsLine = h('p', { className: 'hint data-facts', attrs: { 'aria-live': 'polite' } });
  private readonly images: DataImages;
  private lastPreviewKey = '';
  private requestedPreview = '';
  /** The user switched the kind to a file kind and has not chosen one yet: nothing is written until they do. */
  private choosing?: 'csv' | 'folder' | 'idx';
  /** A source the user chose, until the document has it: the host reads the data first, which may take a while. */
  private pendingSource?: string;

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    this.kind = selectField({
      name: 'data-kind',
      label: 'Source',
      choices: [
        { value: 'builtin', label: 'Generated set' },
        { value: 'csv', label: 'CSV file in the workspace' },
        { value: 'folder', label: 'Image folder (one subfolder per class)' },
        { value: 'idx', label: 'IDX images and labels (MNIST format)' },
        { value: 'none', label: 'None (choose at training time)' },
      ],
      value: 'none',
      onCommit: (value) => this.changeKind(value as SourceKind),
    });
    this.images = new DataImages(store, post);
    this.body = h('div', { className: 'data-body' });
    this.source = h('form', { className: 'form', attrs: { 'aria-label': 'Data source' }, on: { submit: (event) => event.preventDefault() } }, [this.kind.element]);
    this.element = h('section', { className: 'data-panel panel', attrs: { 'aria-label': 'Training data', id: 'data-panel' } }, [
      h('h2', { className: 'panel-title', text: 'Data' }),
      this.source,
      this.body,
      this.unreadable,
    ]);
  }

  private set(path: (string | number)[], value: JsonValue | undefined): void {
    this.post({ type: 'setValue', path: ['data', ...path], value });
  }

  private setData(data: DataSpec | undefined): void {
    this.pendingSource = data?.source;
    this.post({ type: 'setData', data });
  }

  private get data(): DataSpec | undefined {
    return this.store.document?.model?.data;
  }

  private get fileKind(): SourceKind {
    return sourceKind(this.data, this.store.data?.facts);
  }

  private changeKind(kind: SourceKind): void {
    this.choosing = undefined;
    if (kind === this.fileKind) {
      this.render();
      return;
    }
    if (kind === 'builtin') this.setData({ source: `${BUILTIN_PREFIX}xor` });
    else if (kind === 'none') this.setData(undefined);
    else {
      // ask, never take a file for the user: the choice is written when they pick one
      this.choosing = kind;
      this.render();
      this.post({ type: kind === 'csv' ? 'requestCsvFiles' : 'requestImageSources' });
    }
  }

  /** The host answered the CSV file list. */
  csvFilesArrived(): void {
    this.render();
  }

  render(): void {
    const model = this.store.document?.model;
    this.source.hidden = !model;
    this.body.hidden = !model;
    this.unreadable.hidden = !isUnreadable(this.store.document);
    if (!model) return;
    const data = model.data;
    const fileKind = this.fileKind;
    if (fileKind === this.choosing) this.choosing = undefined;
    if (this.pendingSource !== undefined && this.pendingSource === data?.source) this.pendingSource = undefined;
    const kind = this.choosing ?? fileKind;
    this.kind.update(kind);
    const key = kind === 'builtin' ? `builtin:${data?.source}` : kind;
    if (key !== this.bodyKey) {
      this.bodyKey = key;
      if (kind === 'builtin' && data) this.buildBuiltin(data);
      else if (kind === 'csv') this.buildCsv();
      else if (kind === 'folder') this.buildFolder();
      else if (kind === 'idx') this.buildIdx();
      else replaceChildren(this.body, [h('p', { className: 'hint', text: 'No data source in the file: pick a generated set, a CSV file or image data, or choose it when you train.' })]);
    }
    const own = kind === fileKind ? data : undefined;
    if (kind === 'builtin' && data) this.updateBuiltin(data);
    if (kind === 'csv') this.updateCsv(own);
    if (kind === 'folder') this.updateFolder(own);
    if (kind === 'idx') this.updateIdx(own);
    if (own) this.images.update(model, kind);
    else this.images.grid.element.hidden = true;
  }

  private buildBuiltin(data: DataSpec): void {
    const name = data.source.slice(BUILTIN_PREFIX.length) as BuiltinName;
    const info = BUILTIN_DATASETS[name];
    const nameField = selectField({
      name: 'data-builtin',
      label: 'Set',
      choices: BUILTIN_NAMES.map((n) => ({ value: n, label: `${n} — ${BUILTIN_DATASETS[n].description}` })),
      value: name,
      onCommit: (value) => this.setData({ source: BUILTIN_PREFIX + value }),
    });
    const number = (key: string, label: string, kind: 'integer' | 'number', min: number, max: number, step: number, defaultValue: number | undefined, help: string) => numberField({
      name: `data-${key}`, label, kind, min, max, step, defaultValue, help, value: undefined,
      onCommit: (value) => this.set([key], value),
    });
    this.builtinFields = [
      { key: 'source', field: nameField as Field<never> },
      { key: 'samples', field: number('samples', 'Samples', 'integer', 4, 1000000, 1, info?.defaults.samples, `Number of generated ${info?.imageShape ? 'pictures' : 'points'}.`) as Field<never> },
      { key: 'noise', field: number('noise', 'Noise', 'number', 0, 10, 0.01, info?.defaults.noise, 'Standard deviation of the added noise.') as Field<never> },
    ];
    if (info?.variableClasses) {
      this.builtinFields.push({ key: 'classes', field: number('classes', 'Classes', 'integer', 2, 50, 1, info.defaults.classes, 'Number of classes.') as Field<never> });
    }
    this.builtinFields.push({ key: 'seed', field: number('seed', 'Data seed', 'integer', 0, 4294967295, 1, 42, 'Same seed, same points.') as Field<never> });
    this.canvas = h('canvas', { className: 'scatter-preview', attrs: { width: 220, height: 220, role: 'img', 'aria-label': 'Preview of the generated data' } });
    this.previewCaption = h('p', { className: 'hint' });
    this.lastPreviewKey = '';
    const pictures = info?.imageShape !== undefined;
    replaceChildren(this.body, [
      h('form', { className: 'form form-grid', attrs: { 'aria-label': 'Generated set options' }, on: { submit: (event) => event.preventDefault() } },
        this.builtinFields.map(({ field }) => field.element)),
      pictures ? null : h('figure', { className: 'preview' }, [this.canvas, h('figcaption', {}, [this.previewCaption])]),
      this.images.grid.element,
    ]);
  }

  private updateBuiltin(data: DataSpec): void {
    for (const { key, field } of this.builtinFields) {
      (field as Field<unknown>).update(key === 'source' ? data.source.slice(BUILTIN_PREFIX.length) : data[key]);
    }
    const previewKey = JSON.stringify([data.source, data.samples, data.noise, data.classes, data.seed]);
    if (previewKey !== this.lastPreviewKey) {
      this.lastPreviewKey = previewKey;
      this.redrawPreview();
    }
  }

  redrawPreview(): void {
    const data = this.data;
    if (!this.canvas?.isConnected || !this.previewCaption || !data || sourceKind(data) !== 'builtin') return;
    const preview = previewPoints(data);
    if ('error' in preview) {
      this.previewCaption.textContent = preview.error;
      return;
    }
    this.canvas.setAttribute('aria-label', `Scatter preview: ${preview.description}`);
    this.previewCaption.textContent = preview.description;
    drawScatter(this.canvas, { points: preview.points, classes: preview.classes });
  }

  private buildCsv(): void {
    this.csvFile = selectField({
      name: 'data-csv',
      label: 'CSV file',
      choices: [],
      value: '',
      help: 'Path relative to the model file.',
      onCommit: (value) => this.chooseFile(value),
    });
    this.csvTarget = selectField({
      name: 'data-target', label: 'Target column', choices: [], value: '',
      onCommit: (value) => this.chooseTarget(value),
    });
    this.csvFeatures = h('div', { className: 'feature-list', attrs: { role: 'group', 'aria-labelledby': 'feature-columns-legend' } });
    this.featureMessage = h('div', { className: 'field-message', attrs: { 'aria-live': 'polite' } });
    this.featureBoxes = new Map();
    this.featureColumnsKey = '';
    this.csvNormalize = selectField({
      name: 'data-normalize',
      label: 'Normalise features',
      choices: [{ value: 'standard', label: 'standard (mean 0, std 1)' }, { value: 'minmax', label: 'min-max (0 to 1)' }, { value: 'none', label: 'none' }],
      value: 'standard',
      onCommit: (value) => this.set(['normalize'], value),
    });
    this.csvTable = h('div', { className: 'csv-preview', attrs: { role: 'region', 'aria-label': 'First rows of the CSV file', tabindex: 0 } });
    this.requestedPreview = '';
    replaceChildren(this.body, [
      h('form', { className: 'form', attrs: { 'aria-label': 'CSV options' }, on: { submit: (event) => event.preventDefault() } }, [
        this.csvFile.element,
        this.csvTarget.element,
        h('fieldset', { className: 'feature-columns', attrs: { 'data-field': 'data-features' } }, [
          h('legend', { attrs: { id: 'feature-columns-legend' }, text: 'Feature columns' }),
          this.csvFeatures,
          this.featureMessage,
        ]),
        this.csvNormalize.element,
      ]),
      this.factsLine,
      this.csvTable,
      this.images.grid.element,
    ]);
    this.post({ type: 'requestCsvFiles' });
  }

  private buildFolder(): void {
    this.imageFolder = selectField({
      name: 'data-folder',
      label: 'Image folder',
      choices: [],
      value: '',
      help: 'One subfolder of PNG or JPEG images per class; path relative to the model file.',
      onCommit: (value) => this.chooseImages(value, undefined),
    });
    replaceChildren(this.body, [
      h('form', { className: 'form', attrs: { 'aria-label': 'Image folder' }, on: { submit: (event) => event.preventDefault() } }, [this.imageFolder.element]),
      this.factsLine,
      this.images.grid.element,
    ]);
    this.post({ type: 'requestImageSources' });
  }

  private buildIdx(): void {
    this.idxImages = selectField({
      name: 'data-idx-images', label: 'Images file', choices: [], value: '',
      help: 'IDX images, [count, height, width] bytes (gzipped or not); path relative to the model file.',
      onCommit: (value) => this.chooseImages(value, idxLabelsFor(value, this.store.imageSources.idxFiles)),
    });
    this.idxLabels = selectField({
      name: 'data-idx-labels', label: 'Labels file', choices: [], value: '',
      help: 'The IDX labels of those images, one class per image.',
      onCommit: (value) => {
        const data = this.data;
        if (data && value !== '' && value !== data.labels) this.setData({ ...withoutFitted(data, true), labels: value });
      },
    });
    replaceChildren(this.body, [
      h('form', { className: 'form', attrs: { 'aria-label': 'IDX files' }, on: { submit: (event) => event.preventDefault() } }, [
        this.idxImages.element, this.idxLabels.element,
      ]),
      this.factsLine,
      this.images.grid.element,
    ]);
    this.post({ type: 'requestImageSources' });
  }

  /** Image data in `source` (with IDX `labels`); the host sets input.shape from the images, or keeps one they are converted to. */
  private chooseImages(source: string, labels: string | undefined): void {
    const data = this.data;
    if (source === '' || (data && sameSourcePath(source, data.source))) return;
    this.setData(labels === undefined ? { source } : { source, labels });
  }

  /** The choices of a file select: `paths` once each, the file's own kept, and a placeholder while there is none. */
  private static choicesOf(paths: readonly string[], own: string | undefined, placeholder: string): { value: string; label: string }[] {
    const files = uniqueSourcePaths(paths, own);
    return [...(own === undefined ? [{ value: '', label: placeholder }] : []), ...files.map((file) => ({ value: file, label: normalizeSourcePath(file) }))];
  }

  /** `data`: the file's image folder, or undefined while the user is choosing one. */
  private updateFolder(data: DataSpec | undefined): void {
    if (!this.imageFolder) return;
    const { folders } = this.store.imageSources;
    this.imageFolder.setChoices(DataPanel.choicesOf(folders, data?.source, folders.length > 0 ? '(choose a folder of images)' : '(no image folders in the workspace)'));
    this.imageFolder.update(this.pendingSource ?? data?.source ?? '');
    this.updateFacts(data);
  }

  /** `data`: the file's IDX data, or undefined while the user is choosing the images file. */
  private updateIdx(data: DataSpec | undefined): void {
    if (!this.idxImages || !this.idxLabels) return;
    const files = this.store.imageSources.idxFiles;
    const labels = typeof data?.labels === 'string' ? data.labels : undefined;
    this.idxImages.setChoices(DataPanel.choicesOf(files, data?.source, files.length > 0 ? '(choose the images file)' : '(no IDX files in the workspace)'));
    this.idxImages.update(this.pendingSource ?? data?.source ?? '');
    this.idxLabels.setChoices(DataPanel.choicesOf(files, labels, '(choose the labels file)'));
    this.idxLabels.update(labels ?? '');
    this.idxLabels.element.toggleAttribute('hidden', !data);
    this.updateFacts(data);
  }

  private chooseFile(value: string): void {
    const data = this.data;
    const current = sourceKind(data) === 'csv' ? data : undefined;
    if (value === '' || (current && sameSourcePath(value, current.source))) return;
    // the host leaves out a target or features the new file does not have
    this.setData(current ? { ...withoutFitted(current, true), source: value } : { source: value, normalize: 'standard' });
  }

  private chooseTarget(target: string): void {
    const data = this.data;
    if (!data || target === '' || target === targetOf(data)) return;
    const next: DataSpec = { ...withoutFitted(data, true), target };
    const features = Array.isArray(data.features) ? data.features.filter((feature) => feature !== target) : undefined;
    if (features && features.length > 0) next.features = features;
    else delete next.features;
    this.setData(next);
  }

  private toggleFeature(columns: string[], box: HTMLInputElement): void {
    const data = this.data;
    if (!data) return;
    const chosen = columns.filter((column) => this.featureBoxes.get(column)?.checked);
    if (this.featureMessage) this.featureMessage.textContent = '';
    if (chosen.length === 0) {
      box.checked = true;
      if (this.featureMessage) this.featureMessage.textContent = 'Keep at least one feature column: the network needs an input.';
      return;
    }
    const next = withoutFitted(data, false);
    if (chosen.length < columns.length) next.features = chosen;
    else delete next.features;
    this.setData(next);
  }

  private updateFeatures(data: DataSpec, columns: string[]): void {
    if (!this.csvFeatures) return;
    const target = targetOf(data);
    const candidates = columns.filter((column) => column !== target);
    const key = JSON.stringify([target, candidates]);
    if (key !== this.featureColumnsKey) {
      this.featureColumnsKey = key;
      this.featureBoxes = new Map();
      if (!target) {
        replaceChildren(this.csvFeatures, [h('span', { className: 'hint', text: 'Choose the target column first; the features are the other columns.' })]);
      } else {
        replaceChildren(this.csvFeatures, candidates.map((column) => {
          const box = h('input', { attrs: { type: 'checkbox', name: 'data-feature', value: column } });
          box.addEventListener('change', () => this.toggleFeature(candidates, box));
          this.featureBoxes.set(column, box);
          return h('label', {}, [box, h('span', { text: column })]);
        }));
      }
    }
    const chosen = Array.isArray(data.features) ? data.features : undefined;
    for (const [column, box] of this.featureBoxes) box.checked = chosen ? chosen.includes(column) : true;
  }

  /** The facts line: what the host read about `data` (undefined: nothing chosen yet), or that it is reading it. */
  private updateFacts(data: DataSpec | undefined): void {
    const line = this.factsLine;
    const facts = this.store.data?.facts;
    const reading = this.pendingSource ?? data?.source;
    const about = facts && facts.status !== 'none' ? (facts.status === 'ready' ? facts.facts.source : facts.source) : undefined;
    line.className = 'hint data-facts';
    line.removeAttribute('role');
    if (reading === undefined) {
      line.textContent = '';
    } else if (this.pendingSource !== undefined || about !== reading) {
      line.textContent = `Reading ${reading}…`;
    } else if (facts?.status === 'error') {
      line.className = 'error-text data-facts';
      line.setAttribute('role', 'alert');
      line.textContent = facts.message;
    } else if (facts?.status === 'ready') {
      line.textContent = factsText(facts.facts);
    }
  }

  /** `data`: the file's CSV data, or undefined while the user is choosing a first CSV file. */
  private updateCsv(data: DataSpec | undefined): void {
    if (!this.csvFile || !this.csvTarget || !this.csvNormalize || !this.csvTable) return;
    const files = uniqueSourcePaths(this.store.csvFiles, data?.source);
    const placeholder = data ? [] : [{ value: '', label: files.length > 0 ? '(choose a CSV file)' : '(no .csv files in the workspace)' }];
    this.csvFile.setChoices([...placeholder, ...files.map((file) => ({ value: file, label: normalizeSourcePath(file) }))]);
    this.csvFile.update(data?.source ?? '');
    for (const element of [this.csvTarget.element, this.csvNormalize.element, this.csvFeatures?.parentElement]) element?.toggleAttribute('hidden', !data);
    if (!data) {
      replaceChildren(this.csvTable, [h('p', { className: 'hint', text: files.length > 0 ? 'Choose the CSV file with your data.' : 'No .csv files in the workspace: add one next to the model, then choose it here.' })]);
      this.updateFacts(undefined);
      return;
    }
    this.csvNormalize.update(typeof data.normalize === 'string' ? data.normalize : 'standard');
    if (this.requestedPreview !== data.source) {
      this.requestedPreview = data.source;
      this.post({ type: 'requestCsvPreview', path: data.source });
    }
    this.updateFacts(data);
    const preview = this.store.csvPreview?.path === data.source ? this.store.csvPreview : undefined;
    const target = targetOf(data);
    if (!preview) {
      replaceChildren(this.csvTable, [h('p', { className: 'hint', text: `Reading ${data.source}…` })]);
      return;
    }
    if (preview.error) {
      replaceChildren(this.csvTable, [h('p', { className: 'error-text', attrs: { role: 'alert' }, text: preview.error })]);
      return;
    }
    this.csvTarget.setChoices([{ value: '', label: '(choose the target column)' }, ...preview.columns.map((column) => ({ value: column, label: column }))]);
    this.csvTarget.update(target);
    this.updateFeatures(data, preview.columns);
    const table = h('table', { className: 'data-table' }, [
      h('caption', { className: 'hint', text: `${preview.columns.length} columns; first ${preview.rows.length} rows` }),
      h('thead', {}, [h('tr', {}, preview.columns.map((column) => h('th', {
        attrs: { scope: 'col' },
        className: column === target ? 'target-column' : '',
        text: column === target ? `${column} (target)` : column,
      })))]),
      h('tbody', {}, preview.rows.map((row) => h('tr', {}, row.map((cell, i) => h('td', { className: preview.columns[i] === target ? 'target-column' : '', text: cell }))))),
    ]);
    replaceChildren(this.csvTable, [table]);
  }
}
