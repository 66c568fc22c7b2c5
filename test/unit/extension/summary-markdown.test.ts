import * as assert from 'node:assert/strict';
import { summaryMarkdown } from '../../../src/extension/summary-markdown';
import { modelFromTemplate } from '../../../src/model/templates';

describe('model summary markdown', () => {
  it('lists every layer with its output width and parameter count, and the totals', () => {
    const markdown = summaryMarkdown(modelFromTemplate('iris'), 'iris.nnjson');
    assert.match(markdown, /^# Iris/);
    assert.match(markdown, /\| 1 \| fc1 \| Linear \| 4 → 16 \| \[N, 16\] \| 80 \|/);
    assert.match(markdown, /\| 3 \| fc2 \| Linear \| 16 → 3 \| \[N, 3\] \| 51 \|/);
    assert.match(markdown, /Total params: \*\*131\*\*/);
    assert.match(markdown, /Optimizer: Adam \(lr 0\.01, beta1 0\.9, beta2 0\.999, eps 1e-8\)/);
    assert.match(markdown, /Trained: not yet/);
  });

  it('reports the last epoch of a trained model and a stopped run', () => {
    const model = modelFromTemplate('xor');
    model.parameters = { fc1: { W: { shape: [2, 8], dtype: 'float32', values: new Array(16).fill(0) } } };
    model.history = [{ epoch: 1, loss: 0.5, valAccuracy: 0.75, seconds: 0.1 }];
    model.trainingStatus = 'stopped';
    assert.match(summaryMarkdown(model, 'xor.nnjson'), /Trained: 1 epochs, last loss 0\.5000, validation accuracy 75\.0% \(last run stopped\)/);
  });

  it('escapes table separators in names', () => {
    const model = modelFromTemplate('xor');
    model.layers[0].id = 'a|b';
    assert.match(summaryMarkdown(model, 'x.nnjson'), /\| a\\\|b \|/);
  });
});
