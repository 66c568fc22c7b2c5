/**
 * The one-click fixes of a layer that cannot take the shape coming into it, as model changes: decided here once for
 * the Problems panel's quick fixes and the builder's cards, which both apply them from the diagnostic. A Flatten
 * before a layer that would take the shape flattened (a Linear after a convolution), with its stated width set to
 * C·H·W; or the changes of its own settings that its descriptor proposes (a kernel that fits, the channels coming
 * in). Browser-safe.
 */
import type { Shape } from '../../registry/layer-descriptor';
import { formatAxes } from '../../registry/layers/window-shape';
import type { DiagnosticFix } from '../../shared/diagnostics';
import type { ModelChange } from '../../shared/model-change';
import { uniqueLayerId } from '../layer-ids';
import { widthKey, type ShapeChain, type ShapeChainError } from '../layer-widths';
import { shapeText } from '../shapes';
import { shapeSize } from '../tensor-codec';
import { layerLabel, type LayerFacts } from './layers';

/** The fixes of `error` (one of `chain.errors`), best first. */
export function shapeFixes(layers: readonly LayerFacts[], chain: ShapeChain, error: ShapeChainError): DiagnosticFix[] {
  const facts = layers[error.index];
  const label = layerLabel(facts);
  const fixes = error.settingsFixes.map(({ set, because }): DiagnosticFix => {
    const entries = Object.entries(set);
    return {
      title: `Set ${entries.map(([key, value]) => `${label}.${key} to ${formatAxes(value)}`).join(' and ')} (${because})`,
      changes: entries.map(([key, value]): ModelChange => ({ kind: 'set', path: ['layers', error.index, key], value })),
    };
  });
  const shape = chain.shapes[error.index];
  return error.flattenFixes && shape !== undefined ? [flattenFix(layers, facts, shape), ...fixes] : fixes;
}

/** A Flatten inserted before the layer, and its stated width (`Linear.in`) set to the C·H·W it then takes. */
function flattenFix(layers: readonly LayerFacts[], facts: LayerFacts, shape: Shape): DiagnosticFix {
  const label = layerLabel(facts);
  const width = shapeSize(shape);
  const flatten: ModelChange = { kind: 'insertLayer', index: facts.index, layer: { type: 'Flatten', id: uniqueLayerId({ layers }, 'Flatten') } };
  const key = widthKey(facts.type);
  const stated = key === undefined ? undefined : facts.settings[key];
  // a left-out width follows by itself: writing it would change more than the fix needs
  if (key === undefined || stated === undefined || stated === width) {
    return { title: `Insert a Flatten layer before ${label} (${shapeText(shape)} → ${width} features)`, changes: [flatten] };
  }
  return {
    title: `Insert a Flatten layer before ${label} and set ${label}.${key} to ${width} (${shapeText(shape)} flattened)`,
    changes: [flatten, { kind: 'set', path: ['layers', facts.index + 1, key], value: width }],
  };
}
