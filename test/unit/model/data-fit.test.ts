import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { planFixes } from '../../../src/extension/quick-fix-plans';
import { applyTextEdits, editsForChanges } from '../../../src/model/edit';
import { placeIssues, readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { DataFacts, DataFactsState } from '../../../src/shared/data-facts';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { DataFactsReader } from '../../../src/training/data-facts';
import { dataChanges, dataFitProblems } from '../../../src/model/data-fit';
import { loadEncodedData } from '../../../src/training/load-data';
import { checkWidths } from '../../../src/training/model-data';
import { modelFromTemplate } from '../../../src/model/templates';

const examples = resolve('examples');
const IRIS: DataFacts = {
  source: './data/iris.csv', label: 'iris.csv', kind: 'csv', task: 'classification', rows: 150,
  inputColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  featureColumns: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
  oneHotColumns: [], targetColumns: ['species'], classNames: ['setosa', 'versicolor', 'virginica'],
};
const ready = (facts: DataFacts): DataFactsState => ({ status: 'ready', facts });

function irisWith(change: (model: NnJsonModel) => void): { model: NnJsonModel; text: string } {
  const model = modelFromTemplate('iris');
  change(model);
  const text = writeModel(model);
  return { model: readModel(text).model!, text };
}

/** The text after the problem's fix, checked to be a model with no problem left against the same data. */
function fixed(text: string, model: NnJsonModel, facts: DataFactsState): string {
  const [problem] = dataFitProblems(model, facts);
  const after = applyTextEdits(text, editsForChanges(text, problem.data!.fixes![0].changes));
  const read = readModel(after);
  assert.ok(read.model);
  assert.deepEqual(read.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(dataFitProblems(read.model, facts), [], 'the fix leaves nothing to fix');
  return after;
}

describe('data fit: the network against its data', () => {
  it('finds nothing wrong with a model that fits', () => {
    const { model } = irisWith(() => undefined);
    assert.deepEqual(dataFitProblems(model, ready(IRIS)), []);
    assert.deepEqual(dataFitProblems(model, { status: 'none' }), []);
  });

  it('checks the last Linear against the classes and fixes its width', () => {
    const { model, text } = irisWith((m) => {
      m.layers[2] = { type: 'Linear', id: 'fc2', in: 16, out: 2 };
    });
    const [problem] = dataFitProblems(model, ready(IRIS));
    assert.equal(problem.code, 'data-output-width');
    assert.deepEqual(problem.segments, ['layers', 2, 'out']);
    assert.equal(problem.message, 'fc2.out is 2 but iris.csv has 3 classes (setosa, versicolor, virginica): set fc2.out to 3');
    assert.equal(problem.data?.fixes?.[0].title, 'Set fc2.out to 3 (iris.csv has 3 classes)');
    const after = fixed(text, model, ready(IRIS));
    assert.equal(after, text.replace('"in": 16, "out": 2', '"in": 16, "out": 3'), 'only that number changes');
  });

  it('checks input.size against the input columns, and the fix carries the first Linear along', () => {
    const { model, text } = irisWith((m) => {
      m.input.size = 2;
      m.layers[0] = { type: 'Linear', id: 'fc1', in: 2, out: 16 };
    });
    const [problem] = dataFitProblems(model, ready(IRIS));
    assert.equal(problem.code, 'data-input-width');
    assert.equal(problem.message,
      'input.size is 2 but iris.csv gives 4 input columns (sepal_length, sepal_width, petal_length, petal_width): set input.size and fc1.in to 4, or choose data.features');
    assert.equal(problem.data?.fixes?.[0].title, 'Set input.size and fc1.in to 4 (iris.csv gives 4 input columns)');
    const after = fixed(text, model, ready(IRIS));
    assert.equal(after, text.replace('"size": 2', '"size": 4').replace('"in": 2, "out": 16', '"in": 4, "out": 16'));
  });

  it('counts target columns for a regression, and offers a Linear for a network without one', () => {
    const facts: DataFacts = { ...IRIS, task: 'regression', classNames: undefined, targetColumns: ['a', 'b'] };
    const blank = modelFromTemplate('blank');
    blank.input.size = 4;
    blank.loss = { type: 'MSE' };
    blank.layers = [{ type: 'ReLU', id: 'relu1' }];
    const text = writeModel(blank);
    const [problem] = dataFitProblems(blank, ready(facts));
    assert.equal(problem.message, 'the network gives 4 outputs (no Linear layer sets its width) but iris.csv has 2 target columns (a, b): add a Linear layer with 2 outputs at the end');
    const after = fixed(text, blank, ready(facts));
    assert.deepEqual(readModel(after).model?.layers[1], { type: 'Linear', id: 'fc1', out: 2 });
  });

  it('puts the Linear before a final SoftMax, and gives a classifier without one its SoftMax', () => {
    const model = modelFromTemplate('blank');
    model.input.size = 4;
    model.layers = [{ type: 'SoftMax', id: 'softmax1' }];
    const after = fixed(writeModel(model), model, ready(IRIS));
    assert.deepEqual(readModel(after).model?.layers.map((layer) => layer.type), ['Linear', 'SoftMax']);

    const blank = modelFromTemplate('blank');
    blank.input.size = 4;
    const [problem] = dataFitProblems(blank, ready(IRIS));
    assert.equal(problem.data?.fixes?.[0].title, 'Add a Linear layer with 3 outputs and a SoftMax (iris.csv has 3 classes)');
    const text = fixed(writeModel(blank), blank, ready(IRIS));
    const read = readModel(text);
    assert.deepEqual(read.model?.layers, [{ type: 'Linear', id: 'fc1', out: 3 }, { type: 'SoftMax', id: 'softmax1' }]);
    assert.deepEqual(read.diagnostics, [], 'no loss-output warning either: the blank model now trains on iris');
  });

  it('reports data that cannot be read at data.source', () => {
    const { model } = irisWith(() => undefined);
    const [problem] = dataFitProblems(model, { status: 'error', source: './data/iris.csv', message: 'iris.csv: file not found: check data.source' });
    assert.equal(problem.code, 'data-unreadable');
    assert.deepEqual(problem.segments, ['data', 'source']);
    assert.equal(problem.data, undefined, 'no fix: the message says what to do');
  });

  it('is the rule training applies, with the same message', async () => {
    const { model } = irisWith((m) => {
      m.layers[2] = { type: 'Linear', id: 'fc2', in: 16, out: 5 };
    });
    const encoded = await loadEncodedData(model.data!, 'classification', { modelDir: examples });
    const facts = await new DataFactsReader().read(model.data, 'classification', { modelDir: examples });
    const [problem] = dataFitProblems(model, facts);
    assert.throws(() => checkWidths(model, encoded.dataset, model.data!.source), (error: Error) => error.message === problem.message);
  });

  it('becomes Problems-panel diagnostics whose quick fix makes the same edit', () => {
    const { model, text } = irisWith((m) => {
      m.layers[2] = { type: 'Linear', id: 'fc2', in: 16, out: 2 };
    });
    const [diagnostic] = placeIssues(text, dataFitProblems(model, ready(IRIS)));
    assert.equal(text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length), '2', 'the squiggle is on fc2.out');
    assert.equal(diagnostic.line, text.split('\n').findIndex((line) => line.includes('"id": "fc2"')));
    const [plan] = planFixes(text, diagnostic);
    assert.equal(plan.title, 'Set fc2.out to 3 (iris.csv has 3 classes)');
    assert.equal(applyTextEdits(text, plan.edits), text.replace('"in": 16, "out": 2', '"in": 16, "out": 3'));
  });

  it('writes chosen data key by key and sets input.size from its facts', () => {
    const { model, text } = irisWith((m) => {
      m.data = { source: 'builtin:xor', samples: 50 };
      m.input.size = 2;
      m.layers[0] = { type: 'Linear', id: 'fc1', in: 2, out: 16 };
    });
    const changes = dataChanges(model, { source: './data/iris.csv', target: 'species', normalize: 'standard' }, ready(IRIS));
    const after = readModel(applyTextEdits(text, editsForChanges(text, changes))).model!;
    assert.deepEqual(after.data, { source: './data/iris.csv', target: 'species', normalize: 'standard' });
    assert.equal(after.input.size, 4);
    assert.equal((after.layers[0] as { in: number }).in, 4);
    const removed = applyTextEdits(text, editsForChanges(text, dataChanges(model, undefined, { status: 'none' })));
    assert.equal(readModel(removed).model?.data, undefined);
    assert.equal(readModel(removed).model?.input.size, 2, 'no data: input.size stays');
  });
});
