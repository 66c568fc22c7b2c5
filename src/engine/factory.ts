/**
 * Model file -> engine: each layer's module, the optimizer and the criterion, built from the descriptors in
 * src/registry/ (the module classes stay plain maths; their settings and defaults live in the descriptors).
 */
import { layerValues, type Shape } from '../registry/layer-descriptor';
import { isLayerType, LAYER_TYPES, layerDescriptor } from '../registry/layers/index';
import { lossDescriptor, LOSS_TYPES } from '../registry/losses';
import {
  isOptimizerType, OPTIMIZER_TYPES, optimizerDescriptor, WEIGHT_DECAY_SETTINGS, type OptimizerDefaults, type OptimizerType, type WeightDecayValues,
} from '../registry/optimizers';
import type { CompleteValues, Settings } from '../registry/settings';
import type { LossType, OptimizerSpec, ResolvedLayerSpec } from '../shared/nnjson';
import type { Criterion } from './criteria/criterion';
import { Sequential } from './layers/sequential';
import type { Module } from './module';
import { Adam } from './optimizers/adam';
import { Momentum } from './optimizers/momentum';
import { Nadam } from './optimizers/nadam';
import type { Optimizer } from './optimizers/optimizer';
import { RMSProp } from './optimizers/rmsprop';
import { SGD } from './optimizers/sgd';
import type { Random } from './random';

/**
 * Builds one layer from its model-file description, with the widths the file may leave out already resolved
 * (src/model/layer-widths.ts) or following `input`, the shape coming in (which Conv2D and the pools need); the
 * module's `name` is the layer id, so errors name it. Weights and Dropout masks draw from `rng`, in layer order.
 */
export function createLayer(spec: ResolvedLayerSpec, rng: Random, input?: Shape): Module {
  return buildLayer(spec, rng, input).module;
}

/** The module of `spec` and the shape it gives (undefined when `input` is). */
function buildLayer(spec: ResolvedLayerSpec, rng: Random, input: Shape | undefined): { module: Module; output: Shape | undefined } {
  const type: unknown = spec.type;
  if (!isLayerType(type)) {
    throw new RangeError(`layer ${String(spec.id)}: unknown type ${JSON.stringify(type)}; use one of ${LAYER_TYPES.join(', ')}`);
  }
  const descriptor = layerDescriptor(type);
  let module: Module;
  let output: Shape | undefined;
  try {
    const values = layerValues(descriptor, spec, input);
    const shape = input === undefined ? undefined : descriptor.outputShape(values, input);
    if (shape !== undefined && 'error' in shape) throw new RangeError(shape.error);
    output = shape;
    module = descriptor.create(values as CompleteValues<Settings>, rng, input);
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`layer ${spec.id}: ${error.message}`);
    throw error;
  }
  module.name = spec.id;
  return { module, output };
}

/**
 * A Sequential of `layers`, initialised from `rng` in order (the same seed gives the same weights). `inputShape`,
 * the shape of one input sample, is what each layer is built from (the shape each layer gives goes into the
 * next); a network with Conv2D or pooling layers needs it.
 */
export function createNetwork(layers: readonly ResolvedLayerSpec[], rng: Random, inputShape?: Shape): Sequential {
  let shape = inputShape;
  return new Sequential(layers.map((spec) => {
    const { module, output } = buildLayer(spec, rng, shape);
    shape = output;
    return module;
  }));
}

/** The engine's class of each optimizer type; each takes the settings its descriptor lists, by the same names. */
const OPTIMIZER_CLASSES: { [T in OptimizerType]: new (options: Partial<OptimizerDefaults[T] & WeightDecayValues>) => Optimizer } = {
  SGD, Momentum, RMSProp, Adam, Nadam,
};

/**
 * The optimizer a model file asks for, given the settings its type uses and the weight decay; missing settings take
 * the defaults of their descriptors (src/registry/optimizers.ts).
 */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const type: unknown = spec.type;
  if (!isOptimizerType(type)) throw new RangeError(`unknown optimizer type ${JSON.stringify(type)}; use one of ${OPTIMIZER_TYPES.join(', ')}`);
  const stated: Partial<Record<string, unknown>> = spec;
  // a value of the wrong kind is passed on as it is, for the class to refuse
  const keys = [...Object.keys(optimizerDescriptor(type).settings), ...Object.keys(WEIGHT_DECAY_SETTINGS)];
  const options = Object.fromEntries(keys.map((key) => [key, stated[key] as number | undefined]));
  return new OPTIMIZER_CLASSES[type](options);
}

export function createCriterion(type: LossType): Criterion {
  if (!(LOSS_TYPES as readonly unknown[]).includes(type)) {
    throw new RangeError(`unknown loss type ${JSON.stringify(type)}; use one of ${LOSS_TYPES.join(', ')}`);
  }
  return lossDescriptor(type).create();
}
