/**
 * A one-click fix beside its problem, as the cards and the input and output nodes show it: a button that Tab
 * reaches (Enter or Space presses it), whose text says what it sets.
 */
import { h } from '../dom';

/** `text` is what the button shows; `label` (default `text`) follows "Fix: " for screen readers. */
export function fixButton(className: string, text: string, apply: () => void, label = text): HTMLElement {
  return h('vscode-button', {
    className: `fix-button ${className}`,
    attrs: { secondary: true, 'aria-label': `Fix: ${label}` },
    text,
    on: {
      click: (event) => {
        // the card around it would take the click as a selection
        event.stopPropagation();
        apply();
      },
    },
  });
}
