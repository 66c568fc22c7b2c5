/**
 * Model file -> engine: each layer's module, the optimizer and the criterion, built from the descriptors in
 * src/registry/ (the module classes stay plain maths; their settings and defaults live in the descriptors).
 */
import { layerValues } from '../registry/layer-descriptor';
import { isLayerType, LAYER_TYPES, layerDescriptor } from '../registry/layers/index';
import { lossDescriptor, LOSS_TYPES } from '../registry/losses';
import { isOptimizerType, OPTIMIZER_TYPES, optimizerDescriptor, type OptimizerDefaults, type OptimizerType } from '../registry/optimizers';
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
 * (src/model/layer-widths.ts); the module's `name` is the layer id, so errors name it. Linear weights and Dropout
 * masks draw from `rng`, in layer order.
 */
export function createLayer(spec: ResolvedLayerSpec, rng: Random): Module {
  const type: unknown = spec.type;
  if (!isLayerType(type)) {
    throw new RangeError(`layer ${String(spec.id)}: unknown type ${JSON.stringify(type)}; use one of ${LAYER_TYPES.join(', ')}`);
  }
  const descriptor = layerDescriptor(type);
  let module: Module;
  try {
    module = descriptor.create(layerValues(descriptor, spec, undefined) as CompleteValues<Settings>, rng);
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`layer ${spec.id}: ${error.message}`);
    throw error;
  }
  module.name = spec.id;
  return module;
}

/** A Sequential of `layers`, initialised from `rng` in order (the same seed gives the same weights). */
export function createNetwork(layers: readonly ResolvedLayerSpec[], rng: Random): Sequential {
  return new Sequential(layers.map((spec) => createLayer(spec, rng)));
}

/** The engine's class of each optimizer type; each takes the settings its descriptor lists, by the same names. */
const OPTIMIZER_CLASSES: { [T in OptimizerType]: new (options: Partial<OptimizerDefaults[T]>) => Optimizer } = {
  SGD, Momentum, RMSProp, Adam, Nadam,
};

/**
 * The optimizer a model file asks for, given the settings its type uses; missing settings take the defaults of its
 * descriptor (src/registry/optimizers.ts).
 */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const type: unknown = spec.type;
  if (!isOptimizerType(type)) throw new RangeError(`unknown optimizer type ${JSON.stringify(type)}; use one of ${OPTIMIZER_TYPES.join(', ')}`);
  const stated: Partial<Record<string, unknown>> = spec;
  // a value that is not a number is passed on as it is, for the class to refuse
  const options = Object.fromEntries(Object.keys(optimizerDescriptor(type).settings).map((key) => [key, stated[key] as number | undefined]));
  return new OPTIMIZER_CLASSES[type](options);
}

export function createCriterion(type: LossType): Criterion {
  if (!(LOSS_TYPES as readonly unknown[]).includes(type)) {
    throw new RangeError(`unknown loss type ${JSON.stringify(type)}; use one of ${LOSS_TYPES.join(', ')}`);
  }
  return lossDescriptor(type).create();
}
