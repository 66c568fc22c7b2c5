/**
 * The export and import round trip in the real VS Code (code-server 4.100.3), as a user goes: iris trained from the
 * builder's Train button; Export (the toolbar's button) to ONNX, which onnxruntime runs on the raw rows to what the
 * builder's Predict writes; Export to PyTorch, whose script predicts the same; the script's training continued
 * under torchrun on two processes and written back into the .nnjson, which the builder, still open, shows (the
 * epochs, the new weights' statistics). Then a .onnx made by PyTorch opened in the ONNX viewer, inspected and
 * converted: the builder opens on the converted model.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { parseCsvText } from '../../src/data/csv-parser';
import { summarize } from '../../src/insight/tensor-stats';
import { readModel } from '../../src/model/reader';
import { tensorValues } from '../../src/model/tensor-codec';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { torchrun } from '../shared/exported-pytorch';
import { ONNX_TOLERANCE, relativeDifference, runOnnx } from '../shared/onnx-runtime';
import { pythonProgram } from '../shared/python-env';
import { until } from '../shared/until';
import { useVsCodeSession } from './code-server';
import { answer, builderFrame, frameWhere, holding, openFile, saveAs } from './workbench';

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const LENET_LAYERS = ['Conv2D', 'ReLU', 'MaxPool2D', 'Conv2D', 'Tanh', 'AvgPool2D', 'Flatten', 'Linear', 'ReLU', 'Linear'];

function csvRows(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsvText(readFileSync(path, 'utf8')).rows;
  return { header, rows };
}

/** The probability columns of a predictions file, row after row. */
function probabilities(path: string): number[] {
  const { header, rows } = csvRows(path);
  const columns = header.flatMap((name, index) => (name.startsWith('probability_') ? [index] : []));
  assert.equal(columns.length, 3, `three probability columns in ${path}: ${header.join(',')}`);
  return rows.flatMap((row) => columns.map((column) => Number(row[column])));
}

function modelOnDisk(path: string): NnJsonModel | undefined {
  return readModel(readFileSync(path, 'utf8')).model;
}

/** The builder's tensor table: name → [min, max, mean, std] as shown. */
async function shownTensors(frame: Frame): Promise<Map<string, number[]>> {
  const rows = await frame.locator('#stats-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
  return new Map(rows.map(([name, , ...figures]) => [name, figures.slice(0, 4).map(Number)]));
}

/** True when the table shows each tensor of `model` (to the 4 significant digits the builder writes). */
function showsTensorsOf(shown: Map<string, number[]>, model: NnJsonModel): boolean {
  const layers = model.layers.filter((layer) => model.parameters?.[layer.id]);
  return layers.length > 0 && layers.every((layer) => Object.entries(model.parameters![layer.id]).every(([name, tensor]) => {
    const decoded = tensorValues(tensor);
    if ('error' in decoded) throw new Error(`${layer.id}.${name}: ${decoded.error}`);
    const stats = summarize(layer.id, name, tensor.shape, decoded.values, 24);
    const figures = shown.get(`${layer.id}.${name}`);
    return figures !== undefined && [stats.min, stats.max, stats.mean, stats.std].every((value, i) => Math.abs(figures[i] - value) <= 1e-3 * Math.abs(value) + 1e-6);
  }));
}

/** The frame of a builder whose layer cards are of `types`, in order. */
async function builderOf(page: Page, types: readonly string[]): Promise<Frame> {
  return frameWhere(page, async (frame) => {
    const shown = await frame.locator('#layer-list .layer-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-layer-type')));
    return shown.join() === types.join();
  }, `a builder on ${types.join(', ')}`);
}

describe('exporting and importing models in a real VS Code (code-server)', function () {
  this.timeout(15 * 60_000);
  const session = useVsCodeSession('export-round-trip');

  it('exports a model trained in the builder to ONNX and PyTorch, continues its training under torchrun into the open builder, and converts a PyTorch .onnx', async () => {
    const workspace = session.workspace;
    const data = session.copyExample('data/iris.csv');
    const modelPath = join(workspace, 'iris.nnjson');
    writeFileSync(modelPath, readFileSync(join('examples', 'iris.nnjson'), 'utf8').replace('"epochs": 30', '"epochs": 20'));
    copyFileSync(join('test', 'fixtures', 'onnx', 'torch-lenet.onnx'), join(workspace, 'torch-lenet.onnx'));
    const page = await session.start({});

    // 1. train from the builder; the run is saved into the file
    await openFile(page, 'iris.nnjson');
    let frame = await builderFrame(page);
    await until(() => frame.locator('.layer-card').count(), (count) => count === 4, 'the four iris layers');
    await until(() => frame.locator('#train-button').getAttribute('disabled'), (disabled) => disabled === null, 'Train enabled');
    await frame.locator('#train-button').click();
    const trained = await until(() => modelOnDisk(modelPath), (model) => model?.parameters !== undefined && model.history?.at(-1)?.epoch === 20, 'the trained model saved', 5 * 60_000);
    assert.equal(trained?.trainingStatus, undefined, 'the run completed');

    // what the model predicts on its data: the builder's Predict, to a file named in the save dialog
    await frame.locator('#predict-button').click();
    await answer(page, /Predict with iris\.nnjson: which data/, 'training data');
    await answer(page, /Include the input columns/, 'No');
    const predictionsPath = join(workspace, 'iris-predictions.csv');
    await saveAs(page, /Save the predictions of iris\.nnjson/, predictionsPath);
    await until(() => existsSync(predictionsPath) && csvRows(predictionsPath).rows.length, (rows) => rows === 150, 'the 150 predictions');
    const predicted = probabilities(predictionsPath);
    // the predictions opened in an editor: back to the builder's tab
    await until(() => page.locator('.tab').allTextContents(), (titles) => titles.some((title) => title.includes('iris-predictions.csv')), 'the predictions open in an editor');
    await page.locator('.tabs-container .tab[aria-label^="iris.nnjson"]').click();
    frame = await builderFrame(page);
    const exportButton = frame.locator('#export-button');
    await until(() => exportButton.getAttribute('disabled'), (disabled) => disabled === null, 'Export enabled on the trained model');

    // 2. Export → ONNX → the path; onnxruntime on the raw rows gives what Predict wrote
    await exportButton.click();
    await answer(page, /Export Model: choose the format/, 'ONNX');
    const onnxPath = join(workspace, 'iris.onnx');
    await saveAs(page, /Export iris\.nnjson as ONNX/, onnxPath);
    await until(() => existsSync(onnxPath), (exists) => exists, 'iris.onnx');
    const { header, rows } = csvRows(data);
    const raw = Float32Array.from(rows.flatMap((row) => FEATURES.map((name) => Number(row[header.indexOf(name)]))));
    const onnxDifference = relativeDifference(await runOnnx(readFileSync(onnxPath), raw, rows.length, [FEATURES.length]), predicted);
    assert.ok(onnxDifference <= ONNX_TOLERANCE, `onnxruntime against Predict's CSV (6 significant digits): ${onnxDifference}`);
    console.log(`      onnxruntime against Predict: ${onnxDifference.toExponential(2)}`);

    // 3. Export → PyTorch: the script and its weights; `python iris.py predict` gives the same
    await exportButton.click();
    await answer(page, /Export Model: choose the format/, 'PyTorch');
    const scriptPath = join(workspace, 'iris.py');
    await saveAs(page, /Export iris\.nnjson as PyTorch/, scriptPath);
    const weightsPath = join(workspace, 'iris.safetensors');
    await until(() => existsSync(scriptPath) && existsSync(weightsPath), (both) => both, 'iris.py and iris.safetensors');
    const torchPredictions = join(workspace, 'iris-torch.csv');
    const prediction = spawnSync(pythonProgram(), ['iris.py', 'predict', 'data/iris.csv', '--out', torchPredictions], { cwd: workspace, encoding: 'utf8' });
    assert.equal(prediction.status, 0, `${prediction.stdout}${prediction.stderr}`);
    const torchDifference = relativeDifference(probabilities(torchPredictions), predicted);
    assert.ok(torchDifference <= ONNX_TOLERANCE, `the script's predictions against Predict's CSV: ${torchDifference}`);
    console.log(`      the PyTorch script against Predict: ${torchDifference.toExponential(2)}`);

    // 4. the script's training, on two processes, written back into the model the builder has open
    const shownBefore = await shownTensors(frame);
    assert.ok(showsTensorsOf(shownBefore, trained!), `the builder shows the trained tensors (${JSON.stringify([...shownBefore])})`);
    const run = torchrun(2, 'iris.py', ['train', '--epochs', '2', '--write-nnjson', 'iris.nnjson'], workspace);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /2 processes of 8 rows of each batch of 16/);
    const read = readModel(readFileSync(modelPath, 'utf8'));
    assert.deepEqual(read.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), [], 'the model written back validates');
    const continued = read.model!;
    assert.deepEqual(continued.history?.map((record) => record.epoch).slice(-3), [20, 21, 22], 'the script\'s epochs follow the builder\'s');
    assert.ok(!showsTensorsOf(shownBefore, continued), 'the weights moved beyond what the table shows');

    // 5. the builder, still open, follows the file: 22 epochs, the new weights
    await until(() => frame.locator('#loss-chart').getAttribute('data-epochs'), (epochs) => epochs === '22', 'the chart of 22 epochs', 60_000);
    assert.match(await frame.locator('#training-status').textContent() ?? '', /^22 epochs in total; loss /);
    const shownAfter = await until(() => shownTensors(frame), (shown) => showsTensorsOf(shown, continued), 'the written-back tensors in the builder', 60_000);
    assert.equal(shownAfter.size, 4);
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'the file\'s change is not an unsaved edit');

    // 6. a .onnx made by PyTorch: the viewer lists its nodes with shapes; Convert opens the builder on the model
    await openFile(page, 'torch-lenet.onnx');
    const viewer = await frameWhere(page, holding('#onnx-nodes'), 'the ONNX viewer');
    const nodes = await viewer.locator('#onnx-nodes tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));
    assert.deepEqual(nodes.map((row) => row[2]), ['Conv', 'Relu', 'MaxPool', 'Conv', 'Tanh', 'AveragePool', 'Flatten', 'Gemm', 'Relu', 'Gemm']);
    assert.deepEqual(nodes.map((row) => row[4]), ['N×4×16×16', 'N×4×16×16', 'N×4×8×8', 'N×8×4×4', 'N×8×4×4', 'N×8×2×2', 'N×32', 'N×16', 'N×16', 'N×10']);
    await viewer.locator('#onnx-convert').click();
    const converted = join(workspace, 'torch-lenet.nnjson');
    await until(() => existsSync(converted) && modelOnDisk(converted)?.layers.map((layer) => layer.type).join(), (types) => types === LENET_LAYERS.join(), 'the converted torch-lenet.nnjson');
    const lenet = await builderOf(page, LENET_LAYERS);
    assert.match(await lenet.locator('#network-input').textContent() ?? '', /1×16×16/);
    await page.locator('.tabs-container .tab.active[aria-label^="torch-lenet.nnjson"]').waitFor({ timeout: 60_000 });
  });
});
