import * as assert from 'node:assert/strict';
import { Random } from '../../../src/engine/random';
import { applyTextEdits, fixAllWidths, insertLayer, ModelEditError, moveLayer, removeLayer, setValue, type TextEdit } from '../../../src/model/edit';
import { parseJson } from '../../../src/model/json-tree';
import { readModel } from '../../../src/model/reader';
import { inferShapes } from '../../../src/model/shapes';
import { encodeFloat32 } from '../../../src/model/tensor-codec';
import { writeModel } from '../../../src/model/writer';
import { XOR_TEXT, xorModel } from './samples';

function seedTexts(): string[] {
  const trained = xorModel();
  trained.layers.splice(1, 0, { type: 'BatchNorm', id: 'bn1', features: 8 });
  trained.parameters = {
    fc1: { W: { shape: [2, 8], dtype: 'float32', data: encodeFloat32(new Float32Array(16).fill(0.25)) }, b: { shape: [8], dtype: 'float32', values: [0, 1, 2, 3, 4, 5, 6, 7] } },
    bn1: { gamma: { shape: [8], dtype: 'float32', values: new Array(8).fill(1) }, beta: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) },
      runningMean: { shape: [8], dtype: 'float32', values: new Array(8).fill(0) }, runningVar: { shape: [8], dtype: 'float32', values: new Array(8).fill(1) } },
  };
  trained.history = [{ epoch: 1, loss: 0.7, accuracy: 0.5, seconds: 0.01 }];
  trained.data = { source: 'iris.csv', target: 'species', normalize: 'standard', fitted: { featureOffset: [1, 2], featureScale: [3, 4], categories: { colour: ['red', 'blue'] } } };
  const legacy = '{ "inputSize": 2, "modules": [{ "type": "Linear", "name": "fc1", "in": 2, "out": 1 }], "loss": "MSE", "optimizer": "SGD" }';
  return [XOR_TEXT, writeModel(trained), JSON.stringify(JSON.parse(XOR_TEXT)), legacy];
}

const FRAGMENTS = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '0', '-', '.', 'e', 'null', 'true', '"x"', '1e999', '-0', '"__proto__"', '/*', '\u0000', '\ud800', '"Linear"', '"id"', '"in"'];
const VALUES = ['null', 'true', '"text"', '[]', '{}', '0', '-1', '2.5', '1e999', '-1e999', '4294967296', '"8"', '[1, 2]', '{ "size": 2 }', '"builtin:xor"'];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const position = (): number => Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 7)) {
    case 0: { // delete a run
      const start = position();
      return text.slice(0, start) + text.slice(start + 1 + Math.floor(random() * 8));
    }
    case 1: { // insert a fragment
      const at = position();
      return text.slice(0, at) + pick(FRAGMENTS) + text.slice(at);
    }
    case 2: { // replace one character
      const at = position();
      return text.slice(0, at) + pick(FRAGMENTS) + text.slice(at + 1);
    }
    case 3: { // swap two tokens
      const tokens = text.match(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|true|false|null|[{}[\]:,]|\s+/g) ?? [];
      if (tokens.length < 2) return text;
      const a = Math.floor(random() * tokens.length);
      const b = Math.floor(random() * tokens.length);
      [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
      return tokens.join('');
    }
    case 4: // change a number
      return text.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, (match) => (random() < 0.15 ? pick(['0', '-3', '1.5', '1e999', '100000', '7', '0.999']) : match));
    case 5: // change a value's type
      return text.replace(/: ("(?:[^"\\]|\\.)*"|-?\d[\d.e+-]*|true|false|null)/g, (match) => (random() < 0.1 ? `: ${pick(VALUES)}` : match));
    default: { // duplicate a slice somewhere else
      const start = position();
      const slice = text.slice(start, start + Math.floor(random() * 40));
      const at = position();
      return text.slice(0, at) + slice + text.slice(at);
    }
  }
}

describe('model reader fuzz', () => {
  it('reads thousands of mutated files without throwing, with sane positions and a stable writer', function () {
    // about 2 s of CPU; the generous limit is for a machine shared with other test suites
    this.timeout(60000);
    const rng = new Random(20261129); // every run mutates the same way
    const random = (): number => rng.next();
    const seeds = seedTexts();
    let models = 0;
    let errors = 0;
    const CASES = 3000;
    for (let i = 0; i < CASES; i++) {
      let text = seeds[i % seeds.length];
      const rounds = 1 + Math.floor(random() * 4);
      for (let round = 0; round < rounds; round++) text = mutate(text, random);
      const { model, diagnostics } = readModel(text);
      assert.ok(Array.isArray(diagnostics));
      for (const diagnostic of diagnostics) {
        assert.notEqual(diagnostic.code, 'internal-error', `case ${i}: ${diagnostic.message}\n${text}`);
        assert.ok(diagnostic.offset >= 0 && diagnostic.offset + diagnostic.length <= text.length, `case ${i}: range outside the text`);
        assert.ok(diagnostic.line >= 0 && diagnostic.column >= 0 && diagnostic.message.length > 0);
      }
      if (diagnostics.some((d) => d.severity === 'error')) errors++;
      if (!model) continue;
      models++;
      const written = writeModel(model);
      const again = readModel(written);
      assert.ok(again.model, `case ${i}: writer output does not read back:\n${written}\n${JSON.stringify(again.diagnostics)}`);
      assert.equal(writeModel(again.model), written, `case ${i}: writing is not stable`);
      if (!diagnostics.some((d) => d.severity === 'error')) inferShapes(model);
      const last = model.layers.length - 1;
      const editings: [string, () => TextEdit[]][] = [
        ['fixAllWidths', () => fixAllWidths(text)],
        ['insertLayer', () => insertLayer(text, model.layers.length, { type: 'ReLU', id: 'fuzz' })],
        ['removeLayer', () => (last >= 0 ? removeLayer(text, last) : [])],
        ['moveLayer', () => (last >= 0 ? moveLayer(text, 0, last) : [])],
        ['setValue', () => setValue(text, ['training', 'epochs'], 3)],
      ];
      for (const [name, edit] of editings) {
        try {
          const edited = applyTextEdits(text, edit());
          assert.deepEqual(parseJson(edited).syntaxErrors, [], `case ${i}: ${name} broke the JSON:\n${edited}`);
        } catch (error) {
          assert.ok(error instanceof ModelEditError, `case ${i}: ${name}: ${String(error)}`);
        }
      }
    }
    // the mutations must exercise both paths, or the test proves little
    assert.ok(models > CASES / 20, `only ${models} mutated files gave a model`);
    assert.ok(errors > CASES / 2, `only ${errors} mutated files had errors`);
  });
});
