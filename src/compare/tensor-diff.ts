/**
 * How far each trained tensor moved between two models: for a tensor both have with the same shape, the L2 distance
 * ‖b − a‖ and the change relative to A's size, ‖b − a‖ / ‖a‖. Tensors follow their layer when it was renamed.
 * Browser-safe.
 */
import { tensorValues } from '../model/tensor-codec';
import type { NnJsonModel, TensorJson } from '../shared/nnjson';
import type { LayerDiff } from './layer-diff';

export type TensorStatus = 'compared' | 'reshaped' | 'onlyA' | 'onlyB' | 'unreadable';

export interface TensorChange {
  /** The layer's id in A (or in B for a tensor only B has), and in B when it differs. */
  layer: string;
  otherLayer?: string;
  name: string;
  status: TensorStatus;
  shapeA?: number[];
  shapeB?: number[];
  /** ‖b − a‖, for compared tensors. */
  distance?: number;
  /** ‖b − a‖ / ‖a‖; undefined when A's tensor is all zeros. */
  relative?: number;
  /** Why a tensor could not be compared (it does not decode). */
  problem?: string;
}

function compare(a: TensorJson, b: TensorJson): Pick<TensorChange, 'status' | 'distance' | 'relative' | 'problem'> {
  const valuesA = tensorValues(a);
  const valuesB = tensorValues(b);
  if ('error' in valuesA || 'error' in valuesB) {
    return { status: 'unreadable', problem: 'error' in valuesA ? `A: ${valuesA.error}` : `B: ${(valuesB as { error: string }).error}` };
  }
  if (valuesA.values.length !== valuesB.values.length) return { status: 'reshaped' };
  let squares = 0;
  let size = 0;
  for (let i = 0; i < valuesA.values.length; i++) {
    squares += (valuesB.values[i] - valuesA.values[i]) ** 2;
    size += valuesA.values[i] ** 2;
  }
  const distance = Math.sqrt(squares);
  return { status: 'compared', distance, ...(size > 0 ? { relative: distance / Math.sqrt(size) } : {}) };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dimension, i) => dimension === b[i]);
}

export function diffTensors(a: NnJsonModel, b: NnJsonModel, layers: LayerDiff): TensorChange[] {
  const changes: TensorChange[] = [];
  const parametersA = a.parameters ?? {};
  const parametersB = b.parameters ?? {};
  for (const layer of layers.a) {
    const tensorsA = parametersA[layer.id] ?? {};
    const otherId = layer.partner === undefined ? undefined : layers.b[layer.partner].id;
    const tensorsB = otherId === undefined ? {} : parametersB[otherId] ?? {};
    const named = otherId !== undefined && otherId !== layer.id ? { otherLayer: otherId } : {};
    for (const [name, tensor] of Object.entries(tensorsA)) {
      const other = tensorsB[name];
      if (!other) {
        changes.push({ layer: layer.id, ...named, name, status: 'onlyA', shapeA: tensor.shape });
        continue;
      }
      const shapes = { shapeA: tensor.shape, shapeB: other.shape };
      changes.push({ layer: layer.id, ...named, name, ...shapes, ...(sameShape(tensor.shape, other.shape) ? compare(tensor, other) : { status: 'reshaped' }) });
    }
    for (const [name, tensor] of Object.entries(tensorsB)) {
      if (!tensorsA[name]) changes.push({ layer: layer.id, ...named, name, status: 'onlyB', shapeB: tensor.shape });
    }
  }
  for (const layer of layers.b) {
    if (layer.partner !== undefined) continue;
    for (const [name, tensor] of Object.entries(parametersB[layer.id] ?? {})) changes.push({ layer: layer.id, name, status: 'onlyB', shapeB: tensor.shape });
  }
  return changes;
}
