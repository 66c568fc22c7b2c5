/**
 * Positions in text already known to be valid JSON, found by scanning only what is asked for. A trained model
 * with a long history is megabytes of text; jsonc-parser's tree of it takes about half a second to build, while
 * an edit or a diagnostic needs the nodes on one path. The nodes here have jsonc-parser's `Node` shape, and a
 * node's children are scanned the first time they are read. Browser-safe.
 */
import type { Node, NodeType } from 'jsonc-parser';
import type { DuplicateKey, PathSegment } from './json-tree';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  return index;
}

/** The offset just after the string that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just after the value that starts at `start`. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return stringEnd(text, start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let index = start;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) break;
      index++;
    }
    return index;
  }
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = stringEnd(text, index);
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) return index + 1;
    index++;
  }
  return index;
}

function typeAt(text: string, offset: number): NodeType {
  switch (text.charCodeAt(offset)) {
    case OPEN_BRACE: return 'object';
    case OPEN_BRACKET: return 'array';
    case QUOTE: return 'string';
    case 0x74: case 0x66: return 'boolean'; // t, f
    case 0x6e: return 'null'; // n
    default: return 'number';
  }
}

function stringValue(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

/** Where each object and array of a text ends, by where it starts: found in one pass, so no value is scanned twice. */
type ContainerEnds = ReadonlyMap<number, number>;

class ScannedNode implements Node {
  private scannedChildren?: Node[];
  private scannedValue?: unknown;

  constructor(
    private readonly text: string,
    private readonly ends: ContainerEnds,
    readonly type: NodeType,
    readonly offset: number,
    readonly length: number,
    readonly parent?: Node,
    readonly colonOffset?: number,
    propertyChildren?: Node[],
  ) {
    this.scannedChildren = propertyChildren;
  }

  get value(): unknown {
    if (this.type === 'object' || this.type === 'array' || this.type === 'property') return undefined;
    if (this.scannedValue === undefined) {
      const raw = this.text.slice(this.offset, this.offset + this.length);
      this.scannedValue = this.type === 'string' ? stringValue(raw) : JSON.parse(raw);
    }
    return this.scannedValue;
  }

  get children(): Node[] | undefined {
    if (this.type !== 'object' && this.type !== 'array' && this.type !== 'property') return undefined;
    this.scannedChildren ??= this.type === 'object' ? this.scanProperties() : this.scanElements();
    return this.scannedChildren;
  }

  private valueEnd(start: number): number {
    return this.ends.get(start) ?? valueEnd(this.text, start);
  }

  private valueNode(start: number, parent: Node): ScannedNode {
    return new ScannedNode(this.text, this.ends, typeAt(this.text, start), start, this.valueEnd(start) - start, parent);
  }

  private scanProperties(): Node[] {
    const { text } = this;
    const properties: Node[] = [];
    let index = skipWhitespace(text, this.offset + 1);
    while (text.charCodeAt(index) === QUOTE) {
      const keyStart = index;
      const keyEnd = stringEnd(text, keyStart);
      const colon = skipWhitespace(text, keyEnd);
      const valueStart = skipWhitespace(text, colon + 1);
      const children: Node[] = [];
      const property = new ScannedNode(text, this.ends, 'property', keyStart, this.valueEnd(valueStart) - keyStart, this, colon, children);
      const value = property.valueNode(valueStart, property);
      children.push(new ScannedNode(text, this.ends, 'string', keyStart, keyEnd - keyStart, property), value);
      properties.push(property);
      index = skipWhitespace(text, value.offset + value.length);
      if (text.charCodeAt(index) !== COMMA) break;
      index = skipWhitespace(text, index + 1);
    }
    return properties;
  }

  private scanElements(): Node[] {
    const { text } = this;
    const elements: Node[] = [];
    let index = skipWhitespace(text, this.offset + 1);
    if (text.charCodeAt(index) === CLOSE_BRACKET) return elements;
    while (index < this.offset + this.length) {
      const element = this.valueNode(index, this);
      elements.push(element);
      index = skipWhitespace(text, element.offset + element.length);
      if (text.charCodeAt(index) !== COMMA) break;
      index = skipWhitespace(text, index + 1);
    }
    return elements;
  }
}

export interface ScannedJson {
  /** The root node; children are scanned when first read. */
  root: Node;
  /** Every key that repeats within its object, in text order, with its path. */
  duplicates: DuplicateKey[];
}

/**
 * One pass over `text`, which must be valid JSON (JSON.parse accepts it): the repeated keys, and where every
 * object and array ends, so the nodes read later are found without scanning their values again.
 */
export function scanJson(text: string): ScannedJson {
  const duplicates: DuplicateKey[] = [];
  const ends = new Map<number, number>();
  // one entry per open object or array: where it starts, the keys seen so far (null for an array), and the key
  // or index being read
  const starts: number[] = [];
  const keys: (string[] | null)[] = [];
  const segments: PathSegment[] = [];
  let expectKey = false;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = stringEnd(text, index);
      const seen = keys[keys.length - 1];
      if (seen && expectKey) {
        const key = stringValue(text.slice(index, end));
        // most objects have a handful of keys: a list is faster than a Set here
        if (seen.includes(key)) duplicates.push({ segments: [...segments.slice(0, -1), key], key: { offset: index, length: end - index } });
        seen.push(key);
        segments[segments.length - 1] = key;
        expectKey = false;
      }
      index = end;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      starts.push(index);
      keys.push(code === OPEN_BRACE ? [] : null);
      segments.push(code === OPEN_BRACE ? '' : 0);
      expectKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      ends.set(starts.pop()!, index + 1);
      keys.pop();
      segments.pop();
    } else if (code === COMMA) {
      if (keys[keys.length - 1]) expectKey = true;
      else segments[segments.length - 1] = (segments[segments.length - 1] as number) + 1;
    }
    index++;
  }
  const start = skipWhitespace(text, 0);
  // valid JSON is one value: it ends where the trailing whitespace begins
  let end = text.length;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return { root: new ScannedNode(text, ends, typeAt(text, start), start, end - start), duplicates };
}
