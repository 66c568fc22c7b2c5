/**
 * Both networks side by side: A's layers and B's, each a card with its settings, output and parameters, marked
 * (in words as well as colour) when it was added, removed, changed, moved or renamed. Cards are focusable and name
 * what changed, so the differences read from the keyboard and a screen reader too.
 */
import type { LayerDiff, LayerSide } from '../../src/compare/layer-diff';
import { formatValue } from '../../src/compare/setting-values';
import { formatCount } from '../../src/model/shapes';
import { h } from '../dom';

/** The marks a layer gets, in the order the card shows them. */
function marks(layer: LayerSide): string[] {
  const words: string[] = [];
  if (layer.status !== 'same') words.push(layer.status);
  if (layer.moved) words.push('moved');
  if (layer.otherId !== undefined) words.push('renamed');
  return words;
}

function changeText(layer: LayerSide): string {
  return layer.changes.map((change) => `${change.key} ${formatValue(change.a)} → ${formatValue(change.b)}`).join(', ');
}

function card(layer: LayerSide, side: 'a' | 'b'): HTMLElement {
  const words = marks(layer);
  const changes = changeText(layer);
  const renamed = layer.otherId === undefined ? '' : side === 'a' ? `now ${layer.otherId}` : `was ${layer.otherId}`;
  const details = [changes, renamed].filter(Boolean).join('; ');
  const label = `Layer ${layer.index + 1}: ${layer.id}, ${layer.type}${layer.settings ? ` ${layer.settings}` : ''}, output ${layer.output}, ` +
    `${formatCount(layer.parameters)} parameters; ${words.length > 0 ? words.join(', ') : 'the same'}${details ? `: ${details}` : ''}`;
  return h('li', {
    className: `compare-layer ${words.map((word) => `is-${word}`).join(' ')}`,
    attrs: { tabindex: 0, 'aria-label': label },
    dataset: { layerId: layer.id, status: words.join(' ') || 'same' },
  }, [
    h('div', { className: 'compare-layer-main' }, [
      h('span', { className: 'card-type', text: layer.type }),
      h('span', { className: 'card-id', text: layer.id }),
      h('span', { className: 'card-settings', text: layer.settings }),
      h('span', { className: 'card-width', text: layer.output }),
      h('span', { className: 'card-params', text: formatCount(layer.parameters) }),
    ]),
    words.length > 0 || details ? h('div', { className: 'compare-layer-marks' }, [
      ...words.map((word) => h('span', { className: `change-mark mark-${word}`, text: word })),
      details ? h('span', { className: 'change-details', text: details }) : null,
    ]) : null,
  ]);
}

export function networkColumns(layers: LayerDiff, names: { a: string; b: string }): HTMLElement {
  const column = (side: 'a' | 'b', title: string) => h('section', { className: 'compare-column', attrs: { 'aria-label': `Network ${title}` } }, [
    h('h3', { className: 'section-title', text: title }),
    h('ol', { className: 'compare-layers', attrs: { id: `layers-${side}` } }, layers[side].map((layer) => card(layer, side))),
  ]);
  return h('div', { className: 'compare-columns' }, [column('a', `A: ${names.a}`), column('b', `B: ${names.b}`)]);
}
