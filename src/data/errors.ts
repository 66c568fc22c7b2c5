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
