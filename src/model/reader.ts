/**
 * The one reader of `.nnjson` text. Never throws: every problem becomes a Diagnostic with a position.
 * Browser-safe (the webview bundles it).
 */
import type { Node } from 'jsonc-parser';
import type { Diagnostic, DiagnosticCode, DiagnosticData, DiagnosticSeverity } from '../shared/diagnostics';
import { NNJSON_VERSION, type NnJsonModel } from '../shared/nnjson';
import {
  findNode, formatPath, keyRangeOf, LineIndex, parseJson,
  type JsonObject, type JsonValue, type PathSegment, type TextRange,
} from './json-tree';
import { explainSyntaxErrors } from './json-syntax-errors';
import { migrate } from './migrate';
import { validateDocument, type Issue } from './validate';

export interface ReadResult {
  /** The model, when the document has its shape; settings keep exactly what the file says (no defaults filled in). */
  model: NnJsonModel | undefined;
  diagnostics: Diagnostic[];
}

/** How many syntax errors to report; after the first few they are mostly echoes of the first. */
const MAX_SYNTAX_ERRORS = 20;

class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  private lines?: LineIndex;

  constructor(private readonly text: string, private readonly root: Node | undefined) {}

  add(severity: DiagnosticSeverity, code: DiagnosticCode, segments: PathSegment[], range: TextRange, message: string, data?: DiagnosticData): void {
    const offset = Math.max(0, Math.min(range.offset, this.text.length));
    const length = Math.max(0, Math.min(range.length, this.text.length - offset));
    this.lines ??= new LineIndex(this.text);
    const { line, column } = this.lines.position(offset);
    this.diagnostics.push({ severity, code, path: formatPath(segments), segments, line, column, offset, length, message, ...(data ? { data } : {}) });
  }

  /**
   * Where to squiggle a path: the value itself, or its key; for a path that is not in the text (a missing key)
   * the key of the nearest existing owner, or its first character.
   */
  rangeOf(textSegments: readonly PathSegment[], atKey: boolean): TextRange {
    const wholeFile = { offset: 0, length: Math.min(1, this.text.length) };
    if (!this.root) return wholeFile;
    for (let depth = textSegments.length; depth >= 0; depth--) {
      const node = findNode(this.root, textSegments.slice(0, depth));
      if (!node) continue;
      const exact = depth === textSegments.length;
      // the whole document is too much to underline: mark its first character
      if (depth === 0) return { offset: node.offset, length: node.type === 'object' ? 1 : node.length };
      if (exact && !atKey) return { offset: node.offset, length: node.length };
      const key = keyRangeOf(node);
      if (key) return key;
      if (node.type === 'object' || node.type === 'array') {
        // an element of a list: mark the element when it fits on one line, else its opening bracket
        const oneLine = !this.text.slice(node.offset, node.offset + node.length).includes('\n');
        return oneLine && node.parent ? { offset: node.offset, length: node.length } : { offset: node.offset, length: 1 };
      }
      return { offset: node.offset, length: node.length };
    }
    return wholeFile;
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** History figures written as null (JSON has no NaN; a diverged loss) come back as NaN, as the writer had them. */
function withNonFiniteHistory(model: NnJsonModel): NnJsonModel {
  if (!Array.isArray(model.history)) return model;
  for (const record of model.history as unknown as Record<string, unknown>[]) {
    for (const key of ['loss', 'valLoss', 'accuracy', 'valAccuracy']) if (record[key] === null) record[key] = Number.NaN;
  }
  return model;
}

function readUnsafe(source: string): ReadResult {
  // a byte order mark is not JSON; a space keeps every offset the same
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;
  const parsed = parseJson(text);
  const sink = new DiagnosticSink(text, parsed.root);
  if (text.trim() === '') {
    sink.add('error', 'invalid-json', [], { offset: 0, length: 0 }, 'The file is empty: start it with { "format": "nnjson", "version": 1, ... } or run "nnjson init"');
    return { model: undefined, diagnostics: sink.diagnostics };
  }
  if (parsed.syntaxErrors.length > 0 || parsed.value === undefined) {
    for (const problem of explainSyntaxErrors(text, parsed.syntaxErrors).slice(0, MAX_SYNTAX_ERRORS)) {
      sink.add('error', 'invalid-json', [], problem, problem.message);
    }
    return { model: undefined, diagnostics: sink.diagnostics };
  }
  for (const duplicate of parsed.duplicateKeys) {
    const key = duplicate.segments[duplicate.segments.length - 1];
    sink.add('warning', 'duplicate-key', duplicate.segments, duplicate.key,
      `"${String(key)}" appears more than once in ${formatPath(duplicate.segments.slice(0, -1)) || 'the file'}: only the last one counts, remove the others`);
  }
  const original = parsed.value;
  if (!isObject(original)) {
    sink.add('error', 'not-an-object', [], sink.rangeOf([], false),
      'A .nnjson file is one JSON object: wrap the content in { "format": "nnjson", "version": 1, ... }');
    return { model: undefined, diagnostics: sink.diagnostics };
  }
  const version = original.version;
  if (typeof version === 'number' && Number.isFinite(version) && version > NNJSON_VERSION) {
    sink.add('error', 'newer-version', ['version'], sink.rangeOf(['version'], false),
      `This file is .nnjson version ${version} but this NN Builder reads version ${NNJSON_VERSION}: update NN Builder to open it`,
      { expected: NNJSON_VERSION, actual: version });
    return { model: undefined, diagnostics: sink.diagnostics };
  }
  const migration = migrate(original);
  for (const note of migration.notes) {
    sink.add('warning', 'migrated', note.segments, sink.rangeOf(migration.originalSegments(note.segments), note.segments.length > 0), note.message);
  }
  const validation = validateDocument(migration.document);
  for (const issue of validation.issues) {
    const textSegments = migration.originalSegments(issue.segments);
    const range = sink.rangeOf(textSegments, issue.atKey === true);
    // a quick fix edits the text as it is, so after a migration it must write where the value really is
    const moved = textSegments.length !== issue.segments.length || textSegments.some((segment, i) => segment !== issue.segments[i]);
    const data = moved && issue.data?.fixPath === undefined ? { ...issue.data, fixPath: textSegments } : issue.data;
    sink.add(issue.severity, issue.code, issue.segments, range, issue.message, data);
  }
  if (validation.blocked) return { model: undefined, diagnostics: sink.diagnostics };
  return { model: withNonFiniteHistory(migration.document as unknown as NnJsonModel), diagnostics: sink.diagnostics };
}

export function readModel(text: string): ReadResult {
  try {
    return readUnsafe(typeof text === 'string' ? text : String(text));
  } catch (error) {
    // a bug in the checks must not take the editor down; report it like any other problem
    const detail = error instanceof Error ? error.message : String(error);
    return {
      model: undefined,
      diagnostics: [{
        severity: 'error', code: 'internal-error', path: '', segments: [], line: 0, column: 0, offset: 0, length: 0,
        message: `The file could not be checked (internal error: ${detail}): please report this with the file attached`,
      }],
    };
  }
}

/** Problems found by path outside the reader (the data-fit checks), placed in `text` the way the reader places its own. */
export function placeIssues(text: string, issues: readonly Pick<Issue, 'severity' | 'code' | 'segments' | 'message' | 'data'>[]): Diagnostic[] {
  if (issues.length === 0) return [];
  const sink = new DiagnosticSink(text, parseJson(text).root);
  for (const issue of issues) sink.add(issue.severity, issue.code, issue.segments, sink.rangeOf(issue.segments, false), issue.message, issue.data);
  return sink.diagnostics;
}

/** Convenience for callers that only need a usable model (CLI, worker): the model or the error diagnostics. */
export function readModelOrErrors(text: string): { model: NnJsonModel; warnings: Diagnostic[] } | { errors: Diagnostic[] } {
  const { model, diagnostics } = readModel(text);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!model || errors.length > 0) return { errors };
  return { model, warnings: diagnostics };
}
