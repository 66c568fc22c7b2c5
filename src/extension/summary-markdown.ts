/** A torchinfo-style model summary as Markdown, for the preview that "Show Model Summary" opens. */
import { resolveLayers } from '../model/layer-widths';
import { formatBytes, formatCount, inferShapes, layerSettingsText } from '../model/shapes';
import { OPTIMIZER_DEFAULTS, TRAINING_DEFAULTS, type NnJsonModel } from '../shared/nnjson';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function summaryMarkdown(model: NnJsonModel, fileName: string): string {
  const shapes = inferShapes(model);
  const resolved = resolveLayers(model);
  const lines = [
    `# ${cell(model.name ?? fileName)}`,
    '',
    ...(model.description ? [cell(model.description), ''] : []),
    `\`${fileName}\``,
    '',
    '| # | Layer | Type | Settings | Output | Params |',
    '|--:|---|---|---|--:|--:|',
    `|  | input | Input |  | [N, ${shapes.inputWidth}] | 0 |`,
    ...shapes.layers.map((layer) =>
      `| ${layer.index + 1} | ${cell(layer.id)} | ${layer.type} | ${cell(layerSettingsText(resolved[layer.index]))} | [N, ${layer.outputWidth}] | ${formatCount(layer.parameterCount)} |`),
    '',
    `- Total params: **${formatCount(shapes.totalParameters)}** (trainable ${formatCount(shapes.trainableParameters)}, non-trainable ${formatCount(shapes.totalParameters - shapes.trainableParameters)})`,
    `- Params size: ${formatBytes(shapes.parameterBytes)}`,
  ];
  const optimizer = { ...OPTIMIZER_DEFAULTS[model.optimizer.type], ...model.optimizer } as Record<string, unknown>;
  const optimizerSettings = Object.entries(optimizer).filter(([key]) => key !== 'type').map(([key, value]) => `${key} ${String(value)}`);
  const training = { ...TRAINING_DEFAULTS, ...model.training };
  lines.push(
    `- Loss: ${model.loss.type}`,
    `- Optimizer: ${model.optimizer.type} (${optimizerSettings.join(', ')})`,
    `- Training: ${training.epochs} epochs, batch size ${training.batchSize}, validation split ${training.validationSplit}, shuffle ${training.shuffle ? 'on' : 'off'}, seed ${training.seed}`,
  );
  if (model.data) lines.push(`- Data: \`${cell(model.data.source)}\``);
  const history = model.history ?? [];
  const last = history[history.length - 1];
  const trained = model.parameters !== undefined && Object.keys(model.parameters).length > 0;
  if (trained && last) {
    const accuracy = last.valAccuracy ?? last.accuracy;
    const status = typeof model.trainingStatus === 'string' ? ` (last run ${model.trainingStatus})` : '';
    lines.push(`- Trained: ${last.epoch} epochs, last loss ${last.loss.toFixed(4)}${accuracy === undefined ? '' : `, ${last.valAccuracy !== undefined ? 'validation ' : ''}accuracy ${(100 * accuracy).toFixed(1)}%`}${status}`);
  } else {
    lines.push(trained ? '- Trained: parameters present, no history' : '- Trained: not yet (NN Builder: Train Model)');
  }
  return `${lines.join('\n')}\n`;
}
