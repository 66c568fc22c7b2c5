/**
 * What a panel shows while the text cannot be read as a model: a note, and nothing that looks like the model's
 * settings (empty controls would show their first choice, "MSE" or "SGD", as if the file said so).
 */
import type { DocumentState } from '../../src/shared/webview-protocol';
import { h } from '../dom';

export const UNREADABLE_TEXT = 'Not shown while the file cannot be read as a model: fix the text where the problems above point.';

export function unreadableNote(): HTMLElement {
  return h('p', { className: 'hint unreadable-note', text: UNREADABLE_TEXT });
}

/** True once a document arrived that is not a model (before the first one, nothing is known either way). */
export function isUnreadable(state: DocumentState | undefined): boolean {
  return state !== undefined && state.model === undefined;
}
