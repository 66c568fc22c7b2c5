import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readModel } from '../../../src/model/reader';
import { writeModel } from '../../../src/model/writer';

/** examples/iris.nnjson with 100 epochs of history: 118 lines, as a trained model looks. */
function trainedIris(): string {
  const { model } = readModel(readFileSync('examples/iris.nnjson', 'utf8'));
  assert.ok(model);
  model.history = Array.from({ length: 100 }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), seconds: 0.01 }));
  return writeModel(model);
}

/** Removes the one occurrence of `needle`, checking it occurs exactly once. */
function without(text: string, needle: string): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `"${needle}" occurs once`);
  return text.slice(0, at) + text.slice(at + needle.length);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('JSON syntax errors', () => {
  it('points at the object left open, not at the end of the file, when the } that ends "input" is deleted', () => {
    const good = trainedIris();
    const text = without(good, '"size": 4 }').replace('"input": { ', '"input": { "size": 4 ');
    assert.equal(text.length, good.length - 1, 'exactly one character deleted');
    const { model, diagnostics } = readModel(text);
    assert.equal(model, undefined);
    const [first] = diagnostics;
    const inputLine = lineOf(text, '"input"');
    assert.equal(first.code, 'invalid-json');
    assert.equal(first.line + 1, inputLine, `points at line ${inputLine}, where "input" was left open (not at line ${text.split('\n').length})`);
    assert.equal(first.message, `Invalid JSON: the object "input" opened on line ${inputLine} is not closed: add the missing "}" after "{ \\"size\\": 4" on line ${inputLine}`);
    assert.equal(diagnostics.length, 1, 'the echoes at the end of the file are not reported');
    // following the advice gives back the model, with nothing nested inside "input"
    const fixed = text.slice(0, first.offset + 1) + '}' + text.slice(first.offset + 1);
    assert.deepEqual(readModel(fixed).model, readModel(good).model);
  });

  it('says which list is not closed when the ] that ends "layers" is deleted', () => {
    const good = trainedIris();
    const text = without(good, '\n  ],').replace('{ "type": "SoftMax", "id": "softmax" }', '{ "type": "SoftMax", "id": "softmax" }\n  ,');
    assert.equal(text.length, good.length - 1);
    const [first, ...others] = readModel(text).diagnostics;
    const layersLine = lineOf(text, '"layers"');
    const lastLayerLine = lineOf(text, '"softmax"');
    assert.equal(first.line + 1, lastLayerLine, 'points at the last layer, after which the list should end');
    assert.equal(first.message, `Invalid JSON: the list "layers" opened on line ${layersLine} is not closed: add the missing "]" after "\\"softmax\\" }" on line ${lastLayerLine}`);
    assert.deepEqual(others, []);
    const fixed = text.slice(0, first.offset + 1) + ']' + text.slice(first.offset + 1);
    assert.deepEqual(readModel(fixed).model, readModel(good).model, 'inserting the "]" where the message says gives the model back');
  });

  it('names a layer left open by its place in the list, and still reports a later, unrelated error', () => {
    const good = trainedIris();
    const text = without(good, '"out": 16 }').replace('"in": 4, ', '"in": 4, "out": 16 ').replace('"normalize": "standard"', '"normalize": "standard",');
    const [first, second] = readModel(text).diagnostics;
    assert.match(first.message, /^Invalid JSON: the object "layers\[0\]" opened on line 8 is not closed: add the missing "\}" after ".*16" on line 8$/);
    assert.ok(second, 'the trailing comma in "data" is reported too');
    assert.equal(second.line + 1, lineOf(text, '"normalize"'), 'at its own place in the text');
    assert.match(second.message, /property name expected|value expected/);
  });

  it('keeps the plain messages where the indentation tells nothing: a missing } at the very end, and minified text', () => {
    const good = trainedIris();
    const noFinalBrace = good.trimEnd().slice(0, -1);
    const end = readModel(noFinalBrace).diagnostics[0];
    assert.equal(end.message, 'Invalid JSON: closing brace expected: add the missing "}"');
    const minified = JSON.stringify(JSON.parse(good)).replace('"size":4}', '"size":4');
    assert.match(readModel(minified).diagnostics[0].message, /^Invalid JSON: /);
    assert.doesNotMatch(readModel(minified).diagnostics[0].message, /opened on line/);
  });

  it('does not blame an object whose members are not indented deeper than it', () => {
    const text = '{\n"format": "nnjson",\n"version": 1,\n"input": {\n"size": 4\n},\n"layers": [] "loss": {}\n}\n';
    const [first] = readModel(text).diagnostics;
    assert.equal(first.message, 'Invalid JSON: comma expected: separate items with a comma (add it after "\\"layers\\": []" on line 7)');
  });
});
