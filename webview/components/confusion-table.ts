/** A confusion matrix as a table: true classes in rows, predicted in columns, the diagonal in bold, cells shaded by count. */
import type { ConfusionMatrix } from '../../src/shared/training-events';
import { h } from '../dom';
import { HELD_OUT_ROWS } from './held-out-caption';

/** `rowsText` says which rows were counted (default: the split's words); `id` names the table for tests and links. */
export function confusionTable(confusion: ConfusionMatrix, id: string, rowsText = HELD_OUT_ROWS[confusion.split]): HTMLTableElement {
  const names = confusion.counts.map((_, i) => confusion.classNames[i] ?? String(i));
  const max = Math.max(1, ...confusion.counts.flat());
  const total = confusion.counts.flat().reduce((a, b) => a + b, 0);
  const correct = confusion.counts.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  return h('table', { className: 'data-table confusion-table', attrs: { id } }, [
    h('caption', { className: 'hint', text: `${rowsText}: ${correct} of ${total} correct. Rows: true class; columns: predicted.` }),
    h('thead', {}, [h('tr', {}, [h('td'), ...names.map((name) => h('th', { attrs: { scope: 'col' }, text: name }))])]),
    h('tbody', {}, confusion.counts.map((row, i) => h('tr', {}, [
      h('th', { attrs: { scope: 'row' }, text: names[i] }),
      ...row.map((count, j) => {
        const cell = h('td', { className: `numeric confusion-cell${i === j ? ' diagonal' : ''}`, text: String(count) });
        cell.style.setProperty('--intensity', String(count / max));
        return cell;
      }),
    ]))),
  ]);
}
