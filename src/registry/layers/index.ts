/**
 * Every layer type NN Builder knows, in palette order. Adding one: write its descriptor in this folder, then
 * import it here and add it to the list (docs/adding-a-layer.md). The file's layer types derive from this list.
 * Browser-safe.
 */
import type { LayerDescriptor, LayerSpecOf, ResolvedLayerSpecOf } from '../layer-descriptor';
import { batchNorm } from './batch-norm';
import { conv2d } from './conv2d';
import { dropout } from './dropout';
import { elu } from './elu';
import { flatten } from './flatten';
import { gelu } from './gelu';
import { leakyRelu } from './leaky-relu';
import { linear } from './linear';
import { avgPool2d, maxPool2d } from './pool2d';
import { relu } from './relu';
import { silu } from './silu';
import { sigmoid } from './sigmoid';
import { softmax } from './softmax';
import { softplus } from './softplus';
import { tanh } from './tanh';

export const LAYER_DESCRIPTORS = [
  linear, relu, leakyRelu, elu, gelu, silu, softplus, sigmoid, tanh, softmax, dropout, batchNorm,
  conv2d, maxPool2d, avgPool2d, flatten,
] as const;

type AnyLayerDescriptor = (typeof LAYER_DESCRIPTORS)[number];
export type LayerType = AnyLayerDescriptor['type'];
/** A layer as the file states it, e.g. `{ type: 'Linear', id: 'fc1', out: 8 }`. */
export type LayerSpec = LayerSpecOf<AnyLayerDescriptor>;
/** A layer with its left-out width filled in (`Linear.in`, `BatchNorm.features`): what the engine builds. */
export type ResolvedLayerSpec = ResolvedLayerSpecOf<AnyLayerDescriptor>;

export const LAYER_TYPES: readonly LayerType[] = LAYER_DESCRIPTORS.map((descriptor) => descriptor.type);

const BY_TYPE = new Map<string, LayerDescriptor>(LAYER_DESCRIPTORS.map((descriptor) => [descriptor.type, descriptor]));

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && BY_TYPE.has(value);
}

/** The descriptor of a layer type, for the code that works over every type. */
export function layerDescriptor(type: LayerType): LayerDescriptor {
  return BY_TYPE.get(type)!;
}
