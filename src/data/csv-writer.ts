/** Writing CSV rows: fields with the delimiter, a quote or a line break are quoted, quotes doubled. Browser-safe. */
export function csvField(value: string | number, delimiter = ','): string {
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number)[], delimiter = ','): string {
  return values.map((value) => csvField(value, delimiter)).join(delimiter);
}

/** Up to 6 significant digits, without a trailing exponent for ordinary magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
