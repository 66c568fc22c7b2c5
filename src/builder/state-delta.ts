/**
 * A trained model's history and parameters are most of its text, and most edits leave them alone. Pushing them
 * to the webview with every state (a 2 MB model: 2 MB of JSON per keystroke) kept the builder half a second
 * behind. The host leaves out what equals the state sent before and names it in `reused`; the webview keeps its
 * copy (webview/store.ts). No vscode import.
 */
import type { EpochRecord, NnJsonModel, ParametersJson, TensorJson } from '../shared/nnjson';
import { EPOCH_RECORD_KEYS } from '../shared/nnjson';
import type { DocumentState, ReusedPart } from '../shared/webview-protocol';

function sameHistory(a: readonly EpochRecord[], b: readonly EpochRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    for (const key of EPOCH_RECORD_KEYS) if (!Object.is(a[i][key], b[i][key])) return false;
  }
  return true;
}

function sameTensor(a: TensorJson, b: TensorJson): boolean {
  return a.dtype === b.dtype && a.data === b.data && JSON.stringify(a.shape) === JSON.stringify(b.shape)
    && JSON.stringify(a.values) === JSON.stringify(b.values);
}

function sameParameters(a: ParametersJson, b: ParametersJson): boolean {
  const layers = Object.keys(a);
  if (layers.length !== Object.keys(b).length) return false;
  return layers.every((id) => {
    const tensorsA = a[id];
    const tensorsB = b[id];
    if (!tensorsB || Object.keys(tensorsA).length !== Object.keys(tensorsB).length) return false;
    return Object.keys(tensorsA).every((name) => tensorsB[name] !== undefined && sameTensor(tensorsA[name], tensorsB[name]));
  });
}

/** `state` without the parts its model shares with `previous` (the model last sent), and which they are. */
export function withoutReusedParts(state: DocumentState, previous: NnJsonModel | undefined): DocumentState {
  const model = state.model;
  if (!model || !previous) return state;
  const reused: ReusedPart[] = [];
  if (Array.isArray(model.history) && Array.isArray(previous.history) && sameHistory(model.history, previous.history)) reused.push('history');
  if (model.parameters && previous.parameters && sameParameters(model.parameters, previous.parameters)) reused.push('parameters');
  if (reused.length === 0) return state;
  const lighter: NnJsonModel = { ...model };
  for (const part of reused) delete lighter[part];
  return { ...state, model: lighter, reused };
}
