/**
 * The model summary (src/model/summary.ts, the same one `nnjson summary` and the Markdown preview lay out) as a
 * table: one row per layer, the totals below it, then the loss, optimizer, training and data settings.
 */
import { modelSummary } from '../../src/model/summary';
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
    const model = this.store.document?.model;
    if (!model || !this.store.document?.shapes) {
      replaceChildren(this.body, isUnreadable(this.store.document) ? [unreadableNote()] : []);
      return;
    }
    const summary = modelSummary(model, { howToTrain: 'press Train in the Training panel' });
    const cellClass = (column: number) => (summary.numericColumns.has(column) ? 'numeric' : '');
    const labelled = ({ label, value }: { label: string; value: string }) => h('tr', {}, [
      h('th', { attrs: { scope: 'row', colspan: summary.header.length - 1 }, text: label }),
      h('td', { className: 'numeric', text: value }),
    ]);
    const table = h('table', { className: 'data-table summary-table' }, [
      h('thead', {}, [h('tr', {}, summary.header.map((text, column) => h('th', { attrs: { scope: 'col' }, className: cellClass(column), text })))]),
      h('tbody', {}, summary.rows.map((cells) => h('tr', {}, cells.map((text, column) => h('td', { className: cellClass(column), text }))))),
      h('tfoot', {}, summary.totals.map(labelled)),
    ]);
    const settings = h('dl', { className: 'summary-settings' }, summary.settings.flatMap(({ label, value }) => [
      h('dt', { text: label }),
      h('dd', { text: value }),
    ]));
    replaceChildren(this.body, [table, settings]);
  }
}
