/**
 * Whether a network fits its data: the input (input.size, or input.shape's C·H·W) against the data's input columns, and the output width against
 * the classes (CrossEntropy) or target columns (MSE). One rule, with one wording, for the builder, the Problems
 * panel and training (`checkWidths` in model-data.ts); each problem carries its one-click fix as model changes.
 * Also what choosing data changes in the file. Browser-safe.
 */
import { isBuiltinSource } from '../data/builtin';
import { isIdxSource } from '../data/idx';
import { isImageChannelCount } from '../data/image-pixels';
import type { Dataset } from '../data/dataset';
import type { EncodedData } from '../data/preprocess';
import { sourceLabel } from '../data/source-path';
import { uniqueLayerId } from './layer-ids';
import { inputLength } from './layer-widths';
import { formatShape, inferShapes } from './shapes';
import type { DataFacts, DataFactsState, DataFitProblem } from '../shared/data-facts';
import type { ModelChange } from '../shared/model-change';
import type { DataSpec, InputSpec, LayerSpec, NnJsonModel } from '../shared/nnjson';
import { followingWidths } from './width-follow';

export type { DataFitCode, DataFitProblem } from '../shared/data-facts';

/** The facts of encoded data (training's own encoding), named by `source` (`label` overrides how messages name it). */
export function dataFactsOf(
  encoded: Pick<EncodedData, 'dataset' | 'featureColumns' | 'categories'>, source: string, label = sourceLabel(source),
): DataFacts {
  const { dataset } = encoded;
  return {
    source,
    label,
    kind: dataset.convertsToInputShape ? 'image-folder' : isBuiltinSource(source) ? 'builtin' : isIdxSource(source) ? 'idx' : 'csv',
    task: dataset.task,
    rows: dataset.rows,
    inputColumns: dataset.featureNames,
    featureColumns: encoded.featureColumns,
    oneHotColumns: Object.entries(encoded.categories).map(([column, levels]) => ({ column, width: levels.length })),
    targetColumns: dataset.targetCols > 0 ? dataset.targetNames : [],
    ...(dataset.task === 'classification' && dataset.classNames ? { classNames: dataset.classNames } : {}),
    ...(dataset.imageShape ? { imageShape: [...dataset.imageShape] } : {}),
  };
}

/** The facts of a data set without its encoding details (training-time checks of an already encoded set). */
export function datasetFacts(dataset: Dataset, source?: string): DataFacts {
  const encoding = { dataset, featureColumns: dataset.featureNames, categories: {} };
  return source === undefined ? dataFactsOf(encoding, '', 'the data') : dataFactsOf(encoding, source);
}

const plural = (count: number, word: string, many = `${word}s`): string => `${count} ${count === 1 ? word : many}`;

/** How a path that a change writes is named in messages: `input.size`, `fc1.in`. */
function settingName(model: NnJsonModel, path: readonly (string | number)[]): string {
  const [first, index, key] = path;
  if (first === 'layers' && typeof index === 'number') return `${model.layers[index]?.id ?? `layers[${index}]`}.${String(key)}`;
  return path.join('.');
}

/** `model` with `path` set to `value`, as the text will be once the change is made. */
function changedModel(model: NnJsonModel, path: ['input'] | ['layers', number, 'out'], value: InputSpec | number): NnJsonModel {
  if (path[0] === 'input') return { ...model, input: value as InputSpec };
  return { ...model, layers: model.layers.map((layer, index) => (index === path[1] ? { ...layer, out: value } as LayerSpec : layer)) };
}

/** The stated widths that follow the change from `model` to `after` (src/model/width-follow.ts, the one rule for that). */
function followingChanges(model: NnJsonModel, after: NnJsonModel): ModelChange[] {
  return followingWidths(model, after).map(({ path: followed, value }): ModelChange => ({ kind: 'set', path: followed, value }));
}

/** The last `Linear.out` set to `width`, with the stated widths that follow it, so the network stays consistent in the same edit. */
function outputWidthChanges(model: NnJsonModel, index: number, width: number): ModelChange[] {
  return [{ kind: 'set', path: ['layers', index, 'out'], value: width }, ...followingChanges(model, changedModel(model, ['layers', index, 'out'], width))];
}

/** `input` set to `wanted` (`size` or `shape`, the other removed), and the layers that state the old width. */
export function inputChanges(model: NnJsonModel, wanted: InputSpec): ModelChange[] {
  const changes: ModelChange[] = [];
  if (wanted.shape !== undefined) {
    if (model.input.size !== undefined) changes.push({ kind: 'remove', path: ['input', 'size'] });
    changes.push({ kind: 'set', path: ['input', 'shape'], value: [...wanted.shape] });
  } else {
    if (model.input.shape !== undefined) changes.push({ kind: 'remove', path: ['input', 'shape'] });
    changes.push({ kind: 'set', path: ['input', 'size'], value: wanted.size });
  }
  return [...changes, ...followingChanges(model, changedModel(model, ['input'], wanted))];
}

/** input.size set to `width`, and the layers that state the old one. */
export function inputSizeChanges(model: NnJsonModel, width: number): ModelChange[] {
  return inputChanges(model, { size: width });
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((dimension, i) => dimension === b[i]);

/**
 * The input the data asks for, or undefined when the model's fits it: any image input of 1 or 3 channels for a folder
 * of images (they are converted to it); the data's image shape (a generated image set, IDX files); else, for a model with an image input, the same channels in a square that holds the data's columns
 * (a CSV of 64 pixel columns into [1, H, W] asks for [1, 8, 8]) or, when no square does, flat features.
 */
export function wantedInput(model: NnJsonModel, facts: DataFacts): InputSpec | undefined {
  const width = facts.inputColumns.length;
  if (width === 0) return undefined;
  const { shape } = model.input;
  // a folder's images are converted to any image input of 1 or 3 channels
  if (facts.kind === 'image-folder' && shape !== undefined && isImageChannelCount(shape[0])) return undefined;
  if (facts.imageShape !== undefined) {
    const fits = shape === undefined ? model.input.size === width : sameShape(shape, facts.imageShape);
    return fits ? undefined : { shape: [...facts.imageShape] };
  }
  if (inputLength(model.input) === width) return undefined;
  if (shape === undefined) return { size: width };
  const channels = shape[0] >= 1 && width % shape[0] === 0 ? shape[0] : 1;
  const side = Math.round(Math.sqrt(width / channels));
  return side * side * channels === width ? { shape: [channels, side, side] } : { size: width };
}

/** How messages name an input: `input.size` or `input.shape`, with its value. */
function inputText(input: InputSpec): string {
  return input.shape !== undefined ? `input.shape is ${formatShape(input.shape)} (${inputLength(input)} values)` : `input.size is ${input.size}`;
}

function inputProblem(model: NnJsonModel, facts: DataFacts): DataFitProblem | undefined {
  const wanted = wantedInput(model, facts);
  if (wanted === undefined) return undefined;
  const width = facts.inputColumns.length;
  const changes = inputChanges(model, wanted);
  const wantedText = wanted.shape !== undefined ? formatShape(wanted.shape) : String(wanted.size);
  const settings = [wanted.shape !== undefined ? 'input.shape' : 'input.size',
    ...changes.flatMap((change) => (change.kind === 'set' && change.path[0] === 'layers' ? [settingName(model, change.path)] : []))].join(' and ');
  const columns = facts.imageShape !== undefined ? `${facts.imageShape.join('×')} images (${plural(width, 'value')} each)` : plural(width, 'input column');
  const names = facts.imageShape === undefined && width <= 8 ? ` (${facts.inputColumns.join(', ')})` : '';
  const narrow = facts.kind === 'csv' ? ', or choose data.features' : '';
  return {
    severity: 'error',
    code: 'data-input-width',
    segments: ['input', model.input.shape !== undefined ? 'shape' : 'size'],
    message: `${inputText(model.input)} but ${facts.label} gives ${columns}${names}: set ${settings} to ${wantedText}${narrow}`,
    data: {
      expected: wanted.shape ?? wanted.size, actual: model.input.shape ?? model.input.size,
      fixes: [{ title: `Set ${settings} to ${wantedText} (${facts.label} gives ${columns})`, changes }],
    },
  };
}

/** The output width the data needs: its number of classes or of target columns (none when it holds no targets). */
export function requiredOutputs(facts: DataFacts): number | undefined {
  const count = facts.task === 'classification' ? facts.classNames?.length : facts.targetColumns.length;
  return count ? count : undefined;
}

function outputProblem(model: NnJsonModel, facts: DataFacts): DataFitProblem | undefined {
  const expected = requiredOutputs(facts);
  if (expected === undefined) return undefined;
  let outputs: number;
  try {
    outputs = inferShapes(model).outputWidth;
  } catch {
    return undefined; // layers without their settings: the reader's diagnostics say what to fix first
  }
  if (!Number.isFinite(outputs) || outputs === expected) return undefined;
  const classification = facts.task === 'classification';
  const names = classification ? facts.classNames ?? [] : facts.targetColumns;
  const list = names.length <= (classification ? 12 : 8) ? ` (${names.join(', ')})` : '';
  const what = classification ? plural(expected, 'class', 'classes') : plural(expected, 'target column');
  const has = `${facts.label} has ${what}`;
  let last = -1;
  model.layers.forEach((layer, index) => {
    if (layer.type === 'Linear') last = index;
  });
  if (last >= 0) {
    const id = model.layers[last].id;
    return {
      severity: 'error',
      code: 'data-output-width',
      segments: ['layers', last, 'out'],
      message: `${id}.out is ${outputs} but ${has}${list}: set ${id}.out to ${expected}`,
      data: { expected, actual: outputs, layerId: id, fixes: [{ title: `Set ${id}.out to ${expected} (${has})`, changes: outputWidthChanges(model, last, expected) }] },
    };
  }
  // a classifier also needs its SoftMax: add one when the network does not end in it
  const trailingSoftMax = model.layers[model.layers.length - 1]?.type === 'SoftMax';
  const index = trailingSoftMax ? model.layers.length - 1 : model.layers.length;
  const changes: ModelChange[] = [{ kind: 'insertLayer', index, layer: { type: 'Linear', id: uniqueLayerId(model, 'Linear'), out: expected } }];
  const addSoftMax = classification && !trailingSoftMax;
  if (addSoftMax) changes.push({ kind: 'insertLayer', index: index + 1, layer: { type: 'SoftMax', id: uniqueLayerId(model, 'SoftMax') } });
  const added = `a Linear layer with ${expected} outputs${addSoftMax ? ' and a SoftMax' : ''}`;
  return {
    severity: 'error',
    code: 'data-output-width',
    segments: ['layers'],
    message: `the network gives ${plural(outputs, 'output')} (no Linear layer sets its width) but ${has}${list}: add ${added} at the end`,
    data: { expected, actual: outputs, fixes: [{ title: `Add ${added} (${has})`, changes }] },
  };
}

/** The model's widths against the data's: input first, then output. */
export function widthProblems(model: NnJsonModel, facts: DataFacts): DataFitProblem[] {
  return [inputProblem(model, facts), outputProblem(model, facts)].filter((problem): problem is DataFitProblem => problem !== undefined);
}

/** Every problem between the model and its data as read: unreadable data, or widths that do not fit. */
export function dataFitProblems(model: NnJsonModel, state: DataFactsState): DataFitProblem[] {
  if (state.status === 'none') return [];
  if (state.status === 'error') {
    return [{ severity: 'error', code: 'data-unreadable', segments: model.data?.source !== undefined ? ['data', 'source'] : ['data'], message: state.message }];
  }
  return widthProblems(model, state.facts);
}

/**
 * What choosing `data` (undefined: no data) writes: the data settings, key by key so the rest of the object keeps
 * its text, and input.size (with the layers that state it) from the data's facts when they are known.
 */
export function dataChanges(model: NnJsonModel, data: DataSpec | undefined, state: DataFactsState): ModelChange[] {
  const changes: ModelChange[] = [];
  const current = model.data;
  if (data === undefined) {
    if (current !== undefined) changes.push({ kind: 'remove', path: ['data'] });
  } else if (current === undefined || typeof current !== 'object') {
    changes.push({ kind: 'set', path: ['data'], value: data });
  } else {
    for (const [key, value] of Object.entries(data)) {
      if (value !== undefined && JSON.stringify(current[key]) !== JSON.stringify(value)) changes.push({ kind: 'set', path: ['data', key], value });
    }
    for (const key of Object.keys(current)) {
      if (data[key] === undefined) changes.push({ kind: 'remove', path: ['data', key] });
    }
  }
  const wanted = state.status === 'ready' ? wantedInput(model, state.facts) : undefined;
  if (wanted !== undefined) changes.push(...inputChanges(model, wanted));
  return changes;
}
