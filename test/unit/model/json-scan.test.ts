import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';
import { Random } from '../../../src/engine/random';
import { scanJson } from '../../../src/model/json-scan';
import type { PathSegment } from '../../../src/model/json-tree';
import { longHistoryText } from '../../shared/big-models';
import { XOR_TEXT } from './samples';

/** Every node as (path, type, offset, length, value, colon), read through the `children` and `value` getters. */
function flatten(node: Node, path = '$', out: string[] = []): string[] {
  const value = node.type === 'object' || node.type === 'array' || node.type === 'property' ? '' : JSON.stringify(node.value);
  out.push(`${path} ${node.type} ${node.offset}+${node.length} ${value} ${node.colonOffset ?? ''}`);
  (node.children ?? []).forEach((child, i) => flatten(child, `${path}/${i}`, out));
  return out;
}

/** The repeated keys as jsonc-parser's tree shows them: the reference for the one-pass scan. */
function referenceDuplicates(node: Node, segments: PathSegment[] = [], out: { segments: PathSegment[]; key: { offset: number; length: number } }[] = []) {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      const name = key.value as string;
      if (seen.has(name)) out.push({ segments: [...segments, name], key: { offset: key.offset, length: key.length } });
      seen.add(name);
      if (value) referenceDuplicates(value, [...segments, name], out);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => referenceDuplicates(child, [...segments, i], out));
  }
  return out;
}

function texts(): string[] {
  const examples = ['xor', 'iris', 'spiral', 'digits'].map((name) => readFileSync(join('examples', `${name}.nnjson`), 'utf8'));
  const random = new Random(5);
  const awkward = [
    '{"a":"x\\\\","b":"\\"}{[","c":[1,{"d":[]},{}],"e":"\\u00e9"}',
    ' \r\n[ 1 , -2.5e3 , true , false , null , "s" ] \n',
    '{ "a": 1, "b": { "a": 2, "a": 3 }, "a": 4, "list": [{ "x": 1, "x": 2 }, { "y": [{ "z": 1, "z": 2 }] }] }',
    '{"k\\"ey": 1, "k\\"ey": 2}',
    '"just a string"',
    '{}',
  ];
  return [XOR_TEXT, ...examples, longHistoryText(40), ...awkward, JSON.stringify({ r: random.next(), nested: { deep: [[[1]]] } })];
}

describe('scanning valid JSON for positions', () => {
  it('gives the same nodes as jsonc-parser, only when asked', () => {
    for (const text of texts()) {
      const reference = parseTree(text);
      assert.ok(reference);
      assert.deepEqual(flatten(scanJson(text).root), flatten(reference), text.slice(0, 60));
    }
  });

  it('finds every repeated key with its path, as a walk of jsonc-parser\'s tree does', () => {
    for (const text of texts()) {
      assert.deepEqual(scanJson(text).duplicates, referenceDuplicates(parseTree(text)!), text.slice(0, 60));
    }
    const found = scanJson(texts()[texts().length - 5]).duplicates.map((d) => d.segments);
    assert.deepEqual(found, [['b', 'a'], ['a'], ['list', 0, 'x'], ['list', 1, 'y', 0, 'z']]);
  });
});
