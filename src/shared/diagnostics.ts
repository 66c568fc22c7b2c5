/**
 * A problem found in a `.nnjson` document. Shared by the reader, the extension (Problems panel, quick fixes),
 * the webview (inline markers) and the command line (`nnjson validate`): no Node or DOM imports.
 */
import type { ModelChange } from './model-change';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** Stable identifiers; quick fixes and tests key on these, so never rename one. */
export type DiagnosticCode =
  | 'invalid-json'
  | 'duplicate-key'
  | 'not-an-object'
  | 'wrong-format'
  | 'newer-version'
  | 'migrated'
  | 'missing-field'
  | 'wrong-type'
  | 'unknown-layer-type'
  | 'unknown-loss'
  | 'unknown-optimizer'
  | 'unknown-key'
  | 'unused-setting'
  | 'out-of-range'
  | 'empty-layers'
  | 'duplicate-id'
  | 'width-mismatch'
  | 'input-shape'
  | 'loss-output'
  // a setting that needs the validation rows (training.earlyStopping) while none are held out
  | 'needs-validation'
  | 'unknown-parameter-layer'
  | 'unknown-parameter'
  | 'missing-parameter'
  | 'untrained-layer'
  | 'tensor-shape'
  | 'tensor-length'
  | 'tensor-nan'
  | 'invalid-base64'
  | 'unsupported-dtype'
  | 'internal-error'
  // found against the model's data (src/model/data-fit.ts), not in the text alone
  | 'data-input-width'
  | 'data-output-width'
  | 'data-unreadable';

/** Extra facts a quick fix needs; which keys are present depends on the code. */
export interface DiagnosticData {
  /** The value that would fix the problem (`width-mismatch`: the expected width; `out-of-range`: a valid value). */
  expected?: unknown;
  /** The value found in the file. */
  actual?: unknown;
  /** A replacement suggestion: closest layer type, key or optimizer name, or a free layer id. */
  suggestion?: string;
  /** The JSON path the fix should write to when it differs from the diagnostic's own path, as segments. */
  fixPath?: (string | number)[];
  /** The layer id the diagnostic is about, when there is one. */
  layerId?: string;
  /**
   * The one-click fixes, best first, as model changes (shape errors, the data-fit codes): what the Problems panel's
   * quick fixes and the builder's buttons both apply.
   */
  fixes?: DiagnosticFix[];
}

/** One fix of a diagnostic: its title (which names the values it sets) and the changes it makes. */
export interface DiagnosticFix {
  title: string;
  changes: ModelChange[];
}

export interface Diagnostic {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  /** Human-readable JSON path such as `layers[2].in`; '' for the whole document. */
  path: string;
  /** The same path as segments (`['layers', 2, 'in']`), for tools that edit the document. */
  segments: (string | number)[];
  /** 0-based line and column of the start of the squiggle. */
  line: number;
  column: number;
  /** Character offset and length of the squiggle in the document text. */
  offset: number;
  length: number;
  /** What is wrong and what would fix it. */
  message: string;
  data?: DiagnosticData;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** `file:3:7: error: message [code]` with a 1-based line and column, the form compilers and terminals link. */
export function formatDiagnostic(diagnostic: Diagnostic, fileName?: string): string {
  const place = `${diagnostic.line + 1}:${diagnostic.column + 1}`;
  const where = fileName ? `${fileName}:${place}` : place;
  const path = diagnostic.path ? ` (${diagnostic.path})` : '';
  return `${where}: ${diagnostic.severity}: ${diagnostic.message}${path} [${diagnostic.code}]`;
}
