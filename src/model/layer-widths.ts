/**
 * The width of the data along the layer list, resolved once: `input.size` goes into the first layer, a Linear sets
 * the width to its `out`, every other layer keeps it. `Linear.in` and `BatchNorm.features` may be left out of the
 * file; they are then the width coming in. Shapes, the validator, the bridge, the builder's edits and the webview
 * all take widths from here. Browser-safe.
 */
import type { LayerSpec, LayerType, NnJsonModel, ResolvedLayerSpec } from '../shared/nnjson';

/** What the width chain needs to know of a layer; the validator's partial facts fit it too. */
export interface WidthLayer {
  type?: LayerType;
  out?: number;
}

/** The setting that states a layer's incoming width, if its type has one. */
export function widthKey(type: LayerType | undefined): 'in' | 'features' | undefined {
  if (type === 'Linear') return 'in';
  if (type === 'BatchNorm') return 'features';
  return undefined;
}

/** The incoming width the file states for `layer` (`Linear.in`, `BatchNorm.features`), or undefined when it is left out. */
export function statedWidth(layer: LayerSpec): number | undefined {
  if (layer.type === 'Linear') return layer.in;
  if (layer.type === 'BatchNorm') return layer.features;
  return undefined;
}

/**
 * Entry i is the width coming into layer i; the last entry (one more than there are layers) is the network's
 * output width. A width is undefined when it cannot be known: no valid `input.size`, or after a layer whose type or
 * `out` is not valid.
 */
export function layerWidths(inputSize: number | undefined, layers: readonly WidthLayer[]): (number | undefined)[] {
  const widths: (number | undefined)[] = [inputSize];
  let width = inputSize;
  for (const layer of layers) {
    if (layer.type === 'Linear') width = layer.out;
    else if (layer.type === undefined) width = undefined;
    widths.push(width);
  }
  return widths;
}

/** `layerWidths` of a model read without errors in its layers, where every width is known. */
export function modelWidths(model: Pick<NnJsonModel, 'input' | 'layers'>): number[] {
  return layerWidths(model.input.size, model.layers).map((width) => width ?? Number.NaN);
}

/** `layer` with its left-out width set to `incoming`; a width the file states is kept, even when it does not match. */
export function resolveLayer(layer: LayerSpec, incoming: number): ResolvedLayerSpec {
  if (layer.type === 'Linear') return { ...layer, in: layer.in ?? incoming };
  if (layer.type === 'BatchNorm') return { ...layer, features: layer.features ?? incoming };
  return layer;
}

/** Every layer of `model`, resolved. */
export function resolveLayers(model: Pick<NnJsonModel, 'input' | 'layers'>): ResolvedLayerSpec[] {
  const widths = modelWidths(model);
  return model.layers.map((layer, index) => resolveLayer(layer, widths[index]));
}
