/**
 * `nnjson export MODEL --to pytorch` (the built command), where a user meets it: every example model, trained
 * briefly and exported, predicts in `python MODEL.py predict` on its own data what `nnjson predict` writes (within
 * 1e-5 of the largest output), a generated set written beside the script as CSV; one-hot columns and normalizeTarget
 * are applied as NN Builder applies them; a folder of PNGs is read by the script itself, with the same predictions,
 * and one of JPEGs within a measured bound (libjpeg decodes otherwise than jpeg-js); bad input writes nothing.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../../../src/data/csv-parser';
import { runExportedScripts } from '../../shared/exported-pytorch';
import { writeJpegFolder, writePngFolder } from '../../shared/image-folders';
import { relativeDifference } from '../../shared/onnx-runtime';
import { runCli, withExamplesCopy } from './cli-helpers';

const EXAMPLES = readdirSync('examples').filter((name) => name.endsWith('.nnjson')).sort();
const PREDICTION_TOLERANCE = 1e-5;
/** The script's probabilities on JPEGs against nnjson predict's, relative to the largest: measured 0.035 (the pixels differ by up to 28 of 255, then data.fitted's standard scaling). */
const JPEG_PREDICTION_TOLERANCE = 0.05;

/** A classifier of the pictures under data/FOLDER, at input.shape. */
function picturesModel(folder: string, shape: number[]): string {
  return JSON.stringify({
    format: 'nnjson', version: 1, name: folder, input: { shape },
    layers: [
      { type: 'Conv2D', id: 'conv1', outChannels: 4, kernelSize: 3, padding: 1 }, { type: 'ReLU', id: 'relu1' },
      { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 }, { type: 'Flatten', id: 'flatten' },
      { type: 'Linear', id: 'fc1', out: 2 }, { type: 'SoftMax', id: 'softmax' },
    ],
    loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.01 }, training: { epochs: 3, batchSize: 4 },
    data: { source: `./data/${folder}` },
  });
}

/** The numbers of a predictions CSV: its probability_ columns (a classifier) or predicted_ ones (MSE). */
function predictedValues(path: string): Float32Array {
  const [header, ...rows] = parseCsvText(readFileSync(path, 'utf8')).rows;
  const prefix = header.some((name) => String(name).startsWith('probability_')) ? 'probability_' : 'predicted_';
  const columns = header.flatMap((name, index) => (String(name).startsWith(prefix) ? [index] : []));
  return Float32Array.from(rows.flatMap((row) => columns.map((column) => Number(row[column]))));
}

describe('nnjson export --to pytorch (built command)', function () {
  const examples = withExamplesCopy(this);
  this.timeout(300_000);

  it('every example predicts in the exported script what nnjson predict writes; a one-hot, normalizeTarget model and one on a folder of PNGs too', async () => {
    const dir = examples.dir;
    mkdirSync(join(dir, 'torch'), { recursive: true });
    const rows = ['size,colour,weight'];
    const colours = ['red', 'green', 'blue'];
    for (let i = 0; i < 40; i++) rows.push(`${(i * 0.37) % 5 + 1},${colours[i % 3]},${100 + 20 * ((i * 0.37) % 5) + 7 * (i % 3)}`);
    writeFileSync(join(dir, 'data', 'parcels.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'parcels.nnjson'), JSON.stringify({
      format: 'nnjson', version: 1, name: 'Parcels', input: { size: 4 },
      layers: [{ type: 'Linear', id: 'fc1', out: 6 }, { type: 'Tanh', id: 'tanh1' }, { type: 'Linear', id: 'fc2', out: 1 }],
      loss: { type: 'MSE' }, optimizer: { type: 'Adam', lr: 0.01 }, training: { epochs: 3, batchSize: 8 },
      data: { source: './data/parcels.csv', target: 'weight', normalize: 'standard', normalizeTarget: 'standard' },
    }));
    writePngFolder(join(dir, 'data', 'pictures'));
    writeFileSync(join(dir, 'pictures.nnjson'), picturesModel('pictures', [1, 8, 8]));
    const models = [...EXAMPLES, 'parcels.nnjson', 'pictures.nnjson'];
    const jobs = [];
    for (const example of models) {
      const trained = example.replace('.nnjson', '-trained.nnjson');
      const training = await runCli(['train', example, '--epochs', '1', '--out', trained], dir);
      assert.equal(training.code, 0, training.stderr);
      const exported = await runCli(['export', trained, '--to', 'pytorch', '--out', 'torch/'], dir);
      assert.equal(exported.code, 0, exported.stderr);
      const name = trained.replace('.nnjson', '');
      const generated = JSON.parse(readFileSync(join(dir, example), 'utf8')).data.source.startsWith('builtin:') as boolean;
      assert.deepEqual(exported.stderr.trim().split('\n').map((line) => line.replace(/\d+ bytes/, 'N bytes')), [
        `wrote torch/${name}.py (pytorch, N bytes)`, `wrote torch/${name}.safetensors (pytorch, N bytes)`,
        ...(generated ? [`wrote torch/${name}-data.csv (pytorch, N bytes)`] : []),
      ]);
      const predicted = await runCli(['predict', trained, '--out', `${name}.csv`], dir);
      assert.equal(predicted.code, 0, predicted.stderr);
      const source = generated ? join(dir, 'torch', `${name}-data.csv`) : join(dir, JSON.parse(readFileSync(join(dir, example), 'utf8')).data.source);
      jobs.push({ script: join(dir, 'torch', `${name}.py`), argv: ['predict', source, '--out', join(dir, `${name}-torch.csv`)] });
    }
    const results = runExportedScripts(jobs);
    const differences = models.map((example, index) => {
      assert.equal(results[index].status, 0, `${example}: ${results[index].printed}`);
      const name = example.replace('.nnjson', '-trained');
      return relativeDifference(predictedValues(join(dir, `${name}-torch.csv`)), predictedValues(join(dir, `${name}.csv`)));
    });
    models.forEach((example, index) => assert.ok(differences[index] <= PREDICTION_TOLERANCE, `${example}: relative difference ${differences[index]}`));
    console.log(`      largest relative difference from nnjson predict over ${models.length} models: ${Math.max(...differences).toExponential(2)}`);
  });

  it('predicts on a folder of JPEGs in the exported script within a measured bound of nnjson predict', async () => {
    const dir = examples.dir;
    mkdirSync(join(dir, 'torch'), { recursive: true });
    writeJpegFolder(join(dir, 'data', 'photos'));
    writeFileSync(join(dir, 'photos.nnjson'), picturesModel('photos', [3, 8, 8]));
    const training = await runCli(['train', 'photos.nnjson', '--epochs', '3'], dir);
    assert.equal(training.code, 0, training.stderr);
    const exported = await runCli(['export', 'photos.nnjson', '--to', 'pytorch', '--out', 'torch/'], dir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stderr.trim().split('\n').length, 2, `the script and its weights only: ${exported.stderr}`);
    const predicted = await runCli(['predict', 'photos.nnjson', '--out', 'photos.csv'], dir);
    assert.equal(predicted.code, 0, predicted.stderr);
    const [result] = runExportedScripts([{ script: join(dir, 'torch', 'photos.py'), argv: ['predict', join(dir, 'data', 'photos'), '--out', join(dir, 'photos-torch.csv')] }]);
    assert.equal(result.status, 0, result.printed);
    const difference = relativeDifference(predictedValues(join(dir, 'photos-torch.csv')), predictedValues(join(dir, 'photos.csv')));
    assert.ok(difference <= JPEG_PREDICTION_TOLERANCE, `relative difference ${difference}`);
    console.log(`      JPEGs: largest relative difference from nnjson predict ${difference.toExponential(2)}`);
  });

  it('refuses an untrained model and an --out that is the model, and writes nothing', async () => {
    const dir = examples.dir;
    const untrained = await runCli(['export', 'xor.nnjson', '--to', 'pytorch'], dir);
    assert.equal(untrained.code, 1);
    assert.equal(untrained.stderr.trim(), 'xor.nnjson: the model has no trained parameters: train it first (nnjson train MODEL)');
    assert.deepEqual(['xor.py', 'xor.safetensors', 'xor-data.csv'].filter((file) => existsSync(join(dir, file))), []);
    const before = readFileSync(join(dir, 'iris-trained.nnjson'), 'utf8');
    const overModel = await runCli(['export', 'iris-trained.nnjson', '--to', 'pytorch', '--out', 'iris-trained.nnjson'], dir);
    assert.equal(overModel.code, 1);
    assert.match(overModel.stderr, /is the model, and an export never overwrites it/);
    assert.equal(readFileSync(join(dir, 'iris-trained.nnjson'), 'utf8'), before);
    const missingFolder = await runCli(['export', 'iris-trained.nnjson', '--to', 'pytorch', '--out', 'nowhere/'], dir);
    assert.equal(missingFolder.code, 1);
    assert.match(missingFolder.stderr, /^nowhere\/iris-trained\.py: cannot write the file: the folder does not exist: create it first$/m);
  });
});
