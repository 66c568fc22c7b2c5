/** JSON-like values as Python literals (`True`, `None`, `{'a': [1, 2]}`), for the settings the script states. Browser-safe. */

export type PythonData = string | number | boolean | null | undefined | readonly PythonData[] | { readonly [key: string]: PythonData };

/** A string as a Python literal: JSON's escapes are Python's too. */
export function pythonString(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

export function pythonLiteral(value: PythonData): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} has no Python literal here`);
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: PythonData }).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`).join(', ')}}`;
}
