/**
 * How much each trained tensor moved from A to B: a bar of its change relative to A's size (‖B − A‖ / ‖A‖, full
 * at 100% or more), with the figures in words beside it; tensors that could not be compared say why.
 */
import { formatFigure, formatPercent } from '../../src/compare/diff-text';
import type { TensorChange } from '../../src/compare/tensor-diff';
import { formatShape } from '../../src/model/shapes';
import { h } from '../dom';

function tensorName(tensor: TensorChange): string {
  return `${tensor.layer}${tensor.otherLayer ? ` (${tensor.otherLayer} in B)` : ''}.${tensor.name}`;
}

function whyNot(tensor: TensorChange): string {
  switch (tensor.status) {
    case 'reshaped': return `shape ${formatShape(tensor.shapeA ?? [])} → ${formatShape(tensor.shapeB ?? [])}: not compared`;
    case 'onlyA': return 'only in A';
    case 'onlyB': return 'only in B';
    default: return `not compared: ${tensor.problem ?? ''}`;
  }
}

function bar(tensor: TensorChange): HTMLElement {
  const share = tensor.relative ?? (tensor.distance === 0 ? 0 : 1);
  const fill = h('div', { className: 'tensor-bar-fill' });
  fill.style.width = `${Math.min(100, share * 100)}%`;
  return h('div', {
    className: 'tensor-bar',
    attrs: { role: 'img', 'aria-label': `${tensorName(tensor)} changed by ${formatPercent(tensor.relative)} of its size` },
  }, [fill]);
}

export function tensorBars(tensors: readonly TensorChange[]): HTMLElement {
  if (tensors.length === 0) return h('p', { className: 'hint', text: 'Neither model is trained: there are no tensors to compare.' });
  const compared = tensors.filter((tensor) => tensor.status === 'compared');
  return h('table', { className: 'data-table tensor-changes', attrs: { id: 'tensor-changes' } }, [
    h('caption', { className: 'hint', text: 'The bar is the change relative to A: ‖B − A‖ / ‖A‖ (full at 100% or more).' }),
    h('thead', {}, [h('tr', {}, ['Tensor', 'Shape', 'Change', '‖B − A‖', 'Relative'].map((title) => h('th', { attrs: { scope: 'col' }, text: title })))]),
    h('tbody', {}, [
      ...compared.map((tensor) => h('tr', { dataset: { tensor: `${tensor.layer}.${tensor.name}`, relative: String(tensor.relative ?? '') } }, [
        h('th', { attrs: { scope: 'row' }, text: tensorName(tensor) }),
        h('td', { className: 'numeric', text: formatShape(tensor.shapeA ?? []) }),
        h('td', {}, [bar(tensor)]),
        h('td', { className: 'numeric', text: formatFigure(tensor.distance) }),
        h('td', { className: 'numeric', text: formatPercent(tensor.relative) }),
      ])),
      ...tensors.filter((tensor) => tensor.status !== 'compared').map((tensor) => h('tr', { dataset: { tensor: `${tensor.layer}.${tensor.name}` } }, [
        h('th', { attrs: { scope: 'row' }, text: tensorName(tensor) }),
        h('td', { attrs: { colspan: 4 }, className: 'hint', text: whyNot(tensor) }),
      ])),
    ]),
  ]);
}
