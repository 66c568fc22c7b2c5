import * as assert from 'node:assert/strict';
import { editsForIntent } from '../../../src/builder/intent-edits';
import { buildNetwork, withTrainedParameters } from '../../../src/model/bridge';
import { applyTextEdits, replaceLayer } from '../../../src/model/edit';
import { withConsequences } from '../../../src/model/edit-consequences';
import { resetWeights } from '../../../src/model/fresh-weights';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import type { NnJsonModel } from '../../../src/shared/nnjson';
import { xorModel } from './samples';

/** XOR trained on a CSV: parameters, a stopped run's status, a history, and what training fitted. */
function trainedText(): string {
  const model = xorModel();
  const trained: NnJsonModel = {
    ...withTrainedParameters(model, buildNetwork(model)),
    data: { source: 'xor.csv', target: 'label', classes: ['no', 'yes'], fitted: { inputColumns: ['a', 'b'], featureOffset: [0, 0], featureScale: [1, 1] } },
    history: [{ epoch: 1, loss: 0.7, seconds: 0.1 }, { epoch: 2, loss: 0.6, seconds: 0.1 }],
    trainingStatus: 'stopped',
  };
  return writeModel(trained);
}

function read(text: string): NnJsonModel {
  const { model, diagnostics } = readModel(text);
  assert.ok(model, JSON.stringify(diagnostics));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return model;
}

describe('resetting trained weights', () => {
  const text = trainedText();
  const model = read(text);

  it('resets every layer: parameters and what described their training go, the rest of the file stays', () => {
    const plan = resetWeights(text, model);
    const after = read(applyTextEdits(text, plan.edits));
    const expected = xorModel();
    expected.data = { source: 'xor.csv', target: 'label', classes: ['no', 'yes'] };
    assert.deepEqual(after, expected);
    // minimal edits: the layers and settings keep their text
    assert.ok(applyTextEdits(text, plan.edits).startsWith(text.slice(0, text.indexOf('"data"'))));
    assert.deepEqual(plan.notes, ['Every layer starts from fresh weights; its training history was removed']);
  });

  it('resets one layer, keeping the others, the history and the run status', () => {
    const plan = resetWeights(text, model, 'fc2');
    const after = read(applyTextEdits(text, plan.edits));
    assert.deepEqual(Object.keys(after.parameters ?? {}), ['fc1']);
    assert.deepEqual(after.parameters?.fc1, model.parameters?.fc1);
    assert.deepEqual(after.history, model.history);
    assert.equal(after.trainingStatus, 'stopped');
    assert.deepEqual(after.data, model.data);
    assert.deepEqual(plan.notes, ['fc2 starts from fresh weights']);
    // the last trained layer takes "parameters" with it rather than leave an empty object
    const last = applyTextEdits(applyTextEdits(text, plan.edits), resetWeights(applyTextEdits(text, plan.edits), after, 'fc1').edits);
    assert.equal(read(last).parameters, undefined);
    assert.ok(!last.includes('"parameters"'));
  });

  it('says why when there is nothing to reset', () => {
    assert.throws(() => resetWeights(text, model, 'relu1'), /relu1 has no trained weights to reset/);
    const untrained = writeModel(xorModel());
    assert.throws(() => resetWeights(untrained, xorModel()), /The model has no trained weights to reset/);
  });

  it('is what the builder\'s resetWeights intent does, with a note', () => {
    const all = editsForIntent(text, model, { type: 'resetWeights' });
    assert.ok('edits' in all);
    assert.equal(read(applyTextEdits(text, all.edits)).parameters, undefined);
    const one = editsForIntent(text, model, { type: 'resetWeights', id: 'fc1' });
    assert.ok('edits' in one);
    assert.deepEqual(Object.keys(read(applyTextEdits(text, one.edits)).parameters ?? {}), ['fc2']);
    assert.deepEqual(one.notes, ['fc1 starts from fresh weights']);
    assert.deepEqual(editsForIntent(text, model, { type: 'resetWeights', id: 'nope' }), { error: 'nope has no trained weights to reset' });
  });
});

describe('dropping the trained tensors a change leaves without a fit', () => {
  it('drops the tensors of a layer whose type changed (an edit from the text or another tool)', () => {
    const text = trainedText();
    const model = read(text);
    const toRelu = withConsequences(text, model, replaceLayer(text, 2, { type: 'ReLU', id: 'fc2' }), { followWidths: false, changesLayers: true });
    const relu = read(applyTextEdits(text, toRelu.edits));
    assert.deepEqual(Object.keys(relu.parameters ?? {}), ['fc1']);
    assert.deepEqual(toRelu.notes, ["fc2's trained weights were removed: a ReLU layer has none"]);
    const toBatchNorm = withConsequences(text, model, replaceLayer(text, 2, { type: 'BatchNorm', id: 'fc2' }), { followWidths: false, changesLayers: true });
    assert.deepEqual(Object.keys(read(applyTextEdits(text, toBatchNorm.edits)).parameters ?? {}), ['fc1']);
    assert.deepEqual(toBatchNorm.notes, ['fc2 starts from fresh weights: it is a BatchNorm layer now']);
  });

  it('does nothing for a change outside the layers, or on an untrained model', () => {
    const text = trainedText();
    const edits = replaceLayer(text, 2, { type: 'ReLU', id: 'fc2' });
    assert.deepEqual(withConsequences(text, read(text), edits, { followWidths: false, changesLayers: false }), { edits, notes: [] });
    const untrained = writeModel(xorModel());
    const relu = replaceLayer(untrained, 2, { type: 'ReLU', id: 'fc2' });
    assert.deepEqual(withConsequences(untrained, xorModel(), relu, { followWidths: false, changesLayers: true }), { edits: relu, notes: [] });
  });
});
