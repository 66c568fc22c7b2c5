/** `nnjson summary MODEL`: a torchinfo-style layer table, totals, loss, optimizer, training and data settings. */
import { resolveLayers } from '../../model/layer-widths';
import { formatBytes, formatCount, inferShapes, layerSettingsText } from '../../model/shapes';
import { OPTIMIZER_DEFAULTS, TRAINING_DEFAULTS, type NnJsonModel } from '../../shared/nnjson';
import { expectPositionals, parseArgs } from '../args';
import type { CommandIo } from '../io';
import { loadModelFile } from '../model-file';

export const SUMMARY_USAGE = 'nnjson summary MODEL';

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

export function summaryLines(model: NnJsonModel, file: string): string[] {
  const shapes = inferShapes(model);
  const resolved = resolveLayers(model);
  const rows = [['#', 'Layer', 'Type', 'Settings', 'Output', 'Params']];
  rows.push(['', 'input', 'Input', '', `[N, ${shapes.inputWidth}]`, '0']);
  for (const layer of shapes.layers) {
    rows.push([
      String(layer.index + 1), layer.id, layer.type, layerSettingsText(resolved[layer.index], '->'),
      `[N, ${layer.outputWidth}]`, formatCount(layer.parameterCount),
    ]);
  }
  const lines = table(rows, new Set([0, 4, 5]));
  const rule = '-'.repeat(Math.max(...lines.map((l) => l.length)));
  const optimizer = model.optimizer;
  const optimizerSettings = { ...OPTIMIZER_DEFAULTS[optimizer.type], ...optimizer } as Record<string, unknown>;
  const settings = Object.entries(optimizerSettings).filter(([key]) => key !== 'type').map(([key, value]) => `${key} ${String(value)}`);
  const training = { ...TRAINING_DEFAULTS, ...model.training };
  const history = model.history ?? [];
  const last = history[history.length - 1];
  const out = [
    `${model.name ?? 'Model'} (${file})`,
    rule,
    lines[0],
    rule,
    ...lines.slice(1),
    rule,
    `Total params: ${formatCount(shapes.totalParameters)}`,
    `Trainable params: ${formatCount(shapes.trainableParameters)}`,
    `Non-trainable params: ${formatCount(shapes.totalParameters - shapes.trainableParameters)}`,
    `Params size: ${formatBytes(shapes.parameterBytes)}`,
    rule,
    `Loss: ${model.loss.type}`,
    `Optimizer: ${optimizer.type} (${settings.join(', ')})`,
    `Training: ${training.epochs} epochs, batch size ${training.batchSize}, validation split ${training.validationSplit}, ` +
      `shuffle ${training.shuffle ? 'on' : 'off'}, seed ${training.seed}`,
  ];
  if (model.data) {
    const target = model.data.target === undefined ? '' : `, target ${Array.isArray(model.data.target) ? model.data.target.join(', ') : model.data.target}`;
    out.push(`Data: ${model.data.source}${target}`);
  }
  const status = typeof model.trainingStatus === 'string' ? ` (last run ${model.trainingStatus})` : '';
  if (model.parameters && Object.keys(model.parameters).length > 0) {
    const figures = last
      ? `: ${last.epoch} epochs, last loss ${last.loss.toFixed(4)}${last.valAccuracy !== undefined ? `, validation accuracy ${(last.valAccuracy * 100).toFixed(1)}%` : last.accuracy !== undefined ? `, accuracy ${(last.accuracy * 100).toFixed(1)}%` : ''}`
      : '';
    out.push(`Trained: yes${figures}${status}`);
  } else {
    out.push(`Trained: no (run nnjson train ${file})`);
  }
  return out;
}

export function summaryCommand(argv: readonly string[], io: CommandIo): number {
  const args = parseArgs(argv, 'summary', {});
  const [file] = expectPositionals(args, SUMMARY_USAGE, 1);
  for (const line of summaryLines(loadModelFile(file), file)) io.stdout(line);
  return 0;
}
