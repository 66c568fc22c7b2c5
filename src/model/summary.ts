/**
 * The model summary in the manner of torchinfo, written once: the layer table, the totals and the model's settings,
 * as text. `nnjson summary`, the Markdown preview ("Show Model Summary") and the builder's summary panel only lay
 * it out. Browser-safe.
 */
import { layerDescriptor, type LayerType } from '../registry/layers/index';
import { optimizerDescriptor } from '../registry/optimizers';
import { TRAINING_DEFAULTS, type EpochRecord, type NnJsonModel, type TrainingSpec } from '../shared/nnjson';
import { EARLY_STOPPING_SETTINGS } from '../registry/training-controls';
import { layerValues, type Shape } from '../registry/layer-descriptor';
import { widthSettingKey } from '../registry/settings';
import type { WidthLayer } from './layer-widths';
import { formatBatchShape, formatBytes, formatCount, inferShapes } from './shapes';

export interface SummaryLine {
  label: string;
  value: string;
}

export interface ModelSummary {
  /** The layer table: a header, then the input and one row per layer. */
  header: string[];
  rows: string[][];
  /** The columns of figures, which read best aligned to the right. */
  numericColumns: ReadonlySet<number>;
  /** Total, trainable and non-trainable parameters, and their size. */
  totals: SummaryLine[];
  /** Loss, optimizer, training, data and whether it is trained. */
  settings: SummaryLine[];
}

export interface SummaryOptions {
  /** How to train the model, for one not trained yet: "run nnjson train xor.nnjson". */
  howToTrain: string;
  /** "→" (the default), or "->" where only ASCII will do. */
  arrow?: string;
}

/**
 * The settings a summary shows for a layer, e.g. "2 → 8, no bias" or "p 0.5", from its descriptor; `incoming` is
 * the shape coming in (for a width the layer leaves out).
 */
export function layerSettingsText(layer: WidthLayer & { type: LayerType }, incoming: Shape | undefined, arrow = '→'): string {
  const descriptor = layerDescriptor(layer.type);
  const values = layerValues(descriptor, layer, incoming);
  // a left-out width after a shape that is not known (a layer before has a problem) shows as "? → 8"
  const width = widthSettingKey(descriptor.settings);
  if (width !== undefined && values[width] === undefined) values[width] = '?' as unknown as number;
  if (descriptor.summary) return descriptor.summary(values as Record<string, number | boolean>, arrow);
  return Object.entries(descriptor.settings)
    .filter(([, setting]) => setting.kind === 'boolean' || !setting.followsIncomingWidth)
    .map(([key]) => `${key} ${String(values[key])}`)
    .join(', ');
}

function trainedText(model: NnJsonModel, howToTrain: string): string {
  const trained = model.parameters !== undefined && Object.keys(model.parameters).length > 0;
  if (!trained) return `not yet (${howToTrain})`;
  const status = typeof model.trainingStatus === 'string' ? ` (last run ${model.trainingStatus})` : '';
  const history: EpochRecord[] = model.history ?? [];
  const last = history[history.length - 1];
  if (!last) return `parameters present, no history${status}`;
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  const accuracy = last.valAccuracy !== undefined ? `, validation accuracy ${percent(last.valAccuracy)}`
    : last.accuracy !== undefined ? `, accuracy ${percent(last.accuracy)}` : '';
  const loss = typeof last.loss === 'number' ? last.loss.toFixed(4) : 'not finite';
  return `${last.epoch} epochs, last loss ${loss}${accuracy}${status}`;
}

/** The training controls a file states, for the Training line: ", cosine lr schedule, clipGradNorm 1, ...". */
function trainingControlsText(training: TrainingSpec): string {
  const parts: string[] = [];
  const schedule = training.lrSchedule;
  if (schedule) parts.push(`${schedule.type} lr schedule${schedule.warmupEpochs ? ` after ${schedule.warmupEpochs} warm-up epochs` : ''}`);
  if (training.clipGradNorm !== undefined) parts.push(`clipGradNorm ${training.clipGradNorm}`);
  const stopping = training.earlyStopping;
  if (stopping) parts.push(`early stopping on ${stopping.monitor ?? EARLY_STOPPING_SETTINGS.monitor.default} (patience ${stopping.patience ?? EARLY_STOPPING_SETTINGS.patience.default})`);
  return parts.map((part) => `, ${part}`).join('');
}

export function modelSummary(model: NnJsonModel, options: SummaryOptions): ModelSummary {
  const arrow = options.arrow ?? '→';
  const shapes = inferShapes(model);
  const rows = [
    ['', 'input', 'Input', '', formatBatchShape(shapes.inputShape), '0'],
    ...shapes.layers.map((layer) => [
      String(layer.index + 1), layer.id, layer.type, layerSettingsText(model.layers[layer.index], layer.widthShape, arrow),
      formatBatchShape(layer.outputShape), formatCount(layer.parameterCount),
    ]),
  ];
  const optimizer = model.optimizer as unknown as Record<string, unknown>;
  const optimizerSettings = Object.entries(optimizerDescriptor(model.optimizer.type).settings)
    .map(([key, setting]) => `${key} ${String(optimizer[key] ?? setting.default)}`);
  if (model.optimizer.weightDecay) optimizerSettings.push(`${model.optimizer.decoupledWeightDecay ? 'decoupled ' : ''}weightDecay ${model.optimizer.weightDecay}`);
  const training = { ...TRAINING_DEFAULTS, ...model.training };
  const settings: SummaryLine[] = [
    { label: 'Loss', value: model.loss.type },
    { label: 'Optimizer', value: `${model.optimizer.type} (${optimizerSettings.join(', ')})` },
    {
      label: 'Training',
      value: `${training.epochs} epochs, batch size ${training.batchSize}, validation split ${training.validationSplit}, ` +
        `shuffle ${training.shuffle ? 'on' : 'off'}, seed ${training.seed}${trainingControlsText(training)}`,
    },
  ];
  if (model.data) {
    const target = model.data.target === undefined ? '' : `, target ${Array.isArray(model.data.target) ? model.data.target.join(', ') : model.data.target}`;
    settings.push({ label: 'Data', value: `${model.data.source}${target}` });
  }
  settings.push({ label: 'Trained', value: trainedText(model, options.howToTrain) });
  return {
    header: ['#', 'Layer', 'Type', 'Settings', 'Output', 'Params'],
    rows,
    numericColumns: new Set([0, 4, 5]),
    totals: [
      { label: 'Total params', value: formatCount(shapes.totalParameters) },
      { label: 'Trainable params', value: formatCount(shapes.trainableParameters) },
      { label: 'Non-trainable params', value: formatCount(shapes.nonTrainableParameters) },
      { label: 'Params size', value: formatBytes(shapes.parameterBytes) },
    ],
    settings,
  };
}
