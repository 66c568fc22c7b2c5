/**
 * JSON text -> plain value plus positions, on top of jsonc-parser's error-tolerant tree. Browser-safe.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { scanJson, type ScannedJson } from './json-scan';

export type PathSegment = string | number;
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TextRange {
  offset: number;
  length: number;
}

export interface DuplicateKey {
  segments: PathSegment[];
  key: TextRange;
}

export interface ParsedJson {
  root: Node | undefined;
  value: JsonValue | undefined;
  syntaxErrors: ParseError[];
  duplicateKeys: DuplicateKey[];
}

const SYNTAX_MESSAGES: Readonly<Record<number, string>> = {
  1: 'unexpected symbol: remove it or put it inside a string',
  2: 'invalid number: write numbers like 12, -0.5 or 1e-3',
  3: 'property name expected: put the key in double quotes, e.g. "name"',
  4: 'value expected: add a value (number, string, true/false, null, object or array) or remove the trailing comma',
  5: 'colon expected: write "key": value',
  6: 'comma expected: separate items with a comma',
  7: 'closing brace expected: add the missing "}"',
  8: 'closing bracket expected: add the missing "]"',
  9: 'end of file expected: remove the text after the closing "}"',
  10: 'comments are not allowed in .nnjson files: remove the comment or move it into "description"',
  11: 'unterminated comment: comments are not allowed in .nnjson files, remove it',
  12: 'unterminated string: add the closing double quote',
  13: 'unterminated number: complete the number',
  14: 'invalid unicode escape: write \\u followed by four hex digits',
  15: 'invalid escape character: use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX',
  16: 'invalid character in string: escape control characters such as tabs and newlines (\\t, \\n)',
};

export function syntaxErrorMessage(error: ParseError): string {
  return `Invalid JSON: ${SYNTAX_MESSAGES[error.error] ?? 'syntax error'}`;
}

function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  // defineProperty so that a key such as "__proto__" stays data and never changes the prototype
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function toValue(node: Node, segments: PathSegment[], duplicates: DuplicateKey[]): JsonValue {
  switch (node.type) {
    case 'object': {
      const result: JsonObject = {};
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        if (seen.has(key)) duplicates.push({ segments: [...segments, key], key: { offset: keyNode.offset, length: keyNode.length } });
        seen.add(key);
        // a property without a value only appears in text with syntax errors; null keeps the key visible
        setOwn(result, key, valueNode ? toValue(valueNode, [...segments, key], duplicates) : null);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map((child, index) => toValue(child, [...segments, index], duplicates));
    case 'string':
      return typeof node.value === 'string' ? node.value : '';
    case 'number':
      return typeof node.value === 'number' ? node.value : Number.NaN;
    case 'boolean':
      return node.value === true;
    default:
      return null;
  }
}

/** The value of `text` when it is strict JSON, else undefined. */
function strictValue(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * The scan of the text read last. The builder reads a document and then edits that same text (and the Problems
 * panel reads it again): on a 2 MB model the second scan would cost as much as the first. Nodes are not changed
 * by anyone, so sharing them is safe; values are parsed anew for each caller, who may change them.
 */
let lastScan: { text: string; scan: ScannedJson } | undefined;

function scanOf(text: string): ScannedJson {
  if (lastScan?.text !== text) lastScan = { text, scan: scanJson(text) };
  return lastScan.scan;
}

/**
 * The value and the positions of `text`. Valid JSON (nearly every save of a model) takes the fast way: the
 * engine's own JSON.parse, and positions scanned on demand (json-scan.ts). Only text with syntax errors gets
 * jsonc-parser's error-tolerant tree, for the errors' places.
 */
export function parseJson(text: string): ParsedJson {
  const strict = strictValue(text);
  if (strict !== undefined) {
    const { root, duplicates } = scanOf(text);
    return { root, value: strict, syntaxErrors: [], duplicateKeys: duplicates };
  }
  const { root, syntaxErrors } = tolerantTree(text);
  const duplicateKeys: DuplicateKey[] = [];
  const value = root ? toValue(root, [], duplicateKeys) : undefined;
  return { root, value, syntaxErrors, duplicateKeys };
}

/** Only the positions of `text` (for edits), the same fast way as parseJson when it is valid JSON. */
export function parseJsonTree(text: string): { root: Node | undefined; syntaxErrors: ParseError[] } {
  if (lastScan?.text === text) return { root: lastScan.scan.root, syntaxErrors: [] };
  return strictValue(text) !== undefined ? { root: scanOf(text).root, syntaxErrors: [] } : tolerantTree(text);
}

/** jsonc-parser's error-tolerant tree, with the syntax errors: for text that is not valid JSON. */
function tolerantTree(text: string): { root: Node | undefined; syntaxErrors: ParseError[] } {
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, syntaxErrors };
}

/** The node at `segments`; for repeated keys the last one, which is the one whose value counts. */
export function findNode(root: Node | undefined, segments: readonly PathSegment[]): Node | undefined {
  let node = root;
  for (const segment of segments) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else if (node.type === 'object') {
      let match: Node | undefined;
      for (const property of node.children ?? []) {
        if (property.children?.[0]?.value === segment) match = property.children[1];
      }
      node = match;
    } else {
      return undefined;
    }
  }
  return node;
}

/** The range of the property key when `node` is a property's value, else undefined. */
export function keyRangeOf(node: Node): TextRange | undefined {
  const parent = node.parent;
  if (parent?.type !== 'property') return undefined;
  const keyNode = parent.children?.[0];
  return keyNode ? { offset: keyNode.offset, length: keyNode.length } : undefined;
}

/** Line starts of a text for offset -> (line, column) lookups. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.starts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: offset - this.starts[low] };
  }
}

/** `layers[2].in`, `parameters.fc1.W`, `parameters["my layer"].W` */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
