/**
 * Minimal text edits for common model changes, computed on the document text so that everything the user did
 * not touch (their formatting, key order, other layers) stays byte for byte. The extension turns the edits into
 * a WorkspaceEdit; the webview only sends intents. Browser-safe.
 */
import type { Node } from 'jsonc-parser';
import type { ModelChange } from '../shared/model-change';
import { layerDescriptor } from '../registry/layers/index';
import { TOP_LEVEL_KEYS, type LayerSpec, type LayerType } from '../shared/nnjson';
import { EditComposer } from './compose-edits';
import { findNode, parseJsonTree, type PathSegment } from './json-tree';
import { uniqueId, uniqueLayerId } from './layer-ids';
import { readModel } from './reader';
import { inlineJson, writeJsonValue } from './writer';

export { uniqueLayerId, uniqueId };

/** Replace `length` characters at `offset` with `content` (the same shape as jsonc-parser's Edit). */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** The document cannot take the edit (it is not valid JSON, or the path does not exist). */
export class ModelEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelEditError';
  }
}

/** Edits with what they mean for the user, said in the builder after they are applied ("fc2 starts from fresh weights: ..."). */
export interface EditPlan {
  edits: TextEdit[];
  notes: string[];
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset) + edit.content + result.slice(edit.offset + edit.length);
  return result;
}

function parsedRoot(text: string): Node {
  // parseJsonTree keeps the scan of the text read last: a change and its consequences edit the same text
  const parsed = parseJsonTree(text);
  if (parsed.syntaxErrors.length > 0 || !parsed.root || parsed.root.type !== 'object') {
    throw new ModelEditError('The model file is not valid JSON: fix the syntax errors first');
  }
  return parsed.root;
}

function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function isMultiLine(text: string, node: Node): boolean {
  return text.slice(node.offset, node.offset + node.length).includes('\n');
}

/** The indentation one level deeper than `node`'s line, guessing the file's indent unit from its first indented line. */
function childIndent(text: string, node: Node): string {
  const unit = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return lineIndentAt(text, node.offset) + (unit.startsWith('\t') ? '\t' : unit.length >= 4 && unit.length % 4 === 0 ? '    ' : '  ');
}

/** A value as text at `indent`: one line when the writer would keep it on one line, else indented lines. */
function valueText(value: unknown, indent: string, eol: string): string {
  return writeJsonValue(value).split('\n').map((line, i) => (i === 0 ? line : indent + line)).join(eol);
}

/** The node of a child entry of an object (the property node) or array (the element). */
function entryNode(container: Node, segment: PathSegment): Node | undefined {
  if (container.type === 'array') return typeof segment === 'number' ? container.children?.[segment] : undefined;
  let match: Node | undefined;
  for (const property of container.children ?? []) if (property.children?.[0]?.value === segment) match = property;
  return match;
}

/** Removes entry `index` of `container` with its separator, keeping the lines around it tidy. */
function removeEntry(container: Node, index: number): TextEdit {
  return removeEntries(container, [index])[0];
}

/** Removes the entries at `indices` of `container`: each run of neighbours as one edit, with its separators. */
function removeEntries(container: Node, indices: readonly number[]): TextEdit[] {
  const children = container.children ?? [];
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length === children.length) {
    return [{ offset: container.offset + 1, length: container.length - 2, content: '' }];
  }
  const edits: TextEdit[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const [first, last] = [children[sorted[i]], children[sorted[j]]];
    if (sorted[i] > 0) {
      const previous = children[sorted[i] - 1];
      const start = previous.offset + previous.length;
      edits.push({ offset: start, length: last.offset + last.length - start, content: '' });
    } else {
      edits.push({ offset: first.offset, length: children[sorted[j] + 1].offset - first.offset, content: '' });
    }
    i = j + 1;
  }
  return edits;
}

/** Inserts `entryText` (a property or element) at `index` of `container`, in the container's own layout. */
function insertEntry(text: string, container: Node, index: number, entryText: (indent: string) => string): TextEdit {
  const children = container.children ?? [];
  const eol = eolOf(text);
  if (children.length === 0) {
    const indent = childIndent(text, container);
    const closingIndent = lineIndentAt(text, container.offset);
    const open = container.type === 'array' ? '[' : '{';
    const close = container.type === 'array' ? ']' : '}';
    return { offset: container.offset, length: container.length, content: `${open}${eol}${indent}${entryText(indent)}${eol}${closingIndent}${close}` };
  }
  const multiLine = isMultiLine(text, container);
  const reference = children[Math.min(index, children.length - 1)];
  const indent = multiLine ? lineIndentAt(text, reference.offset) : '';
  const separator = multiLine ? `,${eol}${indent}` : ', ';
  const content = entryText(multiLine ? indent : lineIndentAt(text, container.offset));
  if (index < children.length) return { offset: reference.offset, length: 0, content: content + separator };
  return { offset: reference.offset + reference.length, length: 0, content: separator + content };
}

/** Where a new top-level key goes so the file keeps the writer's order (unknown keys after `data`, then history, parameters). */
function topLevelInsertionIndex(root: Node, key: string): number {
  const rank = (name: string): number => {
    const known = (TOP_LEVEL_KEYS as readonly string[]).indexOf(name);
    if (known >= 0) return known;
    return name === 'history' ? TOP_LEVEL_KEYS.length + 1 : name === 'parameters' ? TOP_LEVEL_KEYS.length + 2 : TOP_LEVEL_KEYS.length;
  };
  const children = root.children ?? [];
  const later = children.findIndex((property) => rank(String(property.children?.[0]?.value)) > rank(key));
  return later < 0 ? children.length : later;
}

/** Sets the value at `path`, creating missing objects on the way. Other text is left as it is. */
export function setValue(text: string, path: readonly PathSegment[], value: unknown): TextEdit[] {
  const root = parsedRoot(text);
  const eol = eolOf(text);
  const existing = findNode(root, path);
  if (existing) {
    const indent = lineIndentAt(text, existing.offset);
    return [{ offset: existing.offset, length: existing.length, content: valueText(value, indent, eol) }];
  }
  // find the deepest existing owner and wrap the value in the objects that are missing below it
  let depth = path.length - 1;
  let owner = findNode(root, path.slice(0, depth));
  let wrapped: unknown = value;
  while (!owner && depth > 0) {
    const segment = path[depth];
    if (typeof segment === 'number') throw new ModelEditError(`cannot create list item ${segment} of a missing list`);
    wrapped = { [segment]: wrapped };
    depth--;
    owner = findNode(root, path.slice(0, depth));
  }
  const key = path[depth];
  if (!owner || owner.type !== 'object' || typeof key !== 'string') {
    throw new ModelEditError(`cannot set ${path.join('.')}: ${typeof key === 'number' ? 'the list is too short' : 'its owner is not an object'}`);
  }
  const finalValue = wrapped;
  const index = depth === 0 ? topLevelInsertionIndex(owner, key) : owner.children?.length ?? 0;
  return [insertEntry(text, owner, index, (indent) => `${JSON.stringify(key)}: ${valueText(finalValue, indent, eol)}`)];
}

/** Removes the value at `path` (a key with its value, or a list item). Nothing to do when it is absent. */
export function removeValue(text: string, path: readonly PathSegment[]): TextEdit[] {
  return removeValues(text, [path]);
}

/** Removes several values at once (see `removeValue`); a path inside another one removed goes with it. */
export function removeValues(text: string, paths: readonly (readonly PathSegment[])[]): TextEdit[] {
  if (paths.some((path) => path.length === 0)) throw new ModelEditError('cannot remove the whole document');
  const root = parsedRoot(text);
  const within = (inner: readonly PathSegment[], outer: readonly PathSegment[]) =>
    inner.length > outer.length && outer.every((segment, i) => segment === inner[i]);
  const byContainer = new Map<Node, number[]>();
  for (const path of paths) {
    if (paths.some((other) => within(path, other))) continue;
    const container = findNode(root, path.slice(0, -1));
    const entry = container && entryNode(container, path[path.length - 1]);
    if (!container || !entry) continue;
    byContainer.set(container, [...(byContainer.get(container) ?? []), (container.children ?? []).indexOf(entry)]);
  }
  return [...byContainer].flatMap(([container, indices]) => removeEntries(container, indices));
}

/**
 * Sets several values that are already in the text (see `setValue`), on one parse of it. The paths must not lie
 * inside one another; a path that is not there is an error.
 */
export function setValues(text: string, entries: readonly { path: readonly PathSegment[]; value: unknown }[]): TextEdit[] {
  if (entries.length === 0) return [];
  const root = parsedRoot(text);
  const eol = eolOf(text);
  return entries.map(({ path, value }) => {
    const existing = findNode(root, path);
    if (!existing) throw new ModelEditError(`cannot set ${path.join('.')}: it is not in the file`);
    return { offset: existing.offset, length: existing.length, content: valueText(value, lineIndentAt(text, existing.offset), eol) };
  });
}

function layersNode(root: Node): Node {
  const layers = findNode(root, ['layers']);
  if (!layers || layers.type !== 'array') throw new ModelEditError('the model has no "layers" list: add "layers": [] first');
  return layers;
}

function layerIdAt(layers: Node, index: number): string | undefined {
  const id = findNode(layers, [index, 'id']);
  return typeof id?.value === 'string' ? id.value : undefined;
}

/** Inserts a layer at `index` (index = length appends), one line in the writer's layout. */
export function insertLayer(text: string, index: number, layer: LayerSpec): TextEdit[] {
  const layers = layersNode(parsedRoot(text));
  const count = layers.children?.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index > count) throw new ModelEditError(`layer position ${index} is outside 0..${count}`);
  return [insertEntry(text, layers, index, () => inlineJson(layer))];
}

/** Replaces the layer at `index` (e.g. a type change from the builder). */
export function replaceLayer(text: string, index: number, layer: LayerSpec): TextEdit[] {
  const layers = layersNode(parsedRoot(text));
  const node = layers.children?.[index];
  if (!node) throw new ModelEditError(`there is no layer ${index}`);
  return [{ offset: node.offset, length: node.length, content: inlineJson(layer) }];
}

/** Removes the layer at `index` and its trained parameters, if any (they would no longer belong to a layer). */
export function removeLayer(text: string, index: number): TextEdit[] {
  const root = parsedRoot(text);
  const layers = layersNode(root);
  if (!layers.children?.[index]) throw new ModelEditError(`there is no layer ${index}`);
  const edits = [removeEntry(layers, index)];
  const id = layerIdAt(layers, index);
  const stillUsed = id !== undefined && (layers.children ?? []).some((_, other) => other !== index && layerIdAt(layers, other) === id);
  if (id !== undefined && !stillUsed) edits.push(...removeValue(text, ['parameters', id]));
  return edits;
}

/** Moves the layer at `from` to position `to`; the layers keep their own text, separators stay in place. */
export function moveLayer(text: string, from: number, to: number): TextEdit[] {
  const layers = layersNode(parsedRoot(text));
  const children = layers.children ?? [];
  if (!children[from] || !children[to]) throw new ModelEditError(`cannot move layer ${from} to ${to}: there are ${children.length} layers`);
  const texts = children.map((child) => text.slice(child.offset, child.offset + child.length));
  const reordered = [...texts];
  const [moved] = reordered.splice(from, 1);
  reordered.splice(to, 0, moved);
  const edits: TextEdit[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    if (reordered[i] !== texts[i]) edits.push({ offset: children[i].offset, length: children[i].length, content: reordered[i] });
  }
  return edits;
}

/** Renames a layer and the key of its trained parameters together. */
export function renameLayer(text: string, index: number, newId: string): TextEdit[] {
  const root = parsedRoot(text);
  const layers = layersNode(root);
  const idNode = findNode(layers, [index, 'id']);
  const edits = idNode ? [{ offset: idNode.offset, length: idNode.length, content: JSON.stringify(newId) }] : setValue(text, ['layers', index, 'id'], newId);
  const oldId = layerIdAt(layers, index);
  const parameters = findNode(root, ['parameters']);
  const property = oldId !== undefined && parameters ? entryNode(parameters, oldId) : undefined;
  const key = property?.children?.[0];
  if (key) edits.push({ offset: key.offset, length: key.length, content: JSON.stringify(newId) });
  return edits;
}

function editsForChange(text: string, change: ModelChange): TextEdit[] {
  switch (change.kind) {
    case 'set': return setValue(text, change.path, change.value);
    case 'remove': return removeValue(text, change.path);
    case 'insertLayer': return insertLayer(text, change.index, change.layer);
  }
}

/** Minimal edits that make `changes` in order, each computed on the text the ones before it left. */
export function editsForChanges(text: string, changes: readonly ModelChange[]): TextEdit[] {
  const composer = new EditComposer(text);
  for (const change of changes) composer.apply(editsForChange(composer.text, change));
  return composer.edits();
}

/** Edits that set every mismatched Linear.in / BatchNorm.features to the width coming into it. */
export function fixAllWidths(text: string): TextEdit[] {
  const { diagnostics } = readModel(text);
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.code !== 'width-mismatch' || typeof diagnostic.data?.expected !== 'number') continue;
    edits.push(...setValue(text, diagnostic.segments, diagnostic.data.expected));
  }
  return edits;
}

/**
 * A new layer of `type` for a model whose width at the insertion point is `incomingWidth`. It leaves out the
 * widths that follow from the layer before (`Linear.in`, `BatchNorm.features`), and a Linear keeps the width
 * (out = the width coming in), so inserting never breaks the layers after it. Pass an id from
 * `uniqueLayerId(model, type)`; without one the layer is the first of its kind ("fc1").
 */
export function defaultLayer(type: LayerType, incomingWidth: number, id: string = `${layerDescriptor(type).idPrefix}1`): LayerSpec {
  const layer: Record<string, unknown> = { type, id };
  for (const [key, setting] of Object.entries(layerDescriptor(type).settings)) {
    if (setting.kind === 'boolean') continue;
    if (setting.whenAdded === 'default') layer[key] = setting.default;
    else if (setting.whenAdded === 'incomingWidth') layer[key] = incomingWidth;
    else if (typeof setting.whenAdded === 'number') layer[key] = setting.whenAdded;
  }
  return layer as LayerSpec;
}
