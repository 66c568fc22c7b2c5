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

  /** A CNN on 1×8×8 images: `layers` and a SoftMax (one per line, as the writer puts them). */
  const cnn = (...layers: string[]) => `{
  "format": "nnjson",
  "version": 1,
  "input": { "shape": [1, 8, 8] },
  "layers": [
    ${[...layers, '{ "type": "SoftMax", "id": "softmax" }'].join(',\n    ')}
  ],
  "loss": { "type": "CrossEntropy" },
  "optimizer": { "type": "Adam", "lr": 0.001 }
}
`;
  /** The text after the fix titled `title` of its input-shape error, checked to read clean. */
  const fixedBy = (text: string, titles: string[]) => {
    const plans = planFixes(text, diagnosticOf(text, 'input-shape'));
    assert.deepEqual(plans.map((plan) => plan.title), titles);
    assert.deepEqual(plans.map((plan) => plan.preferred), titles.map((_, index) => index === 0), 'the first is the preferred fix');
    return plans.map((plan) => {
      const fixed = applyTextEdits(text, plan.edits);
      assert.deepEqual(readModel(fixed).diagnostics.map((d) => d.message), [], `after "${plan.title}" the model reads clean`);
      return fixed;
    });
  };

  it('inserts a Flatten before a Linear that gets an image shape; a Linear that states its in gets C·H·W in the same fix', () => {
    const conv = '{ "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3 }';
    const leftOut = cnn(conv, '{ "type": "Linear", "id": "fc1", "out": 10 }');
    const [inserted] = fixedBy(leftOut, ['Insert a Flatten layer before fc1 (4×6×6 → 144 features)']);
    assert.equal(inserted, leftOut.replace('    { "type": "Linear"', '    { "type": "Flatten", "id": "flatten1" },\n    { "type": "Linear"'),
      'one new line; fc1 leaves its in out, and it follows the 144 features by itself');
    // an MLP's head (in: 64, the 1×8×8 pixels) put after a convolution: its in becomes the 144 flattened features
    const stated = cnn(conv, '{ "type": "Linear", "id": "fc1", "in": 64, "out": 10 }');
    const [both] = fixedBy(stated, ['Insert a Flatten layer before fc1 and set fc1.in to 144 (4×6×6 flattened)']);
    assert.equal(both, stated.replace('    { "type": "Linear", "id": "fc1", "in": 64', '    { "type": "Flatten", "id": "flatten1" },\n    { "type": "Linear", "id": "fc1", "in": 144'));
    // a Conv2D on a flat input is no Flatten's to fix
    const flat = leftOut.replace('"shape": [1, 8, 8]', '"size": 64');
    assert.deepEqual(planFixes(flat, diagnosticOf(flat, 'input-shape')), []);
  });

  it('makes a kernel that does not fit its input fit: the largest kernel that fits, or half the kernel as padding', () => {
    const text = cnn(
      '{ "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3 }',
      '{ "type": "MaxPool2D", "id": "pool1", "kernelSize": 2 }',
      '{ "type": "Conv2D", "id": "conv2", "outChannels": 8, "kernelSize": 5 }',
      '{ "type": "Flatten", "id": "flatten1" }',
      '{ "type": "Linear", "id": "fc1", "out": 10 }',
    );
    assert.match(diagnosticOf(text, 'input-shape').message, /conv2: Conv2D's kernelSize 5×5 is larger than its padded input 3×3/);
    const [smaller, padded] = fixedBy(text, [
      'Set conv2.kernelSize to 3 (the largest that fits the 3×3 input)',
      'Set conv2.padding to 2 (half the 5×5 kernel: the 3×3 input padded to 7×7)',
    ]);
    assert.equal(smaller, text.replace('"outChannels": 8, "kernelSize": 5', '"outChannels": 8, "kernelSize": 3'));
    assert.equal(padded, text.replace('"outChannels": 8, "kernelSize": 5', '"outChannels": 8, "kernelSize": 5, "padding": 2'));
    // one axis too large: only that axis changes, so the kernel becomes a pair
    const tall = text.replace('"kernelSize": 5', '"kernelSize": [5, 3]');
    fixedBy(tall, [
      'Set conv2.kernelSize to [3, 3] (the largest that fits the 3×3 input)',
      'Set conv2.padding to [2, 0] (half the 5×3 kernel: the 3×3 input padded to 7×3)',
    ]);
    // a pool's kernel too: on the 1×1 left after two poolings
    const pools = cnn('{ "type": "MaxPool2D", "id": "pool1", "kernelSize": 8 }', '{ "type": "AvgPool2D", "id": "pool2", "kernelSize": 2, "padding": [0, 1] }',
      '{ "type": "Flatten", "id": "flatten1" }', '{ "type": "Linear", "id": "fc1", "out": 10 }');
    fixedBy(pools, [
      'Set pool2.kernelSize to [1, 2] (the largest that fits the 1×3 padded input)',
      'Set pool2.padding to [1, 1] (half the 2×2 kernel: the 1×1 input padded to 3×3)',
    ]);
  });

  it('sets a pool\'s padding to at most half its kernel', () => {
    const text = cnn('{ "type": "AvgPool2D", "id": "pool1", "kernelSize": [2, 4], "padding": [1, 3] }', '{ "type": "Flatten", "id": "flatten1" }', '{ "type": "Linear", "id": "fc1", "out": 10 }');
    const [fixed] = fixedBy(text, ['Set pool1.padding to [1, 2] (at most half the 2×4 kernel)']);
    assert.equal(fixed, text.replace('"padding": [1, 3]', '"padding": [1, 2]'));
  });

  it('sets a Conv2D\'s inChannels and a BatchNorm\'s features to the channels coming in', () => {
    const text = cnn(
      '{ "type": "Conv2D", "id": "conv1", "inChannels": 3, "outChannels": 4, "kernelSize": 3 }',
      '{ "type": "Flatten", "id": "flatten1" }',
      '{ "type": "Linear", "id": "fc1", "out": 10 }',
    );
    const [fixed] = fixedBy(text, ['Set conv1.inChannels to 1 (the 1 channel coming in)']);
    assert.equal(fixed, text.replace('"inChannels": 3', '"inChannels": 1'));
    const norm = cnn(
      '{ "type": "Conv2D", "id": "conv1", "outChannels": 4, "kernelSize": 3 }',
      '{ "type": "BatchNorm", "id": "bn1", "features": 8 }',
      '{ "type": "Flatten", "id": "flatten1" }',
      '{ "type": "Linear", "id": "fc1", "out": 10 }',
    );
    const [normed] = fixedBy(norm, ['Set bn1.features to 4 (the 4 channels coming in)']);
    assert.equal(normed, norm.replace('"features": 8', '"features": 4'));
  });

  it('offers nothing for problems without a safe fix', () => {
    const text = broken.replace('"format": "nnjson"', '"format": "other"');
    assert.deepEqual(planFixes(text, diagnosticOf(text, 'wrong-format')), []);
  });
});
