/**
 * The exported PyTorch script on a model whose data is a folder of images, against NN Builder: the rows it reads
 * (Pillow decoding, NN Builder's listing, grayscale or RGB conversion, resize, scaling and data.fitted) are NN
 * Builder's bit for bit for PNGs of every kind (gray, RGB, alpha, palette, tRNS, 1- to 16-bit, other sizes,
 * names sorted by UTF-16 code units), and within a measured bound for JPEGs, which libjpeg and jpeg-js decode
 * differently; ten training steps from the folder give NN Builder's parameters; an unreadable image, a size that
 * does not match and a missing Pillow each give one line; a script on a CSV does not import Pillow.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFitted, type FittedData } from '../../../src/data/preprocess';
import { writeModel } from '../../../src/model/writer';
import type { LayerSpec, NnJsonModel } from '../../../src/shared/nnjson';
import { exportFiles } from '../../../src/training/export-files';
import { loadEncodedData } from '../../../src/training/load-data';
import { runTraining } from '../../../src/training/run-training';
import { listImageFolder } from '../../../src/node/image-folder';
import { float32File, largestDifference, readModelFile, runExportedScripts } from '../../shared/exported-pytorch';
import { PNG_KINDS, writeJpegFolder, writePngFolder } from '../../shared/image-folders';
import { PYTHON } from '../../shared/python-env';

const STEP_TOLERANCE = 1e-4;
/**
 * How far a JPEG's pixels (of 255, after the resize) may lie from jpeg-js's: libjpeg's IDCT rounds otherwise, and
 * it interpolates colour stored at half resolution (4:2:0) where jpeg-js repeats it, which tells at sharp colour
 * edges. Measured on these pictures, resized to 8×8: gray 1, full-resolution colour 3, 4:2:0 28 (48 in the decoded
 * pictures themselves).
 */
const JPEG_LEVELS = { gray: 2, '4:4:4': 4, '4:2:0': 32 };

const CNN: LayerSpec[] = [
  { type: 'Conv2D', id: 'conv1', outChannels: 3, kernelSize: 3, padding: 1 }, { type: 'ReLU', id: 'relu1' },
  { type: 'MaxPool2D', id: 'pool1', kernelSize: 2 }, { type: 'Flatten', id: 'flatten' },
  { type: 'Linear', id: 'fc1', out: 2 }, { type: 'SoftMax', id: 'softmax' },
];

function imageModel(name: string, source: string, input: NnJsonModel['input'], layers: LayerSpec[] = CNN): NnJsonModel {
  return {
    format: 'nnjson', version: 1, name, input, layers,
    loss: { type: 'CrossEntropy' }, optimizer: { type: 'Adam', lr: 0.01 },
    training: { epochs: 2, batchSize: 4, shuffle: true, validationSplit: 0.2, seed: 5 },
    data: { source },
  };
}

const FLAT: LayerSpec[] = [{ type: 'Linear', id: 'fc1', out: 2 }, { type: 'SoftMax', id: 'softmax' }];

describe('PyTorch export: a folder of images read as NN Builder reads it', function () {
  this.timeout(300_000);
  const folder = mkdtempSync(join(tmpdir(), 'nnjson-pytorch-images-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  writePngFolder(join(folder, 'pictures'));
  mkdirSync(join(folder, 'torch'));

  /** The model trained one epoch by NN Builder and exported to torch/NAME.py; the trained model. */
  async function exported(model: NnJsonModel): Promise<NnJsonModel> {
    const name = model.name!;
    const { model: trained } = await runTraining({ model, modelDir: folder, overrides: { epochs: 1 } });
    writeFileSync(join(folder, `${name}.nnjson`), writeModel(trained));
    const files = await exportFiles(trained, join(folder, `${name}.nnjson`), join(folder, 'torch', name), 'pytorch', 'test', { modelDir: folder });
    assert.deepEqual(files.map((file) => file.path), [join(folder, 'torch', `${name}.py`), join(folder, 'torch', `${name}.safetensors`)], 'no data CSV for a folder of images');
    for (const file of files) writeFileSync(file.path, file.bytes);
    return trained;
  }

  /** NN Builder's rows of `source` for the trained model, scaled with its data.fitted. */
  async function builderRows(model: NnJsonModel, source: string): Promise<Float32Array> {
    const { dataset } = await loadEncodedData({ ...model.data!, source }, 'classification', { modelDir: folder }, false, model.input.shape);
    applyFitted(dataset, model.data!.fitted as FittedData);
    return dataset.x;
  }

  function largestGap(actual: Float32Array, expected: Float32Array): number {
    assert.equal(actual.length, expected.length, 'as many values as NN Builder reads');
    return expected.reduce((largest, value, i) => Math.max(largest, Math.abs(actual[i] - value)), 0);
  }

  it('reads NN Builder\'s rows bit for bit from PNGs of every kind, converted to gray, to RGB and at the first picture\'s size', async () => {
    mkdirSync(join(folder, 'same-size', 'across'), { recursive: true });
    mkdirSync(join(folder, 'same-size', 'down'), { recursive: true });
    for (const [i, kind] of [0, 1, 4, 5, 7].entries()) {
      for (const direction of ['across', 'down'] as const) writeFileSync(join(folder, 'same-size', direction, `${i}.png`), PNG_KINDS[kind](direction, i + 2)[1]);
    }
    const models = [
      imageModel('gray', './pictures', { shape: [1, 8, 8] }),
      imageModel('rgb', './pictures', { shape: [3, 6, 6] }, [{ type: 'Flatten', id: 'flatten' }, ...FLAT]),
      imageModel('flat', './same-size', { size: 64 }, FLAT),
    ];
    const expected: Float32Array[] = [];
    for (const model of models) {
      const trained = await exported(model);
      expected.push(await builderRows(trained, model.data!.source));
    }
    const jobs = models.map(({ name, data }) => ({ script: join(folder, 'torch', `${name}.py`), rows: join(folder, data!.source), output: join(folder, `${name}.rows`) }));
    const results = runExportedScripts(jobs);
    models.forEach(({ name }, index) => {
      assert.equal(results[index].status, 0, `${name}: ${results[index].printed}`);
      assert.equal(largestGap(float32File(jobs[index].output), expected[index]), 0, `${name}: the rows are NN Builder's`);
    });
    const script = readFileSync(join(folder, 'torch', 'gray.py'), 'utf8');
    assert.match(script, /^It needs torch, and Pillow \(pip install pillow\) to decode the images of \.\.\/pictures\.$/m);
  });

  it('reads JPEGs within a measured bound of jpeg-js\'s pixels: libjpeg decodes otherwise', async () => {
    writeJpegFolder(join(folder, 'photos'));
    const model = await exported(imageModel('photos', './photos', { shape: [3, 8, 8] }, [{ type: 'Flatten', id: 'flatten' }, ...FLAT]));
    // the rows before data.fitted: the pixels in [0, 1]
    const fitted = model.data!.fitted as FittedData;
    const unscaled = { ...model, data: { ...model.data!, fitted: { ...fitted, featureOffset: fitted.featureOffset!.map(() => 0), featureScale: fitted.featureScale!.map(() => 1) } } };
    writeFileSync(join(folder, 'photos-unscaled.nnjson'), writeModel(unscaled));
    for (const file of await exportFiles(unscaled, join(folder, 'photos-unscaled.nnjson'), join(folder, 'torch', 'photos-unscaled'), 'pytorch', 'test', { modelDir: folder })) {
      writeFileSync(file.path, file.bytes);
    }
    const expected = await builderRows(unscaled, './photos');
    const [result] = runExportedScripts([{ script: join(folder, 'torch', 'photos-unscaled.py'), rows: join(folder, 'photos'), output: join(folder, 'photos.rows') }]);
    assert.equal(result.status, 0, result.printed);
    const actual = float32File(join(folder, 'photos.rows'));
    const width = 3 * 8 * 8;
    const gaps = { gray: 0, '4:4:4': 0, '4:2:0': 0 };
    listImageFolder(join(folder, 'photos')).files.forEach(({ path }, row) => {
      const kind = path.includes('-gray') ? 'gray' : path.includes('-420') ? '4:2:0' : '4:4:4';
      const levels = 255 * largestGap(actual.subarray(row * width, (row + 1) * width), expected.subarray(row * width, (row + 1) * width));
      gaps[kind] = Math.max(gaps[kind], levels);
    });
    for (const [kind, levels] of Object.entries(gaps) as [keyof typeof gaps, number][]) {
      assert.ok(levels <= JPEG_LEVELS[kind], `${kind} JPEGs: pixels differ by ${levels.toFixed(2)} of 255`);
    }
    assert.ok(gaps['4:2:0'] > 0, 'libjpeg and jpeg-js do differ, or the bound is loose for nothing');
    console.log(`      JPEG pixels (resized to 8×8) against jpeg-js's, largest difference of 255: ${Object.entries(gaps).map(([kind, levels]) => `${kind} ${levels.toFixed(2)}`).join(', ')}`);
  });

  it('ten steps from the folder in torch give NN Builder\'s parameters', async () => {
    const models = [imageModel('gray-steps', './pictures', { shape: [1, 8, 8] }), imageModel('rgb-steps', './pictures', { shape: [3, 6, 6] }, [{ type: 'Flatten', id: 'flatten' }, ...FLAT])];
    const expected: NnJsonModel[] = [];
    for (const model of models) {
      const trained = await exported(model);
      copyFileSync(join(folder, `${model.name}.nnjson`), join(folder, `${model.name}-torch.nnjson`));
      expected.push((await runTraining({ model: trained, modelDir: folder })).model);
    }
    const results = runExportedScripts(models.map(({ name }) => ({ script: join(folder, 'torch', `${name}.py`), argv: ['train', '--write-nnjson', join(folder, `${name}-torch.nnjson`)] })));
    const differences = models.map(({ name }, index) => {
      assert.equal(results[index].status, 0, `${name}: ${results[index].printed}`);
      assert.match(results[index].printed, /data: \.\.\/pictures: 20 training rows, 5 validation rows/);
      const torchModel = readModelFile(join(folder, `${name}-torch.nnjson`));
      torchModel.history?.forEach((record, epoch) => {
        const theirs = expected[index].history![epoch];
        assert.ok(Math.abs(record.loss - theirs.loss) <= STEP_TOLERANCE * Math.max(1, theirs.loss), `${name}: epoch ${record.epoch} loss ${record.loss} against ${theirs.loss}`);
      });
      return largestDifference(torchModel, expected[index]);
    });
    models.forEach(({ name }, index) => assert.ok(differences[index].largest <= STEP_TOLERANCE, `${name}: ${differences[index].where} differs by ${differences[index].largest}`));
    console.log(`      largest parameter difference after 10 steps from the folder: ${Math.max(...differences.map((d) => d.largest)).toExponential(2)}`);
  });

  it('names an unreadable image, a picture of another size and a missing Pillow in one line; a script on a CSV does not import Pillow', async () => {
    cpSync(join(folder, 'pictures'), join(folder, 'broken'), { recursive: true });
    writeFileSync(join(folder, 'broken', 'down', '07-rgb.png'), 'not a PNG at all');
    mkdirSync(join(folder, 'other-size', 'across'), { recursive: true });
    writeFileSync(join(folder, 'other-size', 'across', 'a.png'), PNG_KINDS[0]('across', 1)[1]);
    writeFileSync(join(folder, 'other-size', 'across', 'b.png'), PNG_KINDS[2]('across', 1)[1]);
    const results = runExportedScripts([
      { script: join(folder, 'torch', 'gray.py'), argv: ['predict', join(folder, 'broken')] },
      { script: join(folder, 'torch', 'flat.py'), argv: ['predict', join(folder, 'other-size')] },
    ]);
    assert.deepEqual(results.map(({ status }) => status), [1, 1]);
    const broken = join(folder, 'broken', 'down', '07-rgb.png');
    assert.equal(results[0].printed, `${broken}: cannot be read as an image (cannot identify image file '${broken}'): replace the file or move it out of the class folder`);
    assert.equal(results[1].printed, `${join(folder, 'other-size', 'across', 'b.png')}: is 12×10 but a.png is 8×8: set input.shape to the size to convert every image to, e.g. [1, 8, 8]`);
    await assert.rejects(builderRows(readModelFile(join(folder, 'flat.nnjson')), './other-size'), { message: results[1].printed });

    // a PIL that fails to import stands for a Python without Pillow
    mkdirSync(join(folder, 'no-pillow', 'PIL'), { recursive: true });
    writeFileSync(join(folder, 'no-pillow', 'PIL', '__init__.py'), 'raise ImportError("No module named PIL")\n');
    const env = { ...process.env, PYTHONPATH: join(folder, 'no-pillow') };
    const without = spawnSync(PYTHON, [join(folder, 'torch', 'gray.py'), 'predict', join(folder, 'pictures')], { encoding: 'utf8', env });
    assert.equal(without.status, 1);
    assert.equal(without.stderr, 'the images of ../pictures are decoded with Pillow, which is not installed: pip install pillow\n');
    const help = spawnSync(PYTHON, [join(folder, 'torch', 'gray.py'), 'predict', '--help'], { encoding: 'utf8', env });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout.replace(/\s+/g, ' '), /a folder with a subfolder of PNG or JPEG images for each class, as the model's data/);

    writeFileSync(join(folder, 'points.csv'), `a,b,label\n${Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2 ? 'x' : 'y'}`).join('\n')}\n`);
    const csvModel: NnJsonModel = { ...imageModel('points', 'points.csv', { size: 2 }, FLAT), data: { source: 'points.csv', target: 'label' } };
    const [script] = await exportFiles((await runTraining({ model: csvModel, modelDir: folder, overrides: { epochs: 1 } })).model, join(folder, 'points.nnjson'), join(folder, 'torch', 'points'), 'pytorch', 'test', { modelDir: folder });
    assert.doesNotMatch(new TextDecoder().decode(script.bytes), /PIL|Pillow|def encode_image_folder/);
  });
});
