/**
 * The ONNX viewer: a read-only page, in the builder's style, of an ONNX file's model: its facts, its nodes (a chain,
 * or a list in topological order with each node's inputs named), parameter counts, every initializer's statistics
 * and histogram (the insight panel's table), and Convert to .nnjson when every node maps to a layer.
 */
import '../styles/builder.css';
import '../styles/onnx-view.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { InspectedNode, OnnxInspection } from '../../src/import/onnx/inspection';
import type { FromOnnxView, ToOnnxView } from '../../src/shared/onnx-view-protocol';
import { onThemeChange } from '../charts/theme-colors';
import { tensorStatsTable, type TensorStatsTable } from '../components/tensor-stats-table';
import { h, replaceChildren } from '../dom';

interface VsCodeApi {
  postMessage(message: FromOnnxView): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const count = (value: number) => value.toLocaleString('en-US');

function nodeRow(node: InspectedNode, index: number, chain: boolean): HTMLElement {
  return h('tr', { className: 'onnx-node', dataset: { op: node.op } }, [
    h('td', { className: 'numeric', text: String(index + 1) }),
    h('th', { attrs: { scope: 'row' }, text: node.name }),
    h('td', { className: 'onnx-op', text: node.op }),
    ...(chain ? [] : [h('td', { className: 'onnx-inputs' }, node.inputs.map((input) => h('span', {
      className: `onnx-input from-${input.from.replace(' ', '-')}`, attrs: { title: input.from }, text: input.name,
    })))]),
    h('td', { className: 'onnx-attributes', text: node.attributes.join(', ') || '—' }),
    h('td', { className: 'numeric onnx-shape', text: node.shape }),
    h('td', { className: 'numeric', text: node.parameters === 0 ? '' : count(node.parameters) }),
  ]);
}

function nodesTable(inspection: OnnxInspection): HTMLElement {
  const columns = ['#', 'Node', 'Op', ...(inspection.chain ? [] : ['Inputs']), 'Attributes', 'Output shape', 'Parameters'];
  return h('table', { className: 'data-table onnx-nodes', attrs: { id: 'onnx-nodes' } }, [
    h('caption', {
      className: 'hint',
      text: inspection.chain ? 'A chain: each node takes the output of the one before it.'
        : 'Not a chain: the nodes in topological order, each with the values it takes (from the graph input, an initializer or a node).',
    }),
    h('thead', {}, [h('tr', {}, columns.map((title) => h('th', { attrs: { scope: 'col' }, text: title })))]),
    h('tbody', {}, inspection.nodes.map((node, index) => nodeRow(node, index, inspection.chain))),
    h('tfoot', {}, [h('tr', {}, [h('th', { attrs: { colspan: columns.length - 1 }, text: 'Total parameters' }),
      h('td', { className: 'numeric', attrs: { id: 'onnx-parameter-count' }, text: count(inspection.parameterCount) })])]),
  ]);
}

function start(): void {
  const api = acquireVsCodeApi();
  const app = document.getElementById('app')!;
  let stats: TensorStatsTable | undefined;
  const status = h('p', { className: 'hint', attrs: { id: 'onnx-status', role: 'status', 'aria-live': 'polite' } });
  const convert = h('vscode-button', {
    attrs: { id: 'onnx-convert', 'aria-label': 'Convert to .nnjson' }, text: 'Convert to .nnjson',
    on: { click: () => {
      status.textContent = 'Converting…';
      api.postMessage({ type: 'convert' });
    } },
  });

  function show(fileName: string, inspection: OnnxInspection): void {
    const { conversion } = inspection;
    convert.toggleAttribute('disabled', !conversion.convertible);
    stats = inspection.tensors.length > 0 ? tensorStatsTable(inspection.tensors) : undefined;
    replaceChildren(app, [
      h('header', { className: 'panel onnx-header' }, [
        h('h1', { className: 'panel-title', text: `${inspection.title} (${fileName})` }),
        h('p', { className: 'hint', text: `ONNX opset ${inspection.opset}, IR ${inspection.irVersion}, made by ${inspection.producer}. ` +
          `Input ${inspection.inputs.map((input) => `${input.name} ${input.shape}`).join(', ')}; output ${inspection.outputs.map((output) => `${output.name} ${output.shape}`).join(', ')}; ` +
          `${inspection.nodes.length} nodes, ${count(inspection.parameterCount)} parameters. Read-only.`, attrs: { id: 'onnx-facts' } }),
        h('div', { className: 'onnx-actions' }, [convert]),
        conversion.convertible ? null : h('div', { className: 'error-text', attrs: { id: 'onnx-unsupported' } }, [
          h('p', { text: `Convert to .nnjson is not available: ${conversion.reason}.` }),
          conversion.unsupported.length > 0 ? h('ul', {}, conversion.unsupported.map(({ node, op }) => h('li', { text: `${node}: ${op}` }))) : null,
        ]),
        status,
      ]),
      h('section', { className: 'panel', attrs: { 'aria-label': 'Nodes' } }, [h('h2', { className: 'panel-title', text: 'Nodes' }), nodesTable(inspection)]),
      h('section', { className: 'panel', attrs: { 'aria-label': 'Initializers' } }, [
        h('h2', { className: 'panel-title', text: 'Initializers' }),
        stats ? stats.element : h('p', { className: 'hint', text: 'The graph has no float initializers.' }),
      ]),
    ]);
    app.removeAttribute('aria-busy');
    stats?.draw();
  }

  window.addEventListener('message', (event: MessageEvent<ToOnnxView>) => {
    const message = event.data;
    switch (message?.type) {
      case 'inspection':
        show(message.fileName, message.inspection);
        break;
      case 'unreadable':
        replaceChildren(app, [h('section', { className: 'panel' }, [
          h('h1', { className: 'panel-title', text: message.fileName }),
          h('p', { className: 'error-text', attrs: { id: 'onnx-error', role: 'alert' }, text: message.message }),
        ])]);
        app.removeAttribute('aria-busy');
        break;
      case 'converted':
        status.textContent = `Wrote ${message.target}.`;
        break;
      case 'conversionFailed':
        status.textContent = message.message;
        break;
    }
  });
  onThemeChange(() => stats?.draw());
  api.postMessage({ type: 'ready' });
}

start();
