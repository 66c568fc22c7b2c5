/** Shape inference over the layer list: what a torchinfo-style summary shows. Browser-safe. */
import { LAYER_DEFAULTS, LAYER_PARAMETER_NAMES, type LayerType, type NnJsonModel, type ResolvedLayerSpec } from '../shared/nnjson';
import { modelWidths, resolveLayers } from './layer-widths';

export interface LayerShape {
  index: number;
  id: string;
  type: LayerType;
  inputWidth: number;
  outputWidth: number;
  /** learned parameters, counted like PyTorch (BatchNorm: gamma and beta) */
  parameterCount: number;
  trainableCount: number;
  /** stored state that is not learned (BatchNorm running mean and variance), PyTorch's buffers */
  bufferCount: number;
}

export interface ShapeSummary {
  inputWidth: number;
  outputWidth: number;
  layers: LayerShape[];
  totalParameters: number;
  trainableParameters: number;
  totalBuffers: number;
  /** size of everything under `parameters` in the file (parameters and buffers) as float32 */
  parameterBytes: number;
}

/** [parameters, buffers] of a resolved layer; every parameter is trainable in nnjson v1. */
function layerParameterCounts(layer: ResolvedLayerSpec): [number, number] {
  switch (layer.type) {
    case 'Linear':
      return [layer.in * layer.out + (layer.bias === false ? 0 : layer.out), 0];
    case 'BatchNorm':
      return [2 * layer.features, 2 * layer.features];
    default:
      return [0, 0];
  }
}

/** What `parameterShapes` needs of a layer; a width that is not known is undefined. */
export interface TensorShapeFacts {
  type: LayerType;
  in?: number;
  out?: number;
  features?: number;
  bias?: boolean;
}

/**
 * The tensors a layer stores under `parameters.<id>`, each with its file shape (undefined where a width is not
 * known): Linear W [in, out] and b [out] (no b without bias), BatchNorm gamma, beta, runningMean, runningVar [features].
 */
export function parameterShapes(layer: TensorShapeFacts): Record<string, number[] | undefined> {
  const shapes: Record<string, number[] | undefined> = {};
  for (const name of LAYER_PARAMETER_NAMES[layer.type]) {
    if (layer.type === 'Linear') {
      if (name === 'b' && layer.bias === false) continue;
      const dimensions = name === 'W' ? [layer.in, layer.out] : [layer.out];
      shapes[name] = dimensions.every((dimension) => dimension !== undefined) ? dimensions as number[] : undefined;
    } else {
      shapes[name] = layer.features !== undefined ? [layer.features] : undefined;
    }
  }
  return shapes;
}

/** A shape as the notes and messages write it: `[16, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The settings a summary shows for a layer, e.g. "2 → 8, no bias" or "p 0.5"; `arrow` is "->" where only ASCII will do. */
export function layerSettingsText(layer: ResolvedLayerSpec, arrow = '→'): string {
  switch (layer.type) {
    case 'Linear': return `${layer.in} ${arrow} ${layer.out}${layer.bias === false ? ', no bias' : ''}`;
    case 'LeakyReLU': return `slope ${layer.slope ?? LAYER_DEFAULTS.LeakyReLU.slope}`;
    case 'Dropout': return `p ${layer.p ?? LAYER_DEFAULTS.Dropout.p}`;
    case 'BatchNorm': return `${layer.features} features`;
    default: return '';
  }
}

export function inferShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): ShapeSummary {
  const widths = modelWidths(model);
  let totalParameters = 0;
  let totalBuffers = 0;
  const layers = resolveLayers(model).map((layer, index): LayerShape => {
    const [parameterCount, bufferCount] = layerParameterCounts(layer);
    totalParameters += parameterCount;
    totalBuffers += bufferCount;
    return {
      index, id: layer.id, type: layer.type, inputWidth: widths[index], outputWidth: widths[index + 1],
      parameterCount, trainableCount: parameterCount, bufferCount,
    };
  });
  return {
    inputWidth: model.input.size,
    outputWidth: widths[widths.length - 1],
    layers,
    totalParameters,
    trainableParameters: totalParameters,
    totalBuffers,
    parameterBytes: (totalParameters + totalBuffers) * 4,
  };
}

/** "1,234" style grouping without locale surprises (the CLI and the webview show the same text). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "919 KB" etc, powers of 1024 like torchinfo's "Params size (MB)". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}
