/**
 * The comparison view: two models side by side. The host sends the models (and later their predictions on the same
 * data); everything else is computed here with src/compare/, the same code as `nnjson diff`.
 */
import '@vscode/codicons/dist/codicon.css';
import '../styles/builder.css';
import '../styles/compare.css';
import { diffModels, type ModelDiff } from '../../src/compare/model-diff';
import { formatCount } from '../../src/model/shapes';
import type { ComparedModel, FromCompareView, PredictionComparison, ToCompareView } from '../../src/shared/compare-protocol';
import { ComparisonCharts } from '../charts/comparison-charts';
import { onThemeChange } from '../charts/theme-colors';
import { h, replaceChildren } from '../dom';
import { connectToHost } from '../vscode-api';
import { networkColumns } from './network-columns';
import { predictionsView } from './predictions-view';
import { settingsTable } from './settings-table';
import { tensorBars } from './tensor-bars';

function panel(id: string, title: string, body: HTMLElement): HTMLElement {
  return h('section', { className: 'panel', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
    h('h2', { className: 'panel-title', attrs: { id: `${id}-title` }, text: title }),
    body,
  ]);
}

function overview(diff: ModelDiff): string {
  const { a, b } = diff.parameters;
  const parameters = a.total === b.total ? `${formatCount(a.total)} parameters each` : `${formatCount(a.total)} → ${formatCount(b.total)} parameters`;
  const layers = [...diff.layers.a, ...diff.layers.b].filter((layer) => layer.status !== 'same' || layer.moved || layer.otherId !== undefined).length;
  const settings = diff.settings.filter((row) => row.changed).length;
  if (diff.identical) return `The models are the same in architecture, settings and parameters (${parameters}).`;
  return `${parameters}; ${layers === 0 ? 'the same layers' : 'layers differ (marked below)'}; ${settings} setting${settings === 1 ? '' : 's'} differ${settings === 1 ? 's' : ''}; ` +
    `trained ${diff.epochs.a} and ${diff.epochs.b} epochs.`;
}

function start(): void {
  const host = connectToHost<FromCompareView, ToCompareView>();
  const title = h('h1', { className: 'title', text: 'Compare models' });
  const summary = h('p', { className: 'hint', attrs: { id: 'compare-overview', role: 'status' } });
  const networks = h('div');
  const settings = h('div');
  const tensors = h('div');
  const predictions = h('div', { attrs: { id: 'predictions' } });
  const charts = new ComparisonCharts();
  const app = document.getElementById('app');
  if (!app) throw new Error('missing #app');
  app.replaceChildren(
    h('header', { className: 'app-header' }, [title]),
    summary,
    h('main', { className: 'compare-grid' }, [
      panel('compare-networks', 'Networks', networks),
      panel('compare-curves', 'Loss and accuracy of both runs', charts.element),
      panel('compare-settings', 'Settings', settings),
      panel('compare-tensors', 'How much each tensor changed', tensors),
      panel('compare-predictions', 'Predictions on the same data', predictions),
    ]),
  );
  app.removeAttribute('aria-busy');

  let names = { a: 'A', b: 'B' };
  let predictionState: PredictionComparison = { status: 'computing' };
  const showModels = (a: ComparedModel, b: ComparedModel) => {
    names = { a: a.label, b: b.label };
    title.textContent = `Compare ${a.label} ↔ ${b.label}`;
    const diff = diffModels(a.model, b.model, names);
    summary.textContent = overview(diff);
    replaceChildren(networks, [networkColumns(diff.layers, names)]);
    replaceChildren(settings, [settingsTable(diff.settings)]);
    replaceChildren(tensors, [tensorBars(diff.tensors)]);
    charts.show([{ name: 'A', history: a.model.history ?? [] }, { name: 'B', history: b.model.history ?? [] }]);
    replaceChildren(predictions, predictionsView(predictionState, names));
  };
  host.onMessage((message) => {
    if (message.type === 'models') showModels(message.a, message.b);
    else {
      predictionState = message.state;
      replaceChildren(predictions, predictionsView(predictionState, names));
    }
  });
  onThemeChange(() => charts.recolor());
  host.post({ type: 'ready' });
}

start();
