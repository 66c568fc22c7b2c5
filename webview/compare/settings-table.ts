/** Every loss, optimizer, training and data setting of both models in one table, the ones that differ marked. */
import type { SettingRow } from '../../src/compare/settings-diff';
import { formatValue } from '../../src/compare/setting-values';
import { h } from '../dom';

function valueCell(value: unknown, isDefault: boolean): HTMLElement {
  return h('td', { className: 'setting-value' }, [formatValue(value), isDefault ? h('span', { className: 'hint', text: ' (default)' }) : null]);
}

export function settingsTable(rows: readonly SettingRow[]): HTMLElement {
  const changed = rows.filter((row) => row.changed).length;
  return h('table', { className: 'data-table compare-settings', attrs: { id: 'settings-table' } }, [
    h('caption', { className: 'hint', text: changed === 0 ? 'The settings are the same.' : `${changed} of ${rows.length} settings differ (marked).` }),
    h('thead', {}, [h('tr', {}, ['Setting', 'A', 'B', 'Differs'].map((title) => h('th', { attrs: { scope: 'col' }, text: title })))]),
    h('tbody', {}, rows.map((row) => h('tr', { className: row.changed ? 'is-changed' : '', dataset: { path: row.path } }, [
      h('th', { attrs: { scope: 'row' }, text: row.path }),
      valueCell(row.a, row.aDefault),
      valueCell(row.b, row.bDefault),
      h('td', {}, [row.changed ? h('span', { className: 'change-mark mark-changed', text: 'changed' }) : null]),
    ]))),
  ]);
}
