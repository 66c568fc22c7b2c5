/** Whether the layers fit together: each layer's input width, and a CrossEntropy network's last layers. Browser-safe. */
import type { Checker } from './checker';
import { layerLabel, type LayerFacts } from './layers';

export function checkWidths(checker: Checker, layers: LayerFacts[], inputSize: number | undefined): void {
  let width = inputSize;
  let source = 'input.size';
  for (const facts of layers) {
    const label = layerLabel(facts);
    const incoming = (what: string): string => (source === 'input.size' ? `input.size is ${width}` : `${source} gives ${width} features`) + what;
    if (facts.type === 'Linear') {
      if (width !== undefined && facts.in !== undefined && facts.in !== width) {
        const alternative = source === 'input.size' ? ` (or set input.size to ${facts.in})` : '';
        checker.report('error', 'width-mismatch', ['layers', facts.index, 'in'],
          `${label}.in is ${facts.in} but ${incoming('')}: set ${label}.in to ${width}${alternative}`,
          { expected: width, actual: facts.in, ...(facts.id ? { layerId: facts.id } : {}) });
      }
      width = facts.out;
      source = label;
    } else if (facts.type === 'BatchNorm') {
      if (width !== undefined && facts.features !== undefined && facts.features !== width) {
        checker.report('error', 'width-mismatch', ['layers', facts.index, 'features'],
          `${label}.features is ${facts.features} but ${incoming('')}: set ${label}.features to ${width}`,
          { expected: width, actual: facts.features, ...(facts.id ? { layerId: facts.id } : {}) });
      }
    } else if (facts.type === undefined) {
      width = undefined; // unknown what the broken layer does; stop comparing until the next Linear
    }
  }
}

/** CrossEntropy reads the outputs as probabilities, so the network must end in a SoftMax with one unit per class. */
export function checkLossOutput(checker: Checker, layers: LayerFacts[], lossType: string | undefined, inputSize: number | undefined): void {
  if (lossType !== 'CrossEntropy' || layers.length === 0 || layers.some((facts) => facts.type === undefined)) return;
  const last = layers[layers.length - 1];
  if (last.type !== 'SoftMax') {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      `CrossEntropy expects probabilities but the last layer ${layerLabel(last)} is ${last.type}: add a SoftMax layer at the end, or use MSE`,
      { suggestion: 'SoftMax', ...(last.id ? { layerId: last.id } : {}) });
    return;
  }
  let width = inputSize;
  for (const facts of layers) if (facts.type === 'Linear') width = facts.out;
  if (width === 1) {
    checker.report('warning', 'loss-output', ['layers', last.index, 'type'],
      'CrossEntropy needs one output per class but the network gives 1: set the last Linear.out to the number of classes (at least 2), or use MSE with one output',
      { actual: 1 });
  }
}
