/**
 * `nnjson export MODEL --to onnx` (the built command), where a user meets it: every example model, trained briefly,
 * exported, and run in onnxruntime on the raw feature rows of its data, gives the numbers `nnjson predict` writes
 * within 1e-5; the ONNX checker accepts every file; the graph says what it takes and gives; bad input writes nothing.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { parseCsvText } from '../../../src/data/csv-parser';
import { ModelProtoSchema, type ModelProto } from '../../../src/export/onnx/proto/onnx_pb';
import { inputShape } from '../../../src/model/layer-widths';
import { readModel } from '../../../src/model/reader';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { predictRows } from '../../../src/training/evaluate-model';
import { loadEncodedData } from '../../../src/training/load-data';
import { dataSpecOf, taskOf } from '../../../src/training/model-data';
import { checkWithOnnxChecker, ONNX_TOLERANCE, relativeDifference, runOnnx } from '../../shared/onnx-runtime';
import { runCli, withExamplesCopy } from './cli-helpers';

const EXAMPLES = readdirSync('examples').filter((name) => name.endsWith('.nnjson')).sort();

function readModelFile(path: string): NnJsonModel {
  const { model } = readModel(readFileSync(path, 'utf8'));
  assert.ok(model, path);
  return model;
}

/** The numbers of a predictions table: the probability_ columns of a classifier, the predicted_ ones otherwise. */
function predictedValues({ header, rows }: { header: string[]; rows: (string | number)[][] }, task: 'classification' | 'regression'): Float32Array {
  const prefix = task === 'classification' ? 'probability_' : 'predicted_';
  const columns = header.flatMap((name, index) => (name.startsWith(prefix) ? [index] : []));
  return Float32Array.from(rows.flatMap((row) => columns.map((column) => Number(row[column]))));
}

/**
 * onnxruntime on the model's own data as the data source gives it (before any scaling), against `nnjson predict`:
 * the numbers its predictRows computes (float32), and the CSV the command writes (6 significant digits, so within
 * 5e-6 of them). Gives the first difference, relative to the largest output.
 */
async function compareWithPredict(dir: string, modelFile: string, onnxFile: string): Promise<number> {
  const model = readModelFile(join(dir, modelFile));
  const encoded = await loadEncodedData(dataSpecOf(model), taskOf(model), { modelDir: dir }, false, model.input.shape);
  const raw = encoded.dataset;
  const actual = await runOnnx(readFileSync(join(dir, onnxFile)), raw.x, raw.rows, inputShape(model.input));
  const exact = predictedValues(await predictRows({ model, modelDir: dir }), taskOf(model));
  const predicted = await runCli(['predict', modelFile, '--out', `${modelFile}.csv`], dir);
  assert.equal(predicted.code, 0, predicted.stderr);
  const [header, ...rows] = parseCsvText(readFileSync(join(dir, `${modelFile}.csv`), 'utf8')).rows;
  const printed = relativeDifference(actual, predictedValues({ header, rows }, taskOf(model)));
  assert.ok(printed <= ONNX_TOLERANCE, `${onnxFile} against the CSV of nnjson predict: relative difference ${printed}`);
  return relativeDifference(actual, exact);
}

function onnxModelIn(path: string): ModelProto {
  return fromBinary(ModelProtoSchema, readFileSync(path));
}

describe('nnjson export --to onnx (built command)', function () {
  const examples = withExamplesCopy(this);
  this.timeout(300_000);
  const exported: string[] = [];

  for (const example of EXAMPLES) {
    it(`${example}: onnxruntime on the raw data rows gives what nnjson predict gives`, async () => {
      const trained = example.replace('.nnjson', '-trained.nnjson');
      const training = await runCli(['train', example, '--epochs', '1', '--out', trained], examples.dir);
      assert.equal(training.code, 0, training.stderr);
      const result = await runCli(['export', trained, '--to', 'onnx'], examples.dir);
      assert.equal(result.code, 0, result.stderr);
      const onnxFile = trained.replace('.nnjson', '.onnx');
      assert.match(result.stderr, new RegExp(`^wrote ${onnxFile} \\(onnx, \\d+ bytes\\)$`, 'm'));
      const difference = await compareWithPredict(examples.dir, trained, onnxFile);
      assert.ok(difference <= ONNX_TOLERANCE, `${example}: relative difference ${difference}`);
      exported.push(join(examples.dir, onnxFile));
    });
  }

  it('writes every example as a model the ONNX checker accepts (full check)', () => {
    assert.equal(exported.length, EXAMPLES.length);
    checkWithOnnxChecker(exported);
  });

  it('names the graph\'s ends, the batch dimension, the tensors and the classes; images go in as [N, C, H, W]', () => {
    const cnn = onnxModelIn(join(examples.dir, 'digits-cnn-trained.onnx'));
    assert.ok(cnn.opsetImport.some((opset) => opset.domain === '' && opset.version >= 17n));
    const [input] = cnn.graph!.input;
    const [output] = cnn.graph!.output;
    const dims = (value: typeof input) => (value.type!.value.value as { shape: { dim: { value: { value: unknown } }[] } }).shape.dim.map((dim) => dim.value.value);
    assert.deepEqual([input.name, dims(input)], ['input', ['N', 1n, 8n, 8n]]);
    assert.deepEqual([output.name, dims(output)], ['output', ['N', 10n]]);
    const initializers = cnn.graph!.initializer.map((tensor) => `${tensor.name} [${tensor.dims.join(', ')}]`);
    assert.deepEqual(initializers, [
      'data.fitted.featureOffset [1, 8, 8]', 'data.fitted.featureScale [1, 8, 8]', 'conv1.W [16, 1, 3, 3]', 'conv1.b [16]',
      'conv2.W [32, 16, 3, 3]', 'conv2.b [32]', 'fc1.W [512, 64]', 'fc1.b [64]', 'fc2.W [64, 10]', 'fc2.b [10]',
    ]);
    assert.deepEqual(cnn.graph!.node.map((node) => node.opType), [
      'Sub', 'Div', 'Conv', 'Relu', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm', 'Relu', 'Gemm', 'Softmax',
    ], 'the scaling first, and Dropout left out');
    assert.match(cnn.docString, /^Digits CNN: Recognises handwritten digits/);
    assert.match(cnn.docString, /running it on raw feature rows gives the same numbers as `nnjson predict`/);
    const iris = onnxModelIn(join(examples.dir, 'iris-trained.onnx'));
    assert.deepEqual(iris.metadataProps.map(({ key, value }) => [key, JSON.parse(value)]).slice(0, 2), [
      ['classes', ['setosa', 'versicolor', 'virginica']],
      ['inputColumns', ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']],
    ]);
    assert.deepEqual(iris.metadataProps.map(({ key }) => key).slice(2), ['nnjson.settings'], 'the model\'s settings, for the import');
  });

  it('folds one-hot inputs and normalizeTarget in: onnxruntime gives predict\'s numbers in the target\'s units', async () => {
    const rows = ['size,colour,weight'];
    const colours = ['red', 'green', 'blue'];
    for (let i = 0; i < 40; i++) rows.push(`${(i * 0.37) % 5 + 1},${colours[i % 3]},${100 + 20 * ((i * 0.37) % 5) + 7 * (i % 3)}`);
    writeFileSync(join(examples.dir, 'data', 'parcels.csv'), `${rows.join('\n')}\n`);
    const model = {
      format: 'nnjson', version: 1, name: 'Parcels', description: 'Weighs parcels.', input: { size: 4 },
      layers: [{ type: 'Linear', id: 'fc1', out: 6 }, { type: 'Tanh', id: 'tanh1' }, { type: 'Linear', id: 'fc2', out: 1 }],
      loss: { type: 'MSE' }, optimizer: { type: 'Adam', lr: 0.01 }, training: { epochs: 3, batchSize: 8 },
      data: { source: './data/parcels.csv', target: 'weight', normalize: 'standard', normalizeTarget: 'standard' },
    };
    writeFileSync(join(examples.dir, 'parcels.nnjson'), JSON.stringify(model));
    assert.equal((await runCli(['train', 'parcels.nnjson'], examples.dir)).code, 0);
    const result = await runCli(['export', 'parcels.nnjson', '--to', 'onnx', '--out', 'weights.onnx'], examples.dir);
    assert.equal(result.code, 0, result.stderr);
    const difference = await compareWithPredict(examples.dir, 'parcels.nnjson', 'weights.onnx');
    assert.ok(difference <= ONNX_TOLERANCE, `relative difference ${difference}`);
    const onnx = onnxModelIn(join(examples.dir, 'weights.onnx'));
    assert.deepEqual(onnx.graph!.node.slice(-2).map((node) => [node.opType, node.output[0]]), [['Mul', 'data.fitted/Mul'], ['Add', 'output']]);
    assert.match(onnx.docString, /the columns colour=blue, colour=green, colour=red, 1 for the row's value/);
    assert.match(onnx.docString, /the predicted weight in the targets' own units/);
    checkWithOnnxChecker([join(examples.dir, 'weights.onnx')]);
  });

  it('refuses a malformed, an untrained or a wrongly named model with one line, and writes nothing', async () => {
    writeFileSync(join(examples.dir, 'broken.nnjson'), '{ "format": "nnjson", "version": 1, "input": { "size": 2 }, "layers": [ }');
    const broken = await runCli(['export', 'broken.nnjson', '--to', 'onnx'], examples.dir);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^broken\.nnjson:1:\d+: error: /);
    assert.equal(existsSync(join(examples.dir, 'broken.onnx')), false);

    const untrained = await runCli(['export', 'xor.nnjson', '--to', 'onnx'], examples.dir);
    assert.equal(untrained.code, 1);
    assert.equal(untrained.stderr.trim(), 'xor.nnjson: the model has no trained parameters: train it first (nnjson train MODEL)');
    assert.equal(existsSync(join(examples.dir, 'xor.onnx')), false);

    const before = readFileSync(join(examples.dir, 'iris-trained.nnjson'), 'utf8');
    const overModel = await runCli(['export', 'iris-trained.nnjson', '--to', 'onnx', '--out', 'iris-trained.nnjson'], examples.dir);
    assert.equal(overModel.code, 1);
    assert.match(overModel.stderr, /is the model, and an export never overwrites it/);
    assert.equal(readFileSync(join(examples.dir, 'iris-trained.nnjson'), 'utf8'), before);

    const noFormat = await runCli(['export', 'iris-trained.nnjson'], examples.dir);
    assert.equal(noFormat.code, 2);
    assert.match(noFormat.stderr, /say which format with --to \(onnx, pytorch\)/);
    const unknown = await runCli(['export', 'iris-trained.nnjson', '--to', 'keras'], examples.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--to keras is not a format it writes: use onnx, pytorch/);
  });
});
