/**
 * What an exported ONNX model says about itself: the doc string (the model's name and description, what to feed
 * `input` and what `output` holds) and metadata_props (class names, input columns, targets, as JSON lists), so a
 * program that runs it needs no .nnjson beside it. Browser-safe.
 */
import { builtinClassNames, builtinNameOf, isBuiltinSource } from '../../data/builtin';
import type { Task } from '../../data/dataset';
import { formatShape } from '../../model/shapes';
import type { Shape } from '../../registry/layer-descriptor';
import type { NnJsonModel } from '../../shared/nnjson';

export interface ModelFacts {
  readonly model: NnJsonModel;
  readonly task: Task;
  readonly inputShape: Shape;
  readonly outputWidth: number;
  readonly inputName: string;
  readonly outputName: string;
}

/** The class labels in output order: `data.classes` as training wrote it, a generated set's labels, else 0, 1, 2, … */
export function classNames(model: NnJsonModel, outputWidth: number): string[] {
  const { data } = model;
  if (Array.isArray(data?.classes)) return data.classes.map(String);
  if (data !== undefined && isBuiltinSource(data.source)) return builtinClassNames(builtinNameOf(data.source), outputWidth);
  return Array.from({ length: outputWidth }, (_, k) => String(k));
}

function targetNames(model: NnJsonModel, outputWidth: number): string[] {
  const target = model.data?.target;
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.map(String);
  return Array.from({ length: outputWidth }, (_, k) => `output ${k + 1}`);
}

const list = (names: readonly string[]): string => names.join(', ');

function inputText({ model, inputShape, inputName }: ModelFacts): string[] {
  const fitted = model.data?.fitted;
  const columns = fitted?.inputColumns;
  const lines: string[] = [];
  if (inputShape.length === 3) {
    const [channels, height, width] = inputShape;
    lines.push(`Input \`${inputName}\`: float32 [N, ${channels}, ${height}, ${width}], a batch of images of ${channels} channel${channels === 1 ? '' : 's'}, ` +
      `${height} rows and ${width} columns: each data row's ${channels * height * width} values in channel, row, column order (NCHW).`);
  } else {
    lines.push(`Input \`${inputName}\`: float32 [N, ${inputShape[0]}], one row per sample${columns ? `, the columns ${list(columns)}` : ''}.`);
  }
  if (fitted?.featureOffset !== undefined && fitted.featureScale !== undefined) {
    lines.push('Feed the values as the data holds them: the graph\'s first nodes apply the feature scaling that training fitted ' +
      '(data.fitted.featureOffset and featureScale), so running it on raw feature rows gives the same numbers as `nnjson predict`.');
  }
  for (const [column, levels] of Object.entries(fitted?.categories ?? {})) {
    lines.push(`The text column ${column} is one-hot encoded, as training encodes it: the columns ${list(levels.map((level) => `${column}=${level}`))}, ` +
      '1 for the row\'s value and 0 for the others (these columns are not scaled).');
  }
  return lines;
}

function outputText({ model, task, outputWidth, outputName }: ModelFacts): string {
  if (task === 'classification') {
    return `Output \`${outputName}\`: float32 [N, ${outputWidth}], the network's outputs for the classes ${list(classNames(model, outputWidth))} ` +
      '(probabilities when it ends in SoftMax; metadata_props "classes" lists them).';
  }
  const fitted = model.data?.fitted;
  const unscaled = fitted?.targetOffset !== undefined && fitted.targetScale !== undefined
    ? ': the graph\'s last nodes undo the fitted target scaling (data.fitted.targetScale and targetOffset)' : '';
  return `Output \`${outputName}\`: float32 [N, ${outputWidth}], the predicted ${list(targetNames(model, outputWidth))} in the targets' own units${unscaled}.`;
}

export function docString(facts: ModelFacts): string {
  const { model } = facts;
  const title = model.name ?? 'A model';
  return [
    model.description ? `${title}: ${model.description}` : title,
    '',
    `Exported from NN Builder (.nnjson), as in evaluation: Dropout is left out and BatchNorm uses its running statistics. ` +
      `Input shape ${formatShape(facts.inputShape)} per sample.`,
    ...inputText(facts),
    outputText(facts),
  ].join('\n');
}

/** The metadata key under which the model's own settings travel, for the import (src/import/onnx/) to restore. */
export const NNJSON_SETTINGS_KEY = 'nnjson.settings';

/**
 * What the graph does not hold but a model needs to train on again: its name, description, loss, optimizer, training
 * and data settings, and its layers as the file states them, Dropout included (the graph leaves Dropout out; the
 * fitted preprocessing is in its nodes, the tensors are its initializers).
 */
function nnjsonSettings(model: NnJsonModel): string {
  const { fitted: _fitted, ...data } = model.data ?? { source: '' };
  const { name, description, layers, loss, optimizer, training } = model;
  return JSON.stringify({ name, description, layers, loss, optimizer, training, data: model.data === undefined ? undefined : data });
}

/**
 * metadata_props: the class names (classifiers) or target names (MSE), the input columns when training recorded
 * them, and the model's settings (nnjsonSettings).
 */
export function metadata(facts: ModelFacts): { key: string; value: string }[] {
  const { model, task, outputWidth } = facts;
  const entries = [task === 'classification'
    ? { key: 'classes', value: JSON.stringify(classNames(model, outputWidth)) }
    : { key: 'targets', value: JSON.stringify(targetNames(model, outputWidth)) }];
  const columns = model.data?.fitted?.inputColumns;
  if (columns !== undefined) entries.push({ key: 'inputColumns', value: JSON.stringify(columns) });
  entries.push({ key: NNJSON_SETTINGS_KEY, value: nnjsonSettings(model) });
  return entries;
}
