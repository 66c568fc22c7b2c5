/** An ONNX file that cannot be read or converted, with the reason and the fix in one line. Browser-safe. */
export class OnnxImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxImportError';
  }
}
