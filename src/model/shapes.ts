/** Shape inference over the layer list: what a torchinfo-style summary shows. Browser-safe. */
import type { LayerSpec, LayerType, NnJsonModel } from '../shared/nnjson';

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

/** Width after `layer` given the width coming in; Linear sets it, every other layer keeps it. */
export function layerOutputWidth(layer: LayerSpec, inputWidth: number): number {
  return layer.type === 'Linear' ? layer.out : inputWidth;
}

/** [parameters, buffers] of a layer, from its own settings; every parameter is trainable in nnjson v1. */
export function layerParameterCounts(layer: LayerSpec): [number, number] {
  switch (layer.type) {
    case 'Linear':
      return [layer.in * layer.out + (layer.bias === false ? 0 : layer.out), 0];
    case 'BatchNorm':
      return [2 * layer.features, 2 * layer.features];
    default:
      return [0, 0];
  }
}

export function inferShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): ShapeSummary {
  let width = model.input.size;
  let totalParameters = 0;
  let totalBuffers = 0;
  const layers = model.layers.map((layer, index): LayerShape => {
    const inputWidth = width;
    width = layerOutputWidth(layer, width);
    const [parameterCount, bufferCount] = layerParameterCounts(layer);
    totalParameters += parameterCount;
    totalBuffers += bufferCount;
    return { index, id: layer.id, type: layer.type, inputWidth, outputWidth: width, parameterCount, trainableCount: parameterCount, bufferCount };
  });
  return {
    inputWidth: model.input.size,
    outputWidth: width,
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
