import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';
import { MODEL_TEMPLATES, modelFromTemplate, TEMPLATE_NAMES } from '../../../src/training/templates';

describe('model templates and examples', () => {
  it('every template is a valid, untrained model', () => {
    for (const name of TEMPLATE_NAMES) {
      const { model, diagnostics } = readModel(writeModel(MODEL_TEMPLATES[name].model));
      assert.ok(model, name);
      assert.deepEqual(diagnostics, [], name);
      assert.equal(model.parameters, undefined);
    }
  });

  it('hands out independent copies', () => {
    const copy = modelFromTemplate('xor');
    copy.layers.pop();
    assert.equal(MODEL_TEMPLATES.xor.model.layers.length, 4);
  });

  it('the shipped examples are the templates, untrained', () => {
    for (const name of ['xor', 'spiral', 'iris', 'digits'] as const) {
      assert.equal(readFileSync(`examples/${name}.nnjson`, 'utf8'), writeModel(MODEL_TEMPLATES[name].model), `examples/${name}.nnjson`);
    }
  });
});
