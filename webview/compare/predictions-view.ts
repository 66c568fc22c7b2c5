/** Two classifiers on the same rows: how often they predict the same class, and both confusion matrices. */
import type { PredictionComparison } from '../../src/shared/compare-protocol';
import type { ConfusionMatrix } from '../../src/shared/training-events';
import { confusionTable } from '../components/confusion-table';
import { HELD_OUT_ROWS } from '../components/held-out-caption';
import { h } from '../dom';

/** Which rows both were counted on: the validation rows both runs held out, or every row when they held out others. */
function rowsText(split: ConfusionMatrix['split']): string {
  return split === 'evaluation' ? 'All rows of the data (the two runs held out different rows)' : HELD_OUT_ROWS[split];
}

export function predictionsView(state: PredictionComparison, names: { a: string; b: string }): HTMLElement[] {
  if (state.status === 'none') return [h('p', { className: 'hint', attrs: { role: 'status' }, text: state.reason })];
  if (state.status === 'computing') {
    return [h('p', { className: 'hint', attrs: { role: 'status', 'aria-busy': 'true' }, text: 'Computing both models\' predictions on their data…' })];
  }
  if (state.status === 'failed') {
    return [h('p', { className: 'error-text', attrs: { role: 'alert' }, text: `The predictions could not be compared: ${state.message}` })];
  }
  const { agreement } = state;
  const share = agreement.rows > 0 ? agreement.agreeing / agreement.rows : 0;
  return [
    h('p', {
      className: 'agreement',
      attrs: { id: 'agreement', role: 'status' },
      dataset: { agreeing: String(agreement.agreeing), rows: String(agreement.rows) },
      text: `The models predict the same class for ${agreement.agreeing} of ${agreement.rows} rows (${(share * 100).toFixed(1)}%). ${rowsText(agreement.confusionA.split)}.`,
    }),
    h('div', { className: 'compare-columns' }, [
      h('section', { className: 'compare-column', attrs: { 'aria-label': `Confusion matrix of A: ${names.a}` } }, [
        h('h3', { className: 'section-title', text: `A: ${names.a}` }),
        confusionTable(agreement.confusionA, 'confusion-a', rowsText(agreement.confusionA.split)),
      ]),
      h('section', { className: 'compare-column', attrs: { 'aria-label': `Confusion matrix of B: ${names.b}` } }, [
        h('h3', { className: 'section-title', text: `B: ${names.b}` }),
        confusionTable(agreement.confusionB, 'confusion-b', rowsText(agreement.confusionB.split)),
      ]),
    ]),
  ];
}
