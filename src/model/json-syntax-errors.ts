/**
 * JSON syntax errors as people read them: where to look and what to type. Browser-safe.
 *
 * jsonc-parser reports a missing "}" or "]" where the text stops making sense, often at the end of the file: the
 * brace that ends the file closes the object that was left open, and following "add the missing }" there would nest
 * everything after it inside that object. People indent, though: the first line that starts at or left of the line
 * that opened an object (or list) shows that the object should have closed before it. That guess is only reported
 * when inserting the closer there really repairs the text (it parses further than before).
 */
import { createScanner, parse, SyntaxKind, type ParseError } from 'jsonc-parser';
import { formatPath, LineIndex, syntaxErrorMessage, type PathSegment } from './json-tree';

export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
}

const COMMA_EXPECTED = 6;

/** ` after "..., 4" on line 6`: the end of the text before `end`, as people look for it. */
function placeAfter(text: string, lines: LineIndex, end: number): string {
  return ` after ${JSON.stringify(text.slice(Math.max(0, end - 11), end + 1).trimStart())} on line ${lines.position(end).line + 1}`;
}

function lastNonSpace(text: string, before: number): number {
  let end = before - 1;
  while (end >= 0 && /\s/.test(text[end])) end--;
  return end;
}

/** jsonc-parser reports a missing comma at the next token; people look for it at the end of the previous one. */
function missingCommaHint(text: string, lines: LineIndex, error: ParseError): string {
  if (error.error !== COMMA_EXPECTED) return '';
  const end = lastNonSpace(text, error.offset);
  return end < 0 ? '' : ` (add it${placeAfter(text, lines, end)})`;
}

interface OpenContainer {
  closer: '}' | ']';
  segments: PathSegment[];
  /** 0-based line of the opening bracket and the indentation of that line. */
  line: number;
  indent: number;
  /** Whether the container's members are indented deeper than its opening line (or start on that line). */
  indented?: boolean;
  /** Objects: the key last read at this level; lists: the number of items before the current one. */
  key?: string;
  items: number;
}

interface Unclosed {
  container: OpenContainer;
  /** Offset just after the last value that belongs inside it: where the closer goes. */
  closeAt: number;
}

/** The first object or list that the indentation says was left open, if any. */
function findUnclosed(text: string, lines: LineIndex): Unclosed | undefined {
  const scanner = createScanner(text, false);
  const stack: OpenContainer[] = [];
  let lineStart = 0;
  let firstOnLine = true;
  let previous: SyntaxKind | undefined;
  let previousString: string | undefined;
  let lastValueEnd = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (kind === SyntaxKind.LineBreakTrivia) {
      lineStart = offset + scanner.getTokenLength();
      firstOnLine = true;
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) continue;
    const top = stack[stack.length - 1];
    const indent = offset - lineStart;
    if (top && top.indented === undefined) top.indented = lines.position(offset).line === top.line || indent > top.indent;
    const closesTop = (kind === SyntaxKind.CloseBraceToken && top?.closer === '}') || (kind === SyntaxKind.CloseBracketToken && top?.closer === ']');
    if (firstOnLine && top?.indented && indent <= top.indent && !closesTop) return { container: top, closeAt: lastValueEnd };
    firstOnLine = false;
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const parent = stack[stack.length - 1];
        const segment = parent?.closer === '}' ? parent.key : parent?.items;
        const { line } = lines.position(offset);
        const lineText = text.slice(lineStart, offset);
        stack.push({
          closer: kind === SyntaxKind.OpenBraceToken ? '}' : ']',
          segments: parent ? [...parent.segments, ...(segment === undefined ? [] : [segment])] : [],
          line,
          indent: lineText.length - lineText.trimStart().length,
          items: 0,
        });
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (closesTop) stack.pop();
        lastValueEnd = offset + 1;
        break;
      case SyntaxKind.CommaToken:
        if (top?.closer === ']') top.items += 1;
        break;
      case SyntaxKind.ColonToken:
        if (top?.closer === '}' && previous === SyntaxKind.StringLiteral) top.key = previousString;
        break;
      default:
        lastValueEnd = offset + scanner.getTokenLength();
    }
    previous = kind;
    previousString = kind === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
  }
  return undefined;
}

function syntaxErrorsOf(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors;
}

function perError(text: string, lines: LineIndex, errors: readonly ParseError[]): SyntaxProblem[] {
  return errors.map((error) => ({
    offset: error.offset,
    length: Math.max(1, error.length),
    message: syntaxErrorMessage(error) + missingCommaHint(text, lines, error),
  }));
}

/** One problem per syntax error, the first one rewritten when it comes from an object or list left open. */
export function explainSyntaxErrors(text: string, errors: readonly ParseError[]): SyntaxProblem[] {
  const lines = new LineIndex(text);
  const first = errors[0];
  const unclosed = first ? findUnclosed(text, lines) : undefined;
  if (!first || !unclosed || unclosed.closeAt > first.offset) return perError(text, lines, errors);
  const { container, closeAt } = unclosed;
  const repaired = text.slice(0, closeAt) + container.closer + text.slice(closeAt);
  const remaining = syntaxErrorsOf(repaired);
  if (remaining.length > 0 && remaining[0].offset <= first.offset + 1) return perError(text, lines, errors);
  const what = container.closer === '}' ? 'object' : 'list';
  const name = container.segments.length > 0 ? `${what} "${formatPath(container.segments)}"` : `file's outer ${what}`;
  const missing = {
    offset: closeAt - 1,
    length: 1,
    message: `Invalid JSON: the ${name} opened on line ${container.line + 1} is not closed: add the missing "${container.closer}"${placeAfter(text, lines, closeAt - 1)}`,
  };
  // what is still wrong once the closer is in, at its place in the text as it is
  const later = remaining.map((error) => ({ ...error, offset: error.offset > closeAt ? error.offset - 1 : error.offset }));
  return [missing, ...perError(text, lines, later)];
}
