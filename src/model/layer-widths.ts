/**
 * The shape of the data along the layer list, resolved once: the input's shape (`[input.size]`, or `input.shape`
 * [C, H, W] for images) goes into the first layer and each layer's descriptor (src/registry/layers/) gives the shape
 * coming out: a Linear sets the width to its `out`, the other layers keep it. The setting that follows the incoming
 * width (`Linear.in`, `BatchNorm.features`) may be left out of the file; it is then the first dimension of the shape
 * coming in (the width of `[features]`, the channels of `[C, H, W]`, the rule of `layerValues`). Shapes, the validator, the bridge, the builder's edits and the
 * webview all take widths from here. Browser-safe.
 */
import { layerDescriptor, type LayerSpec, type LayerType, type ResolvedLayerSpec } from '../registry/layers/index';
import { layerValues, type LayerDescriptor, type SettingsFix, type Shape, type StatedSettings } from '../registry/layer-descriptor';
import { widthSettingKey } from '../registry/settings';
import type { InputSpec, NnJsonModel } from '../shared/nnjson';
import { shapeSize } from './tensor-codec';

/** What the shape chain needs of a layer: its type and the settings it states; the validator's partial facts fit it too. */
export interface WidthLayer extends StatedSettings {
  readonly type?: LayerType;
}

/** The key of the setting that states a layer's incoming width (`in`, `features`), if its type has one. */
export function widthKey(type: LayerType | undefined): string | undefined {
  return type === undefined ? undefined : widthSettingKey(layerDescriptor(type).settings);
}

/** The incoming width the file states for `layer` (`Linear.in`, `BatchNorm.features`), or undefined when it is left out. */
export function statedWidth(layer: WidthLayer): number | undefined {
  const key = widthKey(layer.type);
  const value = key === undefined ? undefined : layer[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * What a left-out width setting is for the shape coming in: its first dimension, the width of `[features]`, the
 * channels of `[C, H, W]` (the rule `layerValues` applies in src/registry/layer-descriptor.ts).
 */
export function incomingWidth(incoming: Shape | undefined): number | undefined {
  return incoming?.[0];
}

/** A shape's width: the features of a flat `[features]` shape. */
export function shapeWidth(shape: Shape | undefined): number | undefined {
  return shape !== undefined && shape.length === 1 ? shape[0] : undefined;
}

/** The shape of one input sample: `[input.size]`, or `input.shape` ([C, H, W]). */
export function inputShape(input: InputSpec): Shape {
  return input.shape ?? [input.size];
}

/** The number of values in one input sample, a data row's input columns: input.size, or C·H·W. */
export function inputLength(input: InputSpec): number {
  return shapeSize(inputShape(input));
}

export interface ShapeChain {
  /** Entry i is the shape coming into layer i; the last entry (one more than there are layers) is the network's output. */
  shapes: (Shape | undefined)[];
  /** Layers that cannot take the shape coming into them, and why (none while every shape is `[features]`). */
  errors: ShapeChainError[];
}

export interface ShapeChainError {
  index: number;
  message: string;
  /** The layer would take that shape flattened (a Linear after a convolution): a Flatten before it fixes it. */
  flattenFixes: boolean;
  /** Changes of the layer's own settings that would let it take the shape, best first (its descriptor's). */
  settingsFixes: readonly SettingsFix[];
}

/**
 * Whether the layer takes `shape` once flattened to `[C·H·W]`, and only then: a layer that takes the shape as it is
 * once its width follows it (a BatchNorm whose features are not the channels) needs no Flatten.
 */
function takesFlattened(descriptor: LayerDescriptor, layer: WidthLayer, shape: Shape | undefined): boolean {
  if (shape === undefined || shape.length < 2) return false;
  const takes = (stated: WidthLayer, input: Shape) => {
    const output = descriptor.outputShape(layerValues(descriptor, stated, input), input);
    return output === undefined || !('error' in output);
  };
  const key = widthSettingKey(descriptor.settings);
  return takes(layer, [shapeSize(shape)]) && !takes(key === undefined ? layer : { ...layer, [key]: undefined }, shape);
}

/**
 * The shapes along `layers`. A shape is undefined when it cannot be known: no valid input, or after a layer whose
 * type or settings are not valid, until a layer that sets the shape by itself (a Linear).
 */
export function layerShapes(input: Shape | undefined, layers: readonly WidthLayer[]): ShapeChain {
  const shapes: (Shape | undefined)[] = [input];
  const errors: ShapeChain['errors'] = [];
  let shape = input;
  layers.forEach((layer, index) => {
    if (layer.type === undefined) {
      shape = undefined;
    } else {
      const descriptor = layerDescriptor(layer.type);
      const output = descriptor.outputShape(layerValues(descriptor, layer, shape), shape);
      if (output !== undefined && 'error' in output) {
        errors.push({ index, message: output.error, flattenFixes: takesFlattened(descriptor, layer, shape), settingsFixes: output.fixes ?? [] });
        shape = undefined;
      } else {
        shape = output;
      }
    }
    shapes.push(shape);
  });
  return { shapes, errors };
}

/**
 * Entry i is the width coming into layer i; the last entry (one more than there are layers) is the network's
 * output width. A width is undefined when it cannot be known: no valid `input.size`, or after a layer whose type or
 * `out` is not valid.
 */
export function layerWidths(inputSize: number | undefined, layers: readonly WidthLayer[]): (number | undefined)[] {
  return layerShapes(inputSize === undefined ? undefined : [inputSize], layers).shapes.map(shapeWidth);
}

/** Whether `layer` sets the width by itself (a Linear's `out`) rather than passing on the one coming in. */
export function setsWidth(layer: WidthLayer): boolean {
  if (layer.type === undefined) return false;
  const descriptor = layerDescriptor(layer.type);
  return descriptor.outputShape(layerValues(descriptor, layer, undefined), undefined) !== undefined;
}

/** `layerShapes(...).shapes` of a model: entry i is the shape coming into layer i, the last the network's output. */
export function modelShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): (Shape | undefined)[] {
  return layerShapes(inputShape(model.input), model.layers).shapes;
}

/**
 * Entry i is the shape layer i takes its left-out width from: the shape coming in, except that a layer that cannot
 * take a shape of more dimensions (a Linear after [C, H, W]: "flatten it first") reads it as its C·H·W features, the
 * width it gets once a Flatten is put before it. So its `in`, its tensors and the fix agree on that width.
 */
export function widthShapes(chain: ShapeChain): (Shape | undefined)[] {
  const cannotTake = new Set(chain.errors.map((error) => error.index));
  return chain.shapes.slice(0, -1).map((shape, index) => (cannotTake.has(index) && shape !== undefined && shape.length > 1 ? [shapeSize(shape)] : shape));
}

/** `widthShapes` of a model. */
export function modelWidthShapes(model: Pick<NnJsonModel, 'input' | 'layers'>): (Shape | undefined)[] {
  return widthShapes(layerShapes(inputShape(model.input), model.layers));
}

/** The widths along a model read without errors in its layers: NaN where the shape is not `[features]`. */
export function modelWidths(model: Pick<NnJsonModel, 'input' | 'layers'>): number[] {
  return modelShapes(model).map((shape) => shapeWidth(shape) ?? Number.NaN);
}

/**
 * `layer` with its left-out width set from the shape coming in (its first dimension, as `layerValues` says); a width
 * the file states is kept, even when it does not match.
 */
export function resolveLayer(layer: LayerSpec, incoming: Shape | undefined): ResolvedLayerSpec {
  const key = widthKey(layer.type);
  if (key === undefined) return layer as ResolvedLayerSpec;
  return { ...layer, [key]: (layer as WidthLayer)[key] ?? layerValues(layerDescriptor(layer.type), layer, incoming)[key] ?? Number.NaN } as ResolvedLayerSpec;
}

/** Every layer of `model`, resolved. */
export function resolveLayers(model: Pick<NnJsonModel, 'input' | 'layers'>): ResolvedLayerSpec[] {
  const shapes = modelWidthShapes(model);
  return model.layers.map((layer, index) => resolveLayer(layer, shapes[index]));
}
