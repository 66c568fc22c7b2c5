/**
 * A problem with the user's data or data settings. The message names the place (file, row, column or
 * data option) and what would fix it; callers print it as one line. Browser-safe.
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** The message for a failure to read `source`: a DataError's own, else one that says what could not be read. */
export function dataFailureMessage(error: unknown, source: string): string {
  if (error instanceof DataError) return error.message;
  return `${source}: cannot be read (${error instanceof Error ? error.message : String(error)}): check the file and the data settings`;
}
