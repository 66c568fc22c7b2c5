/**
 * Whether the layers fit together: a stated width (`Linear.in`, `BatchNorm.features`: the setting that follows the
 * incoming width) must be the width coming in (left out, it is that width), each layer must take the shape coming
 * into it, and a CrossEntropy network needs its last layers. Browser-safe.
 */
import { incomingWidth, setsWidth, widthKey, type ShapeChain } from '../layer-widths';
import type { Checker } from './checker';
import { factsLayer, layerLabel, type LayerFacts } from './layers';
import { shapeFixes } from './shape-fixes';

/**
 * `chain` is `layerShapes(input, layers)`. A stated width is checked against the first dimension of the shape coming
 * in (the features, or the channels of an image), except where the layer cannot take that shape at all.
 */
export function checkWidths(checker: Checker, layers: LayerFacts[], chain: ShapeChain, inputKey: 'size' | 'shape'): void {
  let source = `input.${inputKey}`;
  for (const facts of layers) {
    const label = layerLabel(facts);
    const shape = chain.shapes[facts.index];
    const width = incomingWidth(shape);
    const unit = shape !== undefined && shape.length > 1 ? 'channels' : 'features';
    const incoming = source === 'input.size' ? `input.size is ${width}` : `${source} gives ${width} ${unit}`;
    const key = widthKey(facts.type);
    const stated = key ? facts.settings[key] : undefined;
    const cannotTake = chain.errors.some((error) => error.index === facts.index);
    if (key && width !== undefined && stated !== undefined && stated !== width && !cannotTake) {
      const alternative = source === 'input.size' ? ` (or set input.size to ${stated})` : '';
      checker.report('error', 'width-mismatch', ['layers', facts.index, key],
        `${label}.${key} is ${stated} but ${incoming}: set ${label}.${key} to ${width}${alternative}`,
        { expected: width, actual: stated, ...(facts.id ? { layerId: facts.id } : {}) });
    }
    if (setsWidth(factsLayer(facts)) || changesShape(shape, chain.shapes[facts.index + 1])) source = label;
  }
}

/** Whether a layer gave out another shape than came in (Flatten, a pooling): the layers after it take their width from it. */
function changesShape(incoming: readonly number[] | undefined, outgoing: readonly number[] | undefined): boolean {
  return incoming !== undefined && outgoing !== undefined && (incoming.length !== outgoing.length || incoming.some((dimension, i) => dimension !== outgoing[i]));
}

/** Layers that cannot take the shape coming into them (`errors` of `layerShapes`), with their fixes. */
export function checkInputShapes(checker: Checker, layers: LayerFacts[], chain: ShapeChain): void {
  for (const error of chain.errors) {
    const facts = layers[error.index];
    const fixes = shapeFixes(layers, chain, error);
    const data = { ...(facts.id ? { layerId: facts.id } : {}), ...(fixes.length > 0 ? { fixes } : {}) };
    checker.report('error', 'input-shape', ['layers', error.index, 'type'], `${layerLabel(facts)}: ${error.message}`, Object.keys(data).length > 0 ? data : undefined);
  }
}

/** CrossEntropy reads the outputs as probabilities, so the network must end in a SoftMax with one unit per class. */
export function checkLossOutput(checker: Checker, layers: LayerFacts[], lossType: string | undefined, outputWidth: number | undefined): void {
  if (lossType !== 'CrossEntropy' || layers.length === 0 || layers.some((facts) => facts.type === undefined)) return;
  const last = layers[layers.length - 1];
  if (last.type !== 'SoftMax') {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      `CrossEntropy expects probabilities but the last layer ${layerLabel(last)} is ${last.type}: add a SoftMax layer at the end, or use MSE`,
      { suggestion: 'SoftMax', ...(last.id ? { layerId: last.id } : {}) });
    return;
  }
  if (outputWidth === 1) {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      'CrossEntropy needs one output per class but the network gives 1: set the last Linear.out to the number of classes (at least 2), or use MSE with one output',
      { actual: 1 });
  }
}
