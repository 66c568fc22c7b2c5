import type { LossType, OptimizerSpec, ResolvedLayerSpec } from '../shared/nnjson';
import type { Criterion } from './criteria/criterion';
import { CrossEntropy } from './criteria/cross-entropy';
import { MSE } from './criteria/mse';
import { BatchNorm } from './layers/batch-norm';
import { Dropout } from './layers/dropout';
import { LeakyReLU } from './layers/leaky-relu';
import { Linear } from './layers/linear';
import { ReLU } from './layers/relu';
import { Sequential } from './layers/sequential';
import { Sigmoid } from './layers/sigmoid';
import { SoftMax } from './layers/softmax';
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
  const module = buildLayer(spec, rng);
  module.name = spec.id;
  return module;
}

/** A Sequential of `layers`, initialised from `rng` in order (the same seed gives the same weights). */
export function createNetwork(layers: readonly ResolvedLayerSpec[], rng: Random): Sequential {
  return new Sequential(layers.map((spec) => createLayer(spec, rng)));
}

function buildLayer(spec: ResolvedLayerSpec, rng: Random): Module {
  try {
    switch (spec.type) {
      case 'Linear':
        return new Linear(spec.in, spec.out, spec.bias ?? true, rng);
      case 'ReLU':
        return new ReLU();
      case 'LeakyReLU':
        return new LeakyReLU(spec.slope ?? 0.03);
      case 'Sigmoid':
        return new Sigmoid();
      case 'SoftMax':
        return new SoftMax();
      case 'Dropout':
        return new Dropout(spec.p ?? 0.5, rng);
      case 'BatchNorm':
        return new BatchNorm(spec.features, spec.eps ?? 1e-5, spec.momentum ?? 0.1);
      default:
        return unknownLayer(spec);
    }
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`layer ${spec.id}: ${error.message}`);
    throw error;
  }
}

function unknownLayer(spec: never): never {
  const description = spec as { type?: unknown; id?: unknown };
  throw new RangeError(
    `layer ${String(description.id)}: unknown type ${JSON.stringify(description.type)}; ` +
      'use one of Linear, ReLU, LeakyReLU, Sigmoid, SoftMax, Dropout, BatchNorm',
  );
}

/** The optimizer a model file asks for; missing settings take the seed's defaults (OPTIMIZER_DEFAULTS). */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.type) {
    case 'SGD':
      return new SGD({ lr: spec.lr });
    case 'Momentum':
      return new Momentum({ lr: spec.lr, momentum: spec.momentum });
    case 'RMSProp':
      return new RMSProp({ lr: spec.lr, beta: spec.beta, eps: spec.eps });
    case 'Adam':
      return new Adam({ lr: spec.lr, beta1: spec.beta1, beta2: spec.beta2, eps: spec.eps });
    case 'Nadam':
      return new Nadam({ lr: spec.lr, beta1: spec.beta1, beta2: spec.beta2, eps: spec.eps });
    default: {
      const type: unknown = (spec as { type?: unknown }).type;
      throw new RangeError(`unknown optimizer type ${JSON.stringify(type)}; use one of SGD, Momentum, RMSProp, Adam, Nadam`);
    }
  }
}

export function createCriterion(type: LossType): Criterion {
  switch (type) {
    case 'MSE':
      return new MSE();
    case 'CrossEntropy':
      return new CrossEntropy();
    default: {
      const unknownType: unknown = type;
      throw new RangeError(`unknown loss type ${JSON.stringify(unknownType)}; use MSE or CrossEntropy`);
    }
  }
}
