/**
 * The data source: a generated set with its options and a scatter preview, or a CSV file from the workspace
 * with its columns and first rows (read by the host) and the target chosen from the columns.
 */
import { BUILTIN_DATASETS, BUILTIN_NAMES, BUILTIN_PREFIX, generateBuiltin, type BuiltinName } from '../../src/data/builtin';
import type { DataSpec } from '../../src/shared/nnjson';
import type { FromWebview, JsonValue } from '../../src/shared/webview-protocol';
import { drawScatter, type ScatterPoint } from '../charts/scatter';
import { h, replaceChildren } from '../dom';
import { numberField, selectField, type Field } from '../form-fields';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

type SourceKind = 'builtin' | 'csv' | 'none';

function sourceKind(data: DataSpec | undefined): SourceKind {
  if (!data || typeof data.source !== 'string') return 'none';
  return data.source.startsWith(BUILTIN_PREFIX) ? 'builtin' : 'csv';
}

/** Points of a generated set for the preview: 2 features as x/y, or 1 feature against the target. */
export function previewPoints(data: DataSpec): { points: ScatterPoint[]; classes?: number; description: string } | { error: string } {
  const name = data.source.slice(BUILTIN_PREFIX.length) as BuiltinName;
  const info = BUILTIN_DATASETS[name];
  if (!info) return { error: `Unknown generated set "${data.source}"` };
  try {
    const dataset = generateBuiltin(name, {
      samples: typeof data.samples === 'number' ? Math.min(data.samples, 5000) : undefined,
      noise: typeof data.noise === 'number' ? data.noise : undefined,
      classes: typeof data.classes === 'number' ? data.classes : undefined,
      seed: typeof data.seed === 'number' ? data.seed : undefined,
    });
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
  private csvTable?: HTMLElement;
  private lastPreviewKey = '';
  private requestedPreview = '';
  private wantCsv = false;

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    this.kind = selectField({
      name: 'data-kind',
      label: 'Source',
      choices: [
        { value: 'builtin', label: 'Generated set' },
        { value: 'csv', label: 'CSV file in the workspace' },
        { value: 'none', label: 'None (choose at training time)' },
      ],
      value: 'none',
      onCommit: (value) => this.changeKind(value as SourceKind),
    });
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

  private changeKind(kind: SourceKind): void {
    if (kind === 'builtin') this.post({ type: 'setValue', path: ['data'], value: { source: 'builtin:xor' } });
    else if (kind === 'none') this.post({ type: 'setValue', path: ['data'], value: undefined });
    else {
      const first = this.store.csvFiles[0];
      if (first) this.post({ type: 'setValue', path: ['data'], value: { source: first, normalize: 'standard' } });
      else {
        this.wantCsv = true;
        replaceChildren(this.body, [h('p', { className: 'hint', attrs: { role: 'status' }, text: 'Looking for CSV files in the workspace…' })]);
        this.post({ type: 'requestCsvFiles' });
      }
    }
  }

  /** The host answered the CSV file list: finish a switch to CSV that was waiting for it. */
  csvFilesArrived(): void {
    if (!this.wantCsv) return;
    this.wantCsv = false;
    const first = this.store.csvFiles[0];
    if (first) this.post({ type: 'setValue', path: ['data'], value: { source: first, normalize: 'standard' } });
    else {
      this.kind.update(sourceKind(this.store.document?.model?.data));
      replaceChildren(this.body, [h('p', { className: 'error-text', attrs: { role: 'alert' }, text: 'No .csv files in the workspace: add one next to the model, then choose it here.' })]);
      this.bodyKey = 'none-message';
    }
  }

  render(): void {
    const model = this.store.document?.model;
    this.source.hidden = !model;
    this.body.hidden = !model;
    this.unreadable.hidden = !isUnreadable(this.store.document);
    if (!model) return;
    const data = model.data;
    const kind = sourceKind(data);
    this.kind.update(kind);
    const key = kind === 'builtin' ? `builtin:${data?.source}` : kind;
    if (key !== this.bodyKey) {
      this.bodyKey = key;
      if (kind === 'builtin' && data) this.buildBuiltin(data);
      else if (kind === 'csv') this.buildCsv();
      else replaceChildren(this.body, [h('p', { className: 'hint', text: 'No data source in the file. Pick a generated set or a CSV file.' })]);
    }
    if (kind === 'builtin' && data) this.updateBuiltin(data);
    if (kind === 'csv' && data) this.updateCsv(data);
  }

  private buildBuiltin(data: DataSpec): void {
    const name = data.source.slice(BUILTIN_PREFIX.length) as BuiltinName;
    const info = BUILTIN_DATASETS[name];
    const nameField = selectField({
      name: 'data-builtin',
      label: 'Set',
      choices: BUILTIN_NAMES.map((n) => ({ value: n, label: `${n} — ${BUILTIN_DATASETS[n].description}` })),
      value: name,
      onCommit: (value) => this.post({ type: 'setValue', path: ['data'], value: { source: BUILTIN_PREFIX + value } }),
    });
    const number = (key: string, label: string, kind: 'integer' | 'number', min: number, max: number, step: number, defaultValue: number | undefined, help: string) => numberField({
      name: `data-${key}`, label, kind, min, max, step, defaultValue, help, value: undefined,
      onCommit: (value) => this.set([key], value),
    });
    this.builtinFields = [
      { key: 'source', field: nameField as Field<never> },
      { key: 'samples', field: number('samples', 'Samples', 'integer', 4, 1000000, 1, info?.defaults.samples, 'Number of generated points.') as Field<never> },
      { key: 'noise', field: number('noise', 'Noise', 'number', 0, 10, 0.01, info?.defaults.noise, 'Standard deviation of the added noise.') as Field<never> },
    ];
    if (info?.variableClasses) {
      this.builtinFields.push({ key: 'classes', field: number('classes', 'Classes', 'integer', 2, 50, 1, info.defaults.classes, 'Number of classes.') as Field<never> });
    }
    this.builtinFields.push({ key: 'seed', field: number('seed', 'Data seed', 'integer', 0, 4294967295, 1, 42, 'Same seed, same points.') as Field<never> });
    this.canvas = h('canvas', { className: 'scatter-preview', attrs: { width: 220, height: 220, role: 'img', 'aria-label': 'Preview of the generated data' } });
    this.previewCaption = h('p', { className: 'hint' });
    this.lastPreviewKey = '';
    replaceChildren(this.body, [
      h('form', { className: 'form form-grid', attrs: { 'aria-label': 'Generated set options' }, on: { submit: (event) => event.preventDefault() } },
        this.builtinFields.map(({ field }) => field.element)),
      h('figure', { className: 'preview' }, [this.canvas, h('figcaption', {}, [this.previewCaption])]),
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
    const data = this.store.document?.model?.data;
    if (!this.canvas || !this.previewCaption || !data || sourceKind(data) !== 'builtin') return;
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
      choices: this.store.csvFiles.map((file) => ({ value: file, label: file })),
      value: '',
      help: 'Path relative to the model file.',
      onCommit: (value) => this.post({ type: 'setValue', path: ['data'], value: { source: value, normalize: 'standard' } }),
    });
    this.csvTarget = selectField({
      name: 'data-target', label: 'Target column', choices: [], value: '',
      onCommit: (value) => this.set(['target'], value),
    });
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
        this.csvFile.element, this.csvTarget.element, this.csvNormalize.element,
      ]),
      this.csvTable,
    ]);
    this.post({ type: 'requestCsvFiles' });
  }

  private updateCsv(data: DataSpec): void {
    if (!this.csvFile || !this.csvTarget || !this.csvNormalize || !this.csvTable) return;
    const files = [...new Set([data.source, ...this.store.csvFiles])];
    this.csvFile.setChoices(files.map((file) => ({ value: file, label: file })));
    this.csvFile.update(data.source);
    this.csvNormalize.update(typeof data.normalize === 'string' ? data.normalize : 'standard');
    if (this.requestedPreview !== data.source) {
      this.requestedPreview = data.source;
      this.post({ type: 'requestCsvPreview', path: data.source });
    }
    const preview = this.store.csvPreview?.path === data.source ? this.store.csvPreview : undefined;
    const target = Array.isArray(data.target) ? data.target[0] ?? '' : data.target ?? '';
    if (!preview) {
      replaceChildren(this.csvTable, [h('p', { className: 'hint', text: `Reading ${data.source}…` })]);
      return;
    }
    if (preview.error) {
      replaceChildren(this.csvTable, [h('p', { className: 'error-text', attrs: { role: 'alert' }, text: preview.error })]);
      return;
    }
    this.csvTarget.setChoices([{ value: '', label: '(choose the target column)' }, ...preview.columns.map((column) => ({ value: column, label: column }))]);
    this.csvTarget.update(String(target));
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
