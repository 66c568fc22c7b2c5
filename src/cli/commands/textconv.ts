/**
 * `nnjson textconv MODEL`: the model as stable, readable text for `git diff` (diff.nnjson.textconv): the settings,
 * the summary, statistics and a fingerprint of every tensor instead of its base64, and the last epochs of the
 * history. The same file always gives the same text, and the text never names the file (git passes a temporary
 * copy). A file that is not a readable model gives its problems and then its text as it is, so a diff still shows.
 */
import { tensorFingerprint } from '../../compare/fingerprint';
import { formatFigure } from '../../compare/diff-text';
import { flattenValues, formatValue, statedSettings } from '../../compare/setting-values';
import { alignColumns } from '../../compare/text-table';
import { summarize } from '../../insight/tensor-stats';
import { readModel } from '../../model/reader';
import { formatShape } from '../../model/shapes';
import { tensorValues } from '../../model/tensor-codec';
import { formatDiagnostic, type Diagnostic } from '../../shared/diagnostics';
import { EPOCH_RECORD_KEYS, TOP_LEVEL_KEYS, TRAILING_TOP_LEVEL_KEYS, type NnJsonModel } from '../../shared/nnjson';
import { expectPositionals, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { readTextFile } from '../model-file';
import { summaryBodyLines } from './summary';

export const TEXTCONV_USAGE = 'nnjson textconv MODEL';

/** Epoch records the text form shows, the latest ones. */
export const HISTORY_TAIL = 10;
const STAT_DIGITS = 6;

function tensorLines(model: NnJsonModel): string[] {
  const entries = Object.entries(model.parameters ?? {});
  if (entries.length === 0) return ['Tensors: none (not trained)'];
  const rows = [['tensor', 'shape', 'mean', 'std', 'min', 'max', 'fingerprint']];
  const problems: string[] = [];
  for (const [layerId, tensors] of entries) {
    for (const [name, tensor] of Object.entries(tensors)) {
      const shape = Array.isArray(tensor.shape) ? tensor.shape : [];
      const decoded = tensorValues(tensor);
      if ('error' in decoded) {
        problems.push(`  ${layerId}.${name} ${formatShape(shape)}: does not decode (${decoded.error})`);
        continue;
      }
      const stats = summarize(layerId, name, shape, decoded.values, 1);
      const figure = (value: number) => (decoded.values.length > 0 ? formatFigure(value, STAT_DIGITS) : '—');
      rows.push([`${layerId}.${name}`, formatShape(shape), figure(stats.mean), figure(stats.std), figure(stats.min), figure(stats.max), tensorFingerprint(decoded.values)]);
    }
  }
  return ['Tensors:', ...alignColumns(rows, new Set([2, 3, 4, 5])).map((line) => `  ${line}`), ...problems];
}

function historyLines(model: NnJsonModel): string[] {
  const history = model.history ?? [];
  if (history.length === 0) return ['History: none'];
  const tail = history.slice(-HISTORY_TAIL) as unknown as Record<string, unknown>[];
  const known: readonly string[] = EPOCH_RECORD_KEYS;
  const keys = [...new Set([...known, ...tail.flatMap((record) => Object.keys(record))])].filter((key) => tail.some((record) => record[key] !== undefined));
  const cell = (value: unknown) => (typeof value === 'number' ? formatFigure(value, STAT_DIGITS) : formatValue(value));
  const rows = [keys, ...tail.map((record) => keys.map((key) => (record[key] === undefined ? '' : cell(record[key]))))];
  const last = history[history.length - 1].epoch;
  return [
    `History: ${history.length} record${history.length === 1 ? '' : 's'} up to epoch ${last}; the last ${tail.length}:`,
    ...alignColumns(rows, new Set(keys.map((_, i) => i))).map((line) => `  ${line}`),
  ];
}

/** Top-level keys outside the format (tools' own notes), flattened like the settings. */
function otherKeyLines(model: NnJsonModel): string[] {
  const known = new Set<string>([...TOP_LEVEL_KEYS, ...TRAILING_TOP_LEVEL_KEYS, 'input', 'layers']);
  const others = new Map<string, unknown>();
  for (const [key, value] of Object.entries(model)) if (!known.has(key)) flattenValues(value, key, others);
  return others.size === 0 ? [] : ['Other keys:', ...[...others].map(([path, value]) => `  ${path}: ${formatValue(value)}`)];
}

/** The readable form of a model that the reader could read; `problems` are its diagnostics, listed first. */
export function textFormLines(model: NnJsonModel, problems: readonly Diagnostic[]): string[] {
  const settings = [...statedSettings(model, true)].map(([path, value]) => `  ${path}: ${formatValue(value)}`);
  return [
    `Model: ${model.name ?? '(no name)'}`,
    ...(model.description ? [`Description: ${model.description}`] : []),
    ...(problems.length > 0 ? ['Problems:', ...problems.map((problem) => `  ${formatDiagnostic(problem)}`)] : []),
    ...(model.trainingStatus !== undefined ? [`Training status: ${String(model.trainingStatus)}`] : []),
    `Input: ${model.input.shape ? `shape ${formatShape(model.input.shape)}` : `size ${model.input.size}`}`,
    ...summaryBodyLines(model, 'run nnjson train on it'),
    'Settings as the file states them:',
    ...settings,
    ...otherKeyLines(model),
    ...tensorLines(model),
    ...historyLines(model),
  ];
}

/** The text form of any file: the model's, or the problems and the text as it is. */
export function textForm(text: string): string[] {
  const { model, diagnostics } = readModel(text);
  if (model) return textFormLines(model, diagnostics);
  return [
    'This file is not a readable .nnjson model, so it is shown as it is after its problems:',
    ...diagnostics.map((problem) => `  ${formatDiagnostic(problem)}`),
    ...text.split('\n'),
  ];
}

export function textconvCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'textconv', {});
  const [file] = expectPositionals(args, TEXTCONV_USAGE, 1);
  for (const line of textForm(readTextFile(file))) io.stdout(line);
  return 0;
}
