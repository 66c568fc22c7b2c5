/** The state the builder shows for one document text: the model, its shapes and its diagnostics. No vscode. */
import { readModel } from '../model/reader';
import { inferShapes } from '../model/shapes';
import type { DocumentState } from '../shared/webview-protocol';

export function documentState(text: string, version: number, fileName: string): DocumentState {
  const { model, diagnostics } = readModel(text);
  let shapes;
  try {
    shapes = model ? inferShapes(model) : undefined;
  } catch {
    // A model whose layers lack required settings still shows, without figures; its diagnostics say what to fix.
    shapes = undefined;
  }
  return { version, fileName, model, shapes, diagnostics };
}
