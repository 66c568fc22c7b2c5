/**
 * A model diff (model-diff.ts) as lines of text, what `nnjson diff` prints: only what changed, each line naming the
 * layer, setting or tensor, with A's value before B's. Browser-safe.
 */
import { formatCount, formatShape } from '../model/shapes';
import type { LayerSide } from './layer-diff';
import type { ModelDiff } from './model-diff';
import { formatValue } from './setting-values';
import { alignColumns } from './text-table';

/** A figure in at most `digits` significant digits, without a trailing exponent for ordinary sizes. */
export function formatFigure(value: number | undefined, digits = 4): string {
  if (value === undefined) return '—';
  if (!Number.isFinite(value)) return 'not finite';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

export function formatPercent(share: number | undefined): string {
  return share === undefined ? '—' : `${(100 * share).toFixed(share < 0.001 && share > 0 ? 3 : 1)}%`;
}

function signed(change: number): string {
  return change > 0 ? `+${formatCount(change)}` : change < 0 ? `-${formatCount(-change)}` : '±0';
}

function layerLabel(layer: LayerSide): string {
  return `${layer.id} (${layer.type}${layer.settings ? `, ${layer.settings}` : ''})`;
}

function layerLines(diff: ModelDiff): string[] {
  const lines: string[] = [];
  for (const layer of diff.layers.a) {
    if (layer.status === 'removed') lines.push(`  - ${layerLabel(layer)} removed (was layer ${layer.index + 1})`);
  }
  for (const layer of diff.layers.b) {
    if (layer.status === 'added') {
      lines.push(`  + ${layerLabel(layer)} added as layer ${layer.index + 1}`);
      continue;
    }
    const before = diff.layers.a[layer.partner ?? -1];
    if (!before) continue;
    if (layer.otherId !== undefined) lines.push(`  ~ ${before.id} renamed ${layer.id}`);
    if (layer.moved) lines.push(`  ~ ${layer.id} moved from layer ${before.index + 1} to layer ${layer.index + 1}`);
    for (const change of layer.changes) lines.push(`  ~ ${layer.id}.${change.key}: ${formatValue(change.a)} -> ${formatValue(change.b)}`);
  }
  const same = diff.layers.b.filter((layer) => layer.status === 'same' && !layer.moved && layer.otherId === undefined).length;
  if (lines.length === 0) return [`Layers: the same ${diff.layers.b.length}`];
  return ['Layers:', ...lines, ...(same > 0 ? [`  (${same} layer${same === 1 ? '' : 's'} the same)`] : [])];
}

function parameterLine(diff: ModelDiff): string {
  const { a, b } = diff.parameters;
  const total = a.total === b.total ? `${formatCount(a.total)} (the same)` : `${formatCount(a.total)} -> ${formatCount(b.total)} (${signed(b.total - a.total)})`;
  // the trainable count says something only where some parameters are not trained (BatchNorm's running statistics)
  const allTrainable = a.trainable === a.total && b.trainable === b.total;
  const trainable = allTrainable || a.trainable === b.trainable ? '' : `; trainable ${formatCount(a.trainable)} -> ${formatCount(b.trainable)}`;
  return `Parameters: ${total}${trainable}`;
}

function settingLines(diff: ModelDiff): string[] {
  const changed = diff.settings.filter((row) => row.changed);
  if (changed.length === 0) return ['Settings: the same'];
  const value = (stated: unknown, isDefault: boolean) => `${formatValue(stated)}${isDefault ? ' (default)' : ''}`;
  const same = diff.settings.length - changed.length;
  return [
    'Settings:',
    ...changed.map((row) => `  ${row.path}: ${value(row.a, row.aDefault)} -> ${value(row.b, row.bDefault)}`),
    ...(same > 0 ? [`  (${same} setting${same === 1 ? '' : 's'} the same)`] : []),
  ];
}

function tensorLines(diff: ModelDiff): string[] {
  if (diff.tensors.length === 0) return ['Tensors: neither model is trained'];
  const rows: string[][] = [['tensor', 'shape', '||B - A||', 'relative']];
  const notes: string[] = [];
  for (const tensor of diff.tensors) {
    const name = `${tensor.layer}${tensor.otherLayer ? ` (${tensor.otherLayer} in B)` : ''}.${tensor.name}`;
    if (tensor.status === 'compared') rows.push([name, formatShape(tensor.shapeA ?? []), formatFigure(tensor.distance), formatPercent(tensor.relative)]);
    else if (tensor.status === 'reshaped') notes.push(`  ${name}: shape ${formatShape(tensor.shapeA ?? [])} -> ${formatShape(tensor.shapeB ?? [])}, not compared`);
    else if (tensor.status === 'onlyA') notes.push(`  ${name}: only in A`);
    else if (tensor.status === 'onlyB') notes.push(`  ${name}: only in B`);
    else notes.push(`  ${name}: not compared (${tensor.problem})`);
  }
  const table = rows.length > 1 ? alignColumns(rows, new Set([2, 3])).map((line) => `  ${line}`) : [];
  return ['Tensors (L2 distance, and relative to ||A||):', ...table, ...notes];
}

function metricLines(diff: ModelDiff): string[] {
  if (diff.epochs.a === 0 && diff.epochs.b === 0) return ['Final metrics: neither model has a training history'];
  const rows = [
    ['', 'A', 'B'],
    ['epochs', String(diff.epochs.a), String(diff.epochs.b)],
    ...diff.metrics.map((row) => [row.key, formatFigure(row.a), formatFigure(row.b)]),
  ];
  return ['Final metrics:', ...alignColumns(rows, new Set([1, 2])).map((line) => `  ${line}`)];
}

export function diffLines(diff: ModelDiff): string[] {
  const input = diff.input.changed ? [`Input: ${diff.input.a} -> ${diff.input.b}`] : [];
  return [
    `A: ${diff.names.a}`,
    `B: ${diff.names.b}`,
    ...(diff.identical ? ['The models are the same (architecture, settings and parameters).'] : []),
    ...input,
    ...layerLines(diff),
    parameterLine(diff),
    ...settingLines(diff),
    ...tensorLines(diff),
    ...metricLines(diff),
  ];
}
