/**
 * The columns of a predictions CSV, defined once for `nnjson predict` and Predict on Data: `row` (1-based data row),
 * optionally the model's input columns as the file gave them, then `predicted_<target>` (one per target for
 * regression) and, for classifiers, `probability_<class>` for each class. Browser-safe.
 */
import { csvRow } from './csv-writer';
import type { Dataset } from './dataset';

export const ROW_COLUMN = 'row';
export const PREDICTED_PREFIX = 'predicted_';
export const PROBABILITY_PREFIX = 'probability_';

export interface Predictions {
  header: string[];
  rows: (string | number)[][];
}

/** The model's source feature columns, to copy into the output: numeric ones, and one-hot encoded text ones with their categories. */
export interface InputColumns {
  featureColumns: string[];
  categories: Record<string, string[]>;
}

export interface PredictionSource {
  /** Encoded rows before normalisation (numbers as read, text columns one-hot). */
  raw: Dataset;
  /** Network outputs, [rows, outputs]: class probabilities, or values in the targets' own units. */
  outputs: Float32Array;
  outputCols: number;
  /** Copy these input columns into the table; absent: predictions only. */
  inputs?: InputColumns;
}

/** The shortest decimal that reads back as the same float32: the value the file held, as far as float32 keeps it. */
export function float32Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

/** The input columns of row r, decoded from the encoded row: numbers as read, the one-hot category for text. */
function inputCells(raw: Dataset, inputs: InputColumns, r: number): string[] {
  const cells: string[] = [];
  let offset = r * raw.cols;
  for (const name of inputs.featureColumns) {
    const levels = inputs.categories[name];
    if (!levels) {
      cells.push(float32Text(raw.x[offset]));
      offset += 1;
      continue;
    }
    const hot = levels.findIndex((_, k) => raw.x[offset + k] === 1);
    cells.push(hot >= 0 ? levels[hot] : '');
    offset += levels.length;
  }
  return cells;
}

function classNamesOf(raw: Dataset, outputCols: number): string[] {
  return raw.classNames ?? Array.from({ length: outputCols }, (_, k) => String(k));
}

export function predictionHeader(raw: Dataset, outputCols: number, inputs?: InputColumns): string[] {
  const header = [ROW_COLUMN, ...(inputs?.featureColumns ?? [])];
  if (raw.task === 'classification') {
    header.push(`${PREDICTED_PREFIX}${raw.targetNames[0] ?? 'class'}`, ...classNamesOf(raw, outputCols).map((name) => `${PROBABILITY_PREFIX}${name}`));
  } else {
    const targets = raw.targetNames.length === outputCols ? raw.targetNames : Array.from({ length: outputCols }, (_, k) => `output${k + 1}`);
    header.push(...targets.map((name) => `${PREDICTED_PREFIX}${name}`));
  }
  return header;
}

export function predictionTable(source: PredictionSource): Predictions {
  const { raw, outputs, outputCols, inputs } = source;
  const classes = classNamesOf(raw, outputCols);
  const rows: (string | number)[][] = [];
  for (let r = 0; r < raw.rows; r++) {
    const values = Array.from(outputs.subarray(r * outputCols, (r + 1) * outputCols));
    const row: (string | number)[] = [r + 1, ...(inputs ? inputCells(raw, inputs, r) : [])];
    if (raw.task === 'classification') {
      let best = 0;
      for (let c = 1; c < outputCols; c++) if (values[c] > values[best]) best = c;
      row.push(classes[best] ?? String(best), ...values);
    } else {
      row.push(...values);
    }
    rows.push(row);
  }
  return { header: predictionHeader(raw, outputCols, inputs), rows };
}

/** The table as CSV lines (header first), numbers to 6 significant digits. */
export function predictionCsvLines(predictions: Predictions): string[] {
  return [csvRow(predictions.header), ...predictions.rows.map((row) => csvRow(row))];
}
