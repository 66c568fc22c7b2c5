/** A model that cannot be exported, with the reason and the fix in one sentence. Browser-safe. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}
