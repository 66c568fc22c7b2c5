/**
 * The ONNX viewer's page (dist/onnx-view.js, served as the extension serves it) in Chromium, fed the inspection the
 * host computes of real files: PyTorch's LeNet shows its nodes in order with op types, attributes and output
 * shapes, its parameter count and one histogram per initializer, and a keyboard-reachable Convert button that asks
 * the host to convert; a graph that is not a chain is listed with each node's inputs and the unsupported node named;
 * an unreadable file shows its one-line reason. No CSP violation or page error.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { create, toBinary } from '@bufbuild/protobuf';
import type { Page } from 'playwright-core';
import { GraphBuilder } from '../../src/export/onnx/graph-builder';
import {
  GraphProtoSchema, ModelProtoSchema, OperatorSetIdProtoSchema, TensorProto_DataType, TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema, TypeProto_TensorSchema, TypeProtoSchema, ValueInfoProtoSchema,
} from '../../src/export/onnx/proto/onnx_pb';
import { inspectOnnx } from '../../src/import/onnx/inspection';
import type { FromOnnxView, ToOnnxView } from '../../src/shared/onnx-view-protocol';
import { PageServer, paintedPixels, stubScript, useServedPages, type ServedPages } from './harness';
import { DARK_THEME, themeCss } from './theme';

/** x → Relu → Add(x, ·) → Selu: a residual graph, so not a chain, with an op no layer maps. */
function residualModel(): Uint8Array {
  const graph = new GraphBuilder('input');
  const relu = graph.node('block', 'Relu', ['input']);
  const sum = graph.node('block', 'Add', ['input', relu]);
  graph.node('head', 'Selu', [sum]);
  graph.finish(graph.nodes[graph.nodes.length - 1].output[0], 'output');
  const value = (name: string) => create(ValueInfoProtoSchema, {
    name, type: create(TypeProtoSchema, { value: { case: 'tensorType', value: create(TypeProto_TensorSchema, {
      elemType: TensorProto_DataType.FLOAT,
      shape: create(TensorShapeProtoSchema, { dim: [create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: 'N' } }),
        create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: 5n } })] }),
    }) } }),
  });
  return toBinary(ModelProtoSchema, create(ModelProtoSchema, {
    irVersion: 9n, opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 17n })], producerName: 'test',
    graph: create(GraphProtoSchema, { name: 'residual', node: graph.nodes, input: [value('input')], output: [value('output')] }),
  }));
}

interface ViewerPage {
  readonly page: Page;
  readonly received: FromOnnxView[];
  readonly errors: string[];
}

async function openViewer(pages: ServedPages, fileName: string, bytes: Uint8Array): Promise<ViewerPage> {
  const page = await pages.newPage({ width: 1200, height: 900 });
  const viewer: ViewerPage = { page, received: [], errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') viewer.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => viewer.errors.push(`page error: ${error.message}`));
  await page.exposeFunction('__reportViolation', (text: string) => viewer.errors.push(`CSP violation: ${text}`));
  await page.exposeFunction('__hostReceive', async (message: FromOnnxView) => {
    viewer.received.push(message);
    if (message.type !== 'ready') return;
    // what the extension's provider posts: the host's inspection of the file
    const inspection = inspectOnnx(bytes);
    const reply: ToOnnxView = 'error' in inspection ? { type: 'unreadable', fileName, message: inspection.error } : { type: 'inspection', fileName, inspection };
    await page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(reply)} }))`);
  });
  await page.addInitScript(stubScript(themeCss(DARK_THEME)));
  await page.goto(`${pages.server.origin}/`);
  return viewer;
}

describe('ONNX viewer page (Chromium)', function () {
  this.timeout(120_000);
  const pages = useServedPages(new PageServer('onnx-view', 'ONNX model: test.onnx'));

  it('PyTorch\'s LeNet: nodes in order with ops, attributes and shapes, parameters, histograms, and Convert from the keyboard', async () => {
    const viewer = await openViewer(pages, 'torch-lenet.onnx', readFileSync('test/fixtures/onnx/torch-lenet.onnx'));
    const { page } = viewer;
    await page.waitForSelector('#onnx-nodes');
    const rows = await page.$$eval('#onnx-nodes tbody tr', (trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    assert.deepEqual(rows.map((row) => row[2]), ['Conv', 'Relu', 'MaxPool', 'Conv', 'Tanh', 'AveragePool', 'Flatten', 'Gemm', 'Relu', 'Gemm']);
    assert.deepEqual(rows.map((row) => row[4]), ['N×4×16×16', 'N×4×16×16', 'N×4×8×8', 'N×8×4×4', 'N×8×4×4', 'N×8×2×2', 'N×32', 'N×16', 'N×16', 'N×10']);
    assert.match(rows[0][3] ?? '', /kernel_shape = \[5, 5\].*pads = \[2, 2, 2, 2\]/);
    assert.equal(rows[0][5], String(4 * 25 + 4), 'the first Conv holds its filters and biases');
    const total = 4 * 25 + 4 + 8 * 4 * 25 + 8 + 32 * 16 + 16 + 16 * 10 + 10;
    assert.equal(await page.textContent('#onnx-parameter-count'), total.toLocaleString('en-US'));
    assert.match(await page.textContent('#onnx-nodes caption') ?? '', /A chain/);
    const tensors = await page.$$eval('#stats-table tbody th', (cells) => cells.map((cell) => cell.textContent));
    assert.equal(tensors.length, 8, 'one row per initializer');
    assert.ok(tensors.includes('8.weight'));
    assert.ok(Number(await page.evaluate(paintedPixels('#stats-table canvas.histogram'))) > 0, 'the histogram is drawn');
    // the Convert button is reached with Tab and pressed with Enter: the host is asked to convert
    const focusable = await page.evaluate(`(() => { const button = document.getElementById('onnx-convert'); return !button.hasAttribute('disabled') && button.tabIndex >= 0; })()`);
    assert.ok(focusable, 'Convert is enabled and in the tab order');
    await page.focus('#onnx-convert');
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.getElementById('onnx-status')?.textContent === 'Converting…'`);
    assert.ok(viewer.received.some((message) => message.type === 'convert'));
    assert.deepEqual(viewer.errors, []);
    await page.close();
  });

  it('a graph that is not a chain: listed with each node\'s inputs, the unsupported node named, no Convert', async () => {
    const viewer = await openViewer(pages, 'residual.onnx', residualModel());
    const { page } = viewer;
    await page.waitForSelector('#onnx-nodes');
    assert.match(await page.textContent('#onnx-nodes caption') ?? '', /Not a chain/);
    const inputs = await page.$$eval('#onnx-nodes tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('.onnx-input')].map((span) => span.textContent)));
    assert.deepEqual(inputs, [['input'], ['input', 'block/Relu'], ['block/Add']]);
    assert.equal(await page.getAttribute('#onnx-convert', 'disabled'), '');
    assert.match(await page.textContent('#onnx-unsupported') ?? '', /block\/Add: Add/);
    assert.deepEqual(viewer.errors, []);
    await page.close();
  });

  it('a truncated file: its one-line reason', async () => {
    const viewer = await openViewer(pages, 'cut.onnx', readFileSync('test/fixtures/onnx/torch-mlp.onnx').subarray(0, 700));
    await viewer.page.waitForSelector('#onnx-error');
    assert.match(await viewer.page.textContent('#onnx-error') ?? '', /not a readable ONNX model .*may be truncated/);
    assert.deepEqual(viewer.errors, []);
    await viewer.page.close();
  });
});
