/**
 * What the New Model picker shows about a CSV file's columns, and the task it proposes for a target column.
 * Browser-safe.
 */
import type { CsvTable } from './csv-table';
import type { Task } from './dataset';

export interface ColumnSummary {
  name: string;
  /** As the reader types it: numeric when the first value is a number. */
  kind: 'numeric' | 'text';
  /** The first few distinct values, as they read. */
  samples: string[];
  distinct: number;
}

/** More distinct whole numbers than this in a target column read as a quantity, not as classes. */
export const MAX_PROPOSED_CLASSES = 20;

/** float32 values as the file most likely wrote them (7 significant digits). */
function shown(value: number): string {
  return String(Number(value.toPrecision(7)));
}

export function columnSummaries(table: CsvTable, sampleCount = 4): ColumnSummary[] {
  return table.header.flatMap((name): ColumnSummary[] => {
    const column = table.columns.get(name);
    if (!column) return [];
    if (column.kind === 'text') return [{ name, kind: 'text', samples: column.levels.slice(0, sampleCount), distinct: column.levels.length }];
    const distinct = new Set<number>();
    const samples: string[] = [];
    for (const value of column.values) {
      if (distinct.has(value)) continue;
      distinct.add(value);
      if (samples.length < sampleCount) samples.push(shown(value));
    }
    return [{ name, kind: 'numeric', samples, distinct: distinct.size }];
  });
}

/**
 * Classification for text labels, or for a few (2 to MAX_PROPOSED_CLASSES) distinct whole numbers; regression
 * otherwise. `classNames` are the target's labels as training reads them for CrossEntropy (its data facts).
 */
export function proposedTask(kind: ColumnSummary['kind'], classNames: readonly string[]): Task {
  if (kind === 'text') return 'classification';
  const whole = classNames.every((label) => Number.isInteger(Number(label)));
  return whole && classNames.length >= 2 && classNames.length <= MAX_PROPOSED_CLASSES ? 'classification' : 'regression';
}
