import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyTextEdits } from '../../../src/model/edit';
import { readModel } from '../../../src/model/reader';
import { planFixes } from '../../../src/extension/quick-fix-plans';
import { buildNetwork, withTrainedParameters } from '../../../src/model/bridge';
import { writeModel } from '../../../src/model/writer';
import { XOR_TEXT, xorModel } from '../model/samples';

const broken = readFileSync('test/integration/workspace-fixture/broken.nnjson', 'utf8');
const noLoss = readFileSync('test/integration/workspace-fixture/no-loss.nnjson', 'utf8');

function diagnosticOf(text: string, code: string) {
  const found = readModel(text).diagnostics.find((diagnostic) => diagnostic.code === code);
  assert.ok(found, `a ${code} diagnostic`);
  return found;
}

describe('quick fix plans', () => {
  it('sets a mismatched Linear.in to the width coming in, changing only that number', () => {
    const [plan] = planFixes(broken, diagnosticOf(broken, 'width-mismatch'));
    assert.match(plan.title, /Set fc2\.in to 8/);
    assert.equal(plan.preferred, true);
    const fixed = applyTextEdits(broken, plan.edits);
    assert.equal(fixed, broken.replace('"id": "fc2", "in": 4', '"id": "fc2", "in": 8'));
    assert.equal(readModel(fixed).diagnostics.filter((d) => d.code === 'width-mismatch').length, 0);
  });

  it('renames a duplicate layer id to a free one', () => {
    const [plan] = planFixes(broken, diagnosticOf(broken, 'duplicate-id'));
    const fixed = applyTextEdits(broken, plan.edits);
    assert.equal(readModel(fixed).diagnostics.filter((d) => d.code === 'duplicate-id').length, 0);
    const ids = (JSON.parse(fixed) as { layers: { id: string }[] }).layers.map((layer) => layer.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('adds a missing loss, preferring CrossEntropy after a SoftMax', () => {
    const plans = planFixes(noLoss, diagnosticOf(noLoss, 'missing-field'));
    assert.deepEqual(plans.map((plan) => [plan.title.split(' (')[0], plan.preferred]), [['Add the loss CrossEntropy', true], ['Add the loss MSE', false]]);
    const fixed = applyTextEdits(noLoss, plans[0].edits);
    const { model, diagnostics } = readModel(fixed);
    assert.equal(model?.loss.type, 'CrossEntropy');
    assert.equal(diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('adds a missing optimizer', () => {
    const text = noLoss.replace(/\n  "optimizer": [^\n]*\n/, '\n').replace('"input"', '"loss": { "type": "CrossEntropy" },\n  "input"');
    const plans = planFixes(text, diagnosticOf(text, 'missing-field'));
    assert.equal(plans.length, 1);
    const { model } = readModel(applyTextEdits(text, plans[0].edits));
    assert.equal(model?.optimizer.type, 'Adam');
  });

  it('offers the suggested name for a misspelt layer type', () => {
    const text = broken.replace('"type": "ReLU"', '"type": "Relu"');
    const plans = planFixes(text, diagnosticOf(text, 'unknown-layer-type'));
    assert.equal(plans[0]?.title, 'Change to "ReLU"');
    assert.match(applyTextEdits(text, plans[0].edits), /"type": "ReLU"/);
  });

  it('re-initialises a layer whose trained tensor does not fit it, dropping only that layer\'s weights', () => {
    const model = xorModel();
    const network = buildNetwork(model);
    const text = writeModel(withTrainedParameters(model, network)).replace('"shape": [8, 2]', '"shape": [4, 4]');
    const [plan] = planFixes(text, diagnosticOf(text, 'tensor-shape'));
    assert.equal(plan.title, 'Re-initialise fc2 (drop its trained weights)');
    assert.equal(plan.preferred, true);
    const fixed = readModel(applyTextEdits(text, plan.edits));
    assert.deepEqual(Object.keys(fixed.model?.parameters ?? {}), ['fc1']);
    assert.deepEqual(fixed.model?.parameters?.fc1, readModel(text).model?.parameters?.fc1);
    assert.deepEqual(fixed.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('inserts a SoftMax at the end of a CrossEntropy network that lacks it', () => {
    const text = XOR_TEXT.replace(',\n    { "type": "SoftMax", "id": "softmax1" }', '');
    const plans = planFixes(text, diagnosticOf(text, 'loss-output'));
    assert.deepEqual(plans.map((plan) => plan.title), ['Insert a SoftMax layer at the end']);
    const fixed = applyTextEdits(text, plans[0].edits);
    assert.equal(fixed, XOR_TEXT, 'the SoftMax goes on its own line after the last layer');
    assert.deepEqual(readModel(fixed).diagnostics, []);
    // the other loss-output warning (a single output) has no safe fix
    const single = XOR_TEXT.replace('"out": 2', '"out": 1');
    assert.deepEqual(planFixes(single, diagnosticOf(single, 'loss-output')), []);
  });

  it('inserts a Flatten before a Linear that gets an image shape, and the model then reads clean', () => {
    const text = `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 8, 8] },
  "layers": [
    { "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3 },
    { "type": "Linear", "id": "fc1", "out": 10 },
    { "type": "SoftMax", "id": "softmax" }
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.001 }
}
`;
    const plans = planFixes(text, diagnosticOf(text, 'input-shape'));
    assert.deepEqual(plans.map((plan) => plan.title), ['Insert a Flatten layer before fc1']);
    const fixed = applyTextEdits(text, plans[0].edits);
    assert.deepEqual(readModel(fixed).model?.layers.map((layer) => layer.type), ['Conv2D', 'Flatten', 'Linear', 'SoftMax']);
    assert.deepEqual(readModel(fixed).diagnostics, []);
    // a Conv2D on a flat input is no Flatten's to fix
    const flat = text.replace('"shape": [1, 8, 8]', '"size": 64');
    assert.deepEqual(planFixes(flat, diagnosticOf(flat, 'input-shape')), []);
  });

  it('offers nothing for problems without a safe fix', () => {
    const text = broken.replace('"format": "nnjson"', '"format": "other"');
    assert.deepEqual(planFixes(text, diagnosticOf(text, 'wrong-format')), []);
  });
});
