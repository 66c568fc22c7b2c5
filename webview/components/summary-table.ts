/** A torchinfo-style summary: layer, type, output width, parameters; totals and the size in bytes. */
import { formatBytes, formatCount } from '../../src/model/shapes';
import { h, replaceChildren } from '../dom';
import type { BuilderStore } from '../store';
import { isUnreadable, unreadableNote } from './unreadable-note';

export class SummaryTable {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor(private readonly store: BuilderStore) {
    this.body = h('div', { className: 'summary-body' });
    this.element = h('section', { className: 'summary panel', attrs: { 'aria-label': 'Model summary', id: 'summary' } }, [
      h('h2', { className: 'panel-title', text: 'Summary' }),
      this.body,
    ]);
  }

  render(): void {
    const shapes = this.store.document?.shapes;
    const model = this.store.document?.model;
    if (!shapes || !model) {
      replaceChildren(this.body, isUnreadable(this.store.document) ? [unreadableNote()] : []);
      return;
    }
    const row = (cells: string[], header = false) => h('tr', {}, cells.map((cell, i) => h(header ? 'th' : 'td', {
      attrs: header ? { scope: 'col' } : {},
      className: i >= 2 ? 'numeric' : '',
      text: cell,
    })));
    const table = h('table', { className: 'data-table summary-table' }, [
      h('thead', {}, [row(['Layer', 'Type', 'Output width', 'Params'], true)]),
      h('tbody', {}, [
        row(['input', 'Input', String(shapes.inputWidth), '0']),
        ...shapes.layers.map((layer) => row([layer.id, layer.type, String(layer.outputWidth), formatCount(layer.parameterCount)])),
      ]),
      h('tfoot', {}, [
        h('tr', {}, [h('th', { attrs: { scope: 'row', colspan: 3 }, text: 'Total params' }), h('td', { className: 'numeric', text: formatCount(shapes.totalParameters) })]),
        h('tr', {}, [h('th', { attrs: { scope: 'row', colspan: 3 }, text: 'Trainable params' }), h('td', { className: 'numeric', text: formatCount(shapes.trainableParameters) })]),
        h('tr', {}, [h('th', { attrs: { scope: 'row', colspan: 3 }, text: 'Non-trainable params' }), h('td', { className: 'numeric', text: formatCount(shapes.nonTrainableParameters) })]),
        h('tr', {}, [h('th', { attrs: { scope: 'row', colspan: 3 }, text: 'Size (float32)' }), h('td', { className: 'numeric', text: formatBytes(shapes.parameterBytes) })]),
      ]),
    ]);
    replaceChildren(this.body, [
      table,
      h('p', { className: 'hint', text: `${model.loss.type} loss, ${model.optimizer.type} (lr ${model.optimizer.lr ?? 0.001})` }),
    ]);
  }
}
