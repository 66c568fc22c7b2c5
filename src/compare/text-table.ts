/** Rows of text cells laid out in aligned columns, for the command line's tables. Browser-safe. */

/** Each row's cells padded to their column's width (figures in `rightAligned` columns to the right), joined by two spaces. */
export function alignColumns(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => row.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}
