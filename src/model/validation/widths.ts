/**
 * Whether the layers fit together: a stated `Linear.in` or `BatchNorm.features` must be the width coming in (left
 * out, it is that width), and a CrossEntropy network's last layers. Browser-safe.
 */
import { widthKey } from '../layer-widths';
import type { Checker } from './checker';
import { layerLabel, type LayerFacts } from './layers';

/** `widths` is `layerWidths(input.size, layers)`: entry i is the width coming into layer i. */
export function checkWidths(checker: Checker, layers: LayerFacts[], widths: readonly (number | undefined)[]): void {
  let source = 'input.size';
  for (const facts of layers) {
    const label = layerLabel(facts);
    const width = widths[facts.index];
    const incoming = source === 'input.size' ? `input.size is ${width}` : `${source} gives ${width} features`;
    const key = widthKey(facts.type);
    const stated = key ? facts[key] : undefined;
    if (key && width !== undefined && stated !== undefined && stated !== width) {
      const alternative = facts.type === 'Linear' && source === 'input.size' ? ` (or set input.size to ${stated})` : '';
      checker.report('error', 'width-mismatch', ['layers', facts.index, key],
        `${label}.${key} is ${stated} but ${incoming}: set ${label}.${key} to ${width}${alternative}`,
        { expected: width, actual: stated, ...(facts.id ? { layerId: facts.id } : {}) });
    }
    if (facts.type === 'Linear') source = label;
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
