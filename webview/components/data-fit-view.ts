/**
 * The network's view of its data: where the input width comes from ("13 features · from wine.csv (13 numeric
 * columns)") and the data-fit problems with their one-click fixes, as the host found them.
 */
import type { DataFacts, DataFitProblem } from '../../src/shared/data-facts';
import type { NnJsonModel } from '../../src/shared/nnjson';
import type { FromWebview } from '../../src/shared/webview-protocol';
import { sourceLabel } from '../../src/data/source-path';
import { codicon, h } from '../dom';
import { fixButton } from './fix-button';
import type { DataView } from '../store';

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "13 numeric columns", "3 numeric columns, 2 text columns one-hot as 7". */
export function describeInputColumns(facts: DataFacts): string {
  const oneHot = facts.oneHotColumns.reduce((sum, column) => sum + column.width, 0);
  const numeric = facts.featureColumns.length - facts.oneHotColumns.length;
  const parts = [numeric > 0 ? count(numeric, 'numeric column') : '', facts.oneHotColumns.length > 0 ? `${count(facts.oneHotColumns.length, 'text column')} one-hot as ${oneHot}` : ''];
  return parts.filter(Boolean).join(', ');
}

/** Where input.size comes from, after the width itself: "· from wine.csv (13 numeric columns)". */
export function inputOrigin(model: NnJsonModel, view: DataView | undefined): { text: string; problem?: boolean } {
  const source = model.data?.source;
  if (source === undefined) return { text: '(no data source)' };
  const label = sourceLabel(source);
  const facts = view?.facts;
  const current = facts && facts.status !== 'none' && (facts.status === 'ready' ? facts.facts.source : facts.source) === source;
  if (!facts || !current) return { text: `· reading ${label}…` };
  if (facts.status === 'error') return { text: `· ${label} cannot be read (see Data)`, problem: true };
  if (facts.status !== 'ready') return { text: '' };
  return { text: facts.facts.kind !== 'csv' ? `· from ${label}` : `· from ${label} (${describeInputColumns(facts.facts)})` };
}

/** A data-fit problem on a card, with its fix as a button (the host finds the fix again on the current text). */
export function dataProblemRow(problem: DataFitProblem, post: (message: FromWebview) => void): HTMLElement {
  const title = problem.data?.fixes?.[0].title;
  return h('div', { className: 'card-problem severity-error data-problem', dataset: { code: problem.code } }, [
    codicon('error'),
    h('span', { className: 'data-problem-message', text: problem.message }),
    title ? fixButton('fix-data', title, () => post({ type: 'applyDataFix', code: problem.code })) : null,
  ]);
}
