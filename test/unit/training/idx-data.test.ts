import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataError } from '../../../src/data/errors';
import { isIdxSource } from '../../../src/data/idx';
import type { DataSpec, NnJsonModel } from '../../../src/shared/nnjson';
import { DataFactsReader } from '../../../src/training/data-facts';
import { loadEncodedData } from '../../../src/training/load-data';
import { runTraining } from '../../../src/training/run-training';
import { idx } from '../../shared/image-files';

// six 2×2 pictures: class 0 is bright on the left column, class 1 on the right
const PIXELS = [255, 0, 255, 0, 0, 255, 0, 255, 200, 10, 220, 0, 0, 180, 30, 250, 240, 0, 250, 20, 10, 255, 0, 230];
const LABELS = [0, 1, 0, 1, 0, 1];

describe('IDX files (MNIST format) as image data', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nnjson-idx-'));
    writeFileSync(join(dir, 'images-idx3-ubyte'), idx([6, 2, 2], PIXELS));
    writeFileSync(join(dir, 'labels-idx1-ubyte'), idx([6], LABELS));
    writeFileSync(join(dir, 'images-idx3-ubyte.gz'), gzipSync(idx([6, 2, 2], PIXELS)));
    writeFileSync(join(dir, 'labels-idx1-ubyte.gz'), gzipSync(idx([6], LABELS)));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const load = (spec: DataSpec, requireTargets = true) => loadEncodedData(spec, 'classification', { modelDir: dir }, requireTargets);

  it('knows IDX sources by their names', () => {
    assert.ok(isIdxSource('train-images-idx3-ubyte.gz'));
    assert.ok(isIdxSource('data/t10k-labels.idx1-ubyte'));
    assert.ok(isIdxSource('pictures.idx'));
    assert.ok(!isIdxSource('digits.csv'));
  });

  for (const gz of ['', '.gz']) {
    it(`reads images and labels${gz ? ', gzipped,' : ''} as 1×H×W pictures in [0, 1], in file order`, async () => {
      const { dataset, hasTargets } = await load({ source: `images-idx3-ubyte${gz}`, labels: `labels-idx1-ubyte${gz}` });
      assert.equal(hasTargets, true);
      assert.deepEqual(dataset.imageShape, [1, 2, 2]);
      assert.deepEqual([dataset.rows, dataset.cols], [6, 4]);
      assert.deepEqual([...dataset.x].map((value) => Math.round(value * 255)), PIXELS);
      assert.deepEqual([...dataset.y], LABELS);
      assert.deepEqual(dataset.classNames, ['0', '1']);
    });
  }

  it('gives the image shape to the data facts', async () => {
    const state = await new DataFactsReader().read({ source: 'images-idx3-ubyte.gz', labels: 'labels-idx1-ubyte.gz' }, 'classification', { modelDir: dir });
    assert.equal(state.status, 'ready');
    if (state.status === 'ready') {
      assert.equal(state.facts.kind, 'idx');
      assert.deepEqual(state.facts.imageShape, [1, 2, 2]);
    }
  });

  it('trains a network on them (flat input of H·W) and records no feature scaling by default', async () => {
    const model: NnJsonModel = {
      format: 'nnjson', version: 1, input: { size: 4 },
      layers: [{ type: 'Linear', id: 'fc1', out: 2 }, { type: 'SoftMax', id: 'softmax1' }],
      loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.1 },
      training: { epochs: 30, batchSize: 2, validationSplit: 0 },
      data: { source: 'images-idx3-ubyte.gz', labels: 'labels-idx1-ubyte.gz' },
    };
    const { model: trained } = await runTraining({ model, modelDir: dir });
    const history = trained.history!;
    assert.ok(history[history.length - 1].loss < history[0].loss, 'the loss falls');
    assert.equal(history[history.length - 1].accuracy, 1);
    assert.deepEqual(trained.data?.fitted?.featureScale, [1, 1, 1, 1]);
  });

  it('reads images without labels for prediction', async () => {
    const { dataset, hasTargets } = await load({ source: 'images-idx3-ubyte' }, false);
    assert.equal(hasTargets, false);
    assert.equal(dataset.rows, 6);
  });

  const refuses = async (files: Record<string, Buffer>, spec: DataSpec, message: RegExp) => {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    await assert.rejects(load(spec), (error: unknown) => error instanceof DataError && message.test(error.message));
  };

  it('refuses a file with the wrong magic number, naming it and the fix', () =>
    refuses({ 'bad-idx3-ubyte': Buffer.from('p0,p1\n1,2\n') }, { source: 'bad-idx3-ubyte', labels: 'labels-idx1-ubyte' },
      /\/bad-idx3-ubyte is not an IDX file \(MNIST format\): its magic number is 70 30 2c 70 but an IDX file starts with 00 00: check data\.source and data\.labels/));

  it('refuses a file cut short, a damaged gzip file, other value types, labels that do not match, and no labels', async () => {
    const full = idx([6, 2, 2], PIXELS);
    await refuses({ 'short-idx3-ubyte': full.subarray(0, full.length - 3) }, { source: 'short-idx3-ubyte', labels: 'labels-idx1-ubyte' },
      /\/short-idx3-ubyte says it holds \[6, 2, 2\] = 24 values but has 21: the file is cut short or damaged; download it again/);
    await refuses({ 'broken-idx3-ubyte.gz': gzipSync(full).subarray(0, 20) }, { source: 'broken-idx3-ubyte.gz', labels: 'labels-idx1-ubyte' },
      /\/broken-idx3-ubyte\.gz is a damaged gzip file .*: download it again/);
    const floats = Buffer.from(full);
    floats[2] = 0x0d;
    await refuses({ 'float-idx3-ubyte': floats }, { source: 'float-idx3-ubyte', labels: 'labels-idx1-ubyte' }, /type 0x0d, but only unsigned bytes \(type 0x08, as MNIST\) are read/);
    await refuses({ 'five-idx1-ubyte': idx([5], LABELS.slice(0, 5)) }, { source: 'images-idx3-ubyte', labels: 'five-idx1-ubyte' },
      /\/five-idx1-ubyte has 5 labels but \S*\/images-idx3-ubyte has 6 images: use the labels file that belongs to these images/);
    await refuses({}, { source: 'labels-idx1-ubyte', labels: 'labels-idx1-ubyte' }, /holds \[6\] but IDX images are \[count, height, width\]: check that data\.source is the images file/);
    await refuses({}, { source: 'images-idx3-ubyte' }, /^data\.labels is missing: IDX images \(images-idx3-ubyte\) need their labels file; set "labels" to its path/);
    await refuses({}, { source: 'images-idx3-ubyte', labels: 'nowhere-idx1-ubyte' }, /nowhere-idx1-ubyte: file not found: check data\.labels/);
  });
});
