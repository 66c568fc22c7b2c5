import { isLayerType, layerDescriptor, type LayerType } from '../registry/layers/index';
import type { Module } from './module';
import type { Tensor } from './tensor';

/**
 * The tensors of a `type` layer's module under their model-file names, in writing order, for saving and loading:
 * the descriptor's `parameters` (a Linear without bias has no b; activations have none). The tensors are the live
 * ones: writing into their `data` changes the layer.
 */
export function namedParameters(type: LayerType, module: Module): Record<string, Tensor> {
  const named: Record<string, Tensor> = {};
  for (const tensor of layerDescriptor(type).parameters) {
    const live = tensor.of(module);
    if (live !== null) named[tensor.name] = live;
  }
  return named;
}

/** Every tensor the layers store (weights and running statistics) as a file saves them; a module built by hand, its parameters. */
export function stateTensors(modules: readonly Module[]): Tensor[] {
  return modules.flatMap((module) => isLayerType(module.type) ? Object.values(namedParameters(module.type, module)) : module.parameters());
}
