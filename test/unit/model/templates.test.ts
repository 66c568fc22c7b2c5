import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import { csvModel, imageModel, MODEL_TEMPLATES, modelFromTemplate, TEMPLATE_NAMES } from '../../../src/model/templates';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { png } from '../../shared/image-files';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../../../src/data/dataset';
import type { DataSpec } from '../../../src/shared/nnjson';
import { DataFactsReader } from '../../../src/training/data-facts';
import { dataFitProblems, requiredOutputs } from '../../../src/model/data-fit';
import { runTraining } from '../../../src/training/run-training';

describe('model templates and examples', () => {
  it('every template is a valid, untrained model', () => {
    for (const name of TEMPLATE_NAMES) {
      const { model, diagnostics } = readModel(writeModel(MODEL_TEMPLATES[name].model));
      assert.ok(model, name);
      // the blank model has no layers yet, and says so
      assert.deepEqual(diagnostics.map((d) => d.code), name === 'blank' ? ['empty-layers'] : [], name);
      assert.equal(model.parameters, undefined);
    }
  });

  it('Blank is really blank: an input, no layers, no data', () => {
    const blank = modelFromTemplate('blank');
    assert.deepEqual(blank.layers, []);
    assert.equal(blank.data, undefined, 'it claims no data it does not have');
    assert.equal(blank.input.size, 2);
  });

  it('hands out independent copies', () => {
    const copy = modelFromTemplate('xor');
    copy.layers.pop();
    assert.equal(MODEL_TEMPLATES.xor.model.layers.length, 4);
  });

  it('the shipped examples are the templates, untrained', () => {
    for (const name of ['xor', 'spiral', 'iris', 'digits', 'digits-cnn'] as const) {
      assert.equal(readFileSync(`examples/${name}.nnjson`, 'utf8'), writeModel(MODEL_TEMPLATES[name].model), `examples/${name}.nnjson`);
    }
  });

  describe('a model for a CSV file', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'nnjson-csv-model-'));
      // three classes by the sign of a + b and colour, and a price that grows with a
      const rows = Array.from({ length: 60 }, (_, i) => {
        const a = (i % 10) / 3;
        const colour = ['red', 'green', 'blue'][i % 3];
        return `${a.toFixed(2)},${((i * 7) % 11) / 4},${colour},${i % 3 === 0 ? 'low' : i % 3 === 1 ? 'mid' : 'high'},${(10 + 5 * a).toFixed(1)}`;
      });
      writeFileSync(join(dir, 'shop.csv'), ['a,b,colour,grade,price', ...rows, ''].join('\n'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function modelFor(target: string, task: Task, features?: string[]) {
      const spec = { source: 'shop.csv', target, ...(features ? { features } : {}) };
      const facts = await new DataFactsReader().read(spec, task, { modelDir: dir });
      assert.ok(facts.status === 'ready', JSON.stringify(facts));
      const model = csvModel({ source: 'shop.csv', name: 'shop', target, features, task, inputWidth: facts.facts.inputColumns.length, outputs: requiredOutputs(facts.facts)! });
      const { model: read, diagnostics } = readModel(writeModel(model));
      assert.ok(read);
      assert.deepEqual(diagnostics, [], 'a valid model');
      assert.deepEqual(dataFitProblems(read, facts), [], 'its widths fit the data');
      const trained = await runTraining({ model: read, modelDir: dir, overrides: { epochs: 2 } });
      assert.equal(trained.outcome.status, 'completed');
      return read;
    }

    it('classifies with SoftMax and CrossEntropy, one output per class, inputs after one-hot encoding', async () => {
      const model = await modelFor('grade', 'classification');
      assert.equal(model.input.size, 6, 'a, b, price and colour one-hot as 3');
      assert.deepEqual(model.layers.map((layer) => layer.type), ['Linear', 'ReLU', 'Linear', 'SoftMax']);
      assert.deepEqual(model.layers[2], { type: 'Linear', id: 'fc2', in: 16, out: 3 });
      assert.equal(model.loss.type, 'CrossEntropy');
      assert.deepEqual(model.data, { source: 'shop.csv', target: 'grade', normalize: 'standard' });
    });

    it('regresses with MSE, one output per target, and writes the features the user narrowed', async () => {
      const model = await modelFor('price', 'regression', ['a', 'colour']);
      assert.equal(model.input.size, 4);
      assert.deepEqual(model.layers.map((layer) => layer.type), ['Linear', 'ReLU', 'Linear']);
      assert.equal((model.layers[2] as { out: number }).out, 1);
      assert.equal(model.loss.type, 'MSE');
      assert.deepEqual(model.data?.features, ['a', 'colour']);
    });
  });

  describe('a model for image data', function () {
    this.timeout(60_000);

    async function modelFor(data: DataSpec, modelDir: string) {
      const facts = await new DataFactsReader().read(data, 'classification', { modelDir });
      assert.ok(facts.status === 'ready' && facts.facts.imageShape && facts.facts.classNames, JSON.stringify(facts));
      const model = imageModel({ data, name: 'pictures', shape: facts.facts.imageShape, classes: facts.facts.classNames.length });
      const { model: read, diagnostics } = readModel(writeModel(model));
      assert.ok(read);
      assert.deepEqual(diagnostics, [], 'a valid model');
      assert.deepEqual(dataFitProblems(read, facts), [], 'its shape and classes fit the data');
      const trained = await runTraining({ model: read, modelDir, overrides: { epochs: 1 } });
      assert.equal(trained.outcome.status, 'completed');
      return read;
    }

    it('builtin:shapes gets the CNN for images with its 1×16×16 input and four classes', async () => {
      // a few pictures: training one epoch shows the network runs on them
      const model = await modelFor({ source: 'builtin:shapes', samples: 64 }, process.cwd());
      const template = modelFromTemplate('digits-cnn');
      assert.deepEqual(model.input, { shape: [1, 16, 16] });
      assert.deepEqual(model.layers.map((layer) => layer.type), template.layers.map((layer) => layer.type), 'the template\'s layers');
      assert.equal((model.layers.at(-2) as { out: number }).out, 4);
      assert.deepEqual(model.data, { source: 'builtin:shapes', samples: 64 });
    });

    it('larger pictures are pooled further before the dense layers', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nnjson-image-model-'));
      try {
        for (const name of ['dark', 'light']) {
          mkdirSync(join(dir, 'pictures', name), { recursive: true });
          for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'pictures', name, `${i}.png`), png(64, 64, () => (name === 'dark' ? [20, 20, 20] : [220, 220, 220])));
        }
        const model = await modelFor({ source: 'pictures' }, dir);
        assert.deepEqual(model.input, { shape: [1, 64, 64] });
        assert.deepEqual(model.layers.filter((layer) => layer.type === 'MaxPool2D').map((layer) => layer.id), ['pool1', 'pool2'], '64 → 32 → 16 a side');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
