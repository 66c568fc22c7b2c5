/**
 * What changed from model A to model B, computed once for `nnjson diff` and the editor's comparison view: the
 * architecture (input and layers), the parameter counts, the settings, how far each trained tensor moved, and the
 * final metrics of both runs. Every part is plain JSON. Browser-safe.
 */
import { epochsTrained } from '../model/history';
import { formatShape, inferShapes } from '../model/shapes';
import { EPOCH_RECORD_KEYS, type NnJsonModel } from '../shared/nnjson';
import { diffLayers, type LayerDiff } from './layer-diff';
import { settingRows, type SettingRow } from './settings-diff';
import { diffTensors, type TensorChange } from './tensor-diff';

export interface ParameterCounts {
  total: number;
  trainable: number;
}

/** One figure of the last epoch record of each run (`loss`, `valAccuracy`, ...); undefined where a run has none. */
export interface MetricRow {
  key: string;
  a?: number;
  b?: number;
}

export interface ModelDiff {
  names: { a: string; b: string };
  input: { a: string; b: string; changed: boolean };
  layers: LayerDiff;
  parameters: { a: ParameterCounts; b: ParameterCounts };
  settings: SettingRow[];
  tensors: TensorChange[];
  /** Epochs each model was trained for (the last history record's number), then the last record's figures. */
  epochs: { a: number; b: number };
  metrics: MetricRow[];
  /** Nothing above differs (the files may still differ in name, layout or history). */
  identical: boolean;
}

/** Figures that say how the run went; `seconds` is how long it took, which no comparison of models needs. */
const NOT_A_METRIC = new Set(['epoch', 'seconds']);

function finalMetrics(a: NnJsonModel, b: NnJsonModel): MetricRow[] {
  const lastA = (a.history ?? [])[(a.history ?? []).length - 1] as unknown as Record<string, unknown> | undefined;
  const lastB = (b.history ?? [])[(b.history ?? []).length - 1] as unknown as Record<string, unknown> | undefined;
  const known: readonly string[] = EPOCH_RECORD_KEYS;
  const keys = [...new Set([...known, ...Object.keys(lastA ?? {}), ...Object.keys(lastB ?? {})])].filter((key) => !NOT_A_METRIC.has(key));
  const figure = (record: Record<string, unknown> | undefined, key: string) => (typeof record?.[key] === 'number' ? record[key] as number : undefined);
  return keys
    .map((key) => ({ key, a: figure(lastA, key), b: figure(lastB, key) }))
    .filter((row) => row.a !== undefined || row.b !== undefined);
}

function inputText(model: NnJsonModel): string {
  return model.input.shape ? `shape ${formatShape(model.input.shape)}` : `size ${model.input.size}`;
}

function counts(model: NnJsonModel): ParameterCounts {
  const shapes = inferShapes(model);
  return { total: shapes.totalParameters, trainable: shapes.trainableParameters };
}

/** `names` label the two sides; `arrow` is how layer settings write "in → out" (the command line uses "->"). */
export function diffModels(a: NnJsonModel, b: NnJsonModel, names: { a: string; b: string }, arrow = '→'): ModelDiff {
  const layers = diffLayers(a, b, arrow);
  const input = { a: inputText(a), b: inputText(b), changed: inputText(a) !== inputText(b) };
  const settings = settingRows(a, b);
  const tensors = diffTensors(a, b, layers);
  const parameters = { a: counts(a), b: counts(b) };
  const layersSame = [...layers.a, ...layers.b].every((layer) => layer.status === 'same' && !layer.moved && layer.otherId === undefined);
  const tensorsSame = tensors.every((tensor) => tensor.status === 'compared' && tensor.distance === 0);
  return {
    names,
    input,
    layers,
    parameters,
    settings,
    tensors,
    epochs: { a: epochsTrained(a.history), b: epochsTrained(b.history) },
    metrics: finalMetrics(a, b),
    identical: !input.changed && layersSame && tensorsSame && settings.every((row) => !row.changed),
  };
}
