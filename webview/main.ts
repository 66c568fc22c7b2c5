/** The builder webview: wires the host link, the store and the panels. */
import '@vscode/codicons/dist/codicon.css';
import './styles/builder.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { LayerType } from '../src/shared/nnjson';
import type { LayerPlace, ToWebview } from '../src/shared/webview-protocol';
import { onThemeChange } from './charts/theme-colors';
import type { ScaleKind } from './charts/training-charts';
import { DataPanel } from './components/data-panel';
import { InsightPanel } from './components/insight-panel';
import { InsightSeen } from './components/insight-seen';
import { Inspector } from './components/inspector';
import { ModelPanel } from './components/model-panel';
import { NetworkView } from './components/network-view';
import { NeuronPictures } from './components/neuron-pictures';
import { NoteBar } from './components/note-bar';
import { Palette } from './components/palette';
import { ProblemsBanner } from './components/problems-banner';
import { SummaryTable } from './components/summary-table';
import { TrainingPanel } from './components/training-panel';
import { h } from './dom';
import { BuilderStore } from './store';
import { connectToHost } from './vscode-api';

interface UiState {
  selectedId?: string;
  scale?: ScaleKind;
}

function start(): void {
  const host = connectToHost();
  const store = new BuilderStore();
  const ui = host.getUiState<UiState>() ?? {};
  store.selectedId = ui.selectedId;
  let scale: ScaleKind = ui.scale ?? 'linear';
  const saveUi = () => host.setUiState<UiState>({ selectedId: store.selectedId, scale });
  const post = host.post;

  const insert = (type: LayerType, place: LayerPlace) => {
    store.selectNextNewLayer();
    post({ type: 'insertLayer', layerType: type, place });
  };
  const palette = new Palette({
    append: (type) => insert(type, { at: 'end' }),
    insertAfterSelection: (type) => {
      const selected = store.selectedIndex() >= 0 ? store.selectedId : undefined;
      insert(type, selected === undefined ? { at: 'end' } : { after: selected });
    },
    returnToNetwork: () => network.focusSelected(),
  });
  const neurons = new NeuronPictures();
  const network = new NetworkView(store, { post, focusPalette: () => palette.focusFilter(), layerPictures: (id) => neurons.strip(id) });
  const inspector = new Inspector(store, post);
  const modelPanel = new ModelPanel(store, post);
  const dataPanel = new DataPanel(store, post);
  const problems = new ProblemsBanner(store, post);
  const note = new NoteBar();
  const trainingPanel = new TrainingPanel(store, post, scale, (next) => {
    scale = next;
    saveUi();
  });
  const summary = new SummaryTable(store);
  const insight = new InsightPanel(store, (boundary) => neurons.show(boundary));
  const title = h('h1', { className: 'title' });

  const app = document.getElementById('app');
  if (!app) throw new Error('missing #app');
  app.replaceChildren(
    h('header', { className: 'app-header' }, [title]),
    problems.element,
    note.element,
    note.liveRegion,
    h('main', { className: 'builder-grid' }, [
      palette.element,
      h('div', { className: 'centre-column' }, [network.element, trainingPanel.element, summary.element]),
      h('div', { className: 'side-column' }, [inspector.element, modelPanel.element, dataPanel.element]),
    ]),
    insight.element,
  );
  app.removeAttribute('aria-busy');
  const insightSeen = new InsightSeen(insight.element, store, post);

  const renderDocument = () => {
    const state = store.document;
    title.textContent = state ? state.fileName : 'NN Builder';
    if (state) note.documentArrived(state.version);
    palette.setEnabled(store.editable);
    problems.render();
    network.render();
    inspector.render();
    modelPanel.render();
    dataPanel.render();
    summary.render();
    trainingPanel.render();
    insight.render();
  };
  store.subscribe((change) => {
    switch (change) {
      case 'document':
        renderDocument();
        break;
      case 'selection':
        network.updateSelection();
        inspector.render();
        saveUi();
        break;
      case 'training':
        trainingPanel.render();
        insight.render();
        break;
      case 'csv':
      case 'images':
        dataPanel.render();
        break;
      case 'heldOut':
        insight.renderHeldOutFromHost();
        break;
      case 'data':
        problems.render();
        network.render();
        dataPanel.render();
        break;
    }
  });

  host.onMessage((message: ToWebview) => {
    switch (message.type) {
      case 'document':
        store.setDocument(message.state);
        break;
      case 'training':
        store.applyTrainingEvent(message.event);
        break;
      case 'trainingReplay':
        store.replayTraining(message.events);
        break;
      case 'csvPreview':
        store.setCsvPreview(message.preview);
        break;
      case 'csvFiles':
        store.setCsvFiles(message.files);
        dataPanel.csvFilesArrived();
        break;
      case 'dataImagePreview':
        store.setDataImagePreview(message.preview);
        break;
      case 'imageSources':
        store.setImageSources(message.sources);
        break;
      case 'heldOut':
        store.setHeldOut(message.state);
        break;
      case 'dataFacts':
        store.setData({ version: message.version, facts: message.facts, problems: message.problems });
        break;
      case 'settings':
        trainingPanel.charts.maxUpdatesPerSecond = Math.max(1, Math.min(10, message.chartRefreshRate));
        break;
      case 'error':
        problems.showMessage(message.message);
        break;
      case 'note':
        note.show(message.message, message.version);
        break;
      case 'revealInsight':
        insightSeen.reveal();
        break;
    }
  });

  onThemeChange(() => {
    trainingPanel.charts.recolor();
    insight.recolor();
    dataPanel.redrawPreview();
  });
  renderDocument();
  post({ type: 'ready' });
}

start();
