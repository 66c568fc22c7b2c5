/**
 * A note from the host about what an edit meant beyond itself ("fc2 starts from fresh weights: ..."). It is
 * information, not a problem: shown in the theme's info colours until a later version of the document arrives
 * (the next edit, an undo) or it is dismissed, and announced politely through a live region that stays in the
 * page (a region added together with its text is not reliably read out).
 */
import { codicon, h } from '../dom';

export class NoteBar {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly announcer: HTMLElement;
  private version = -1;

  constructor() {
    this.text = h('span', { className: 'note-text' });
    this.announcer = h('div', { className: 'visually-hidden', attrs: { id: 'note-announcer', role: 'status', 'aria-live': 'polite' } });
    this.element = h('div', { className: 'note-bar', attrs: { id: 'builder-note', hidden: true } }, [
      codicon('info'),
      this.text,
      h('button', {
        className: 'icon-button',
        attrs: { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss the note' },
        on: { click: () => this.clear() },
      }, [codicon('close')]),
    ]);
  }

  show(message: string, version: number): void {
    this.version = version;
    this.text.textContent = message;
    this.announcer.textContent = message;
    this.element.hidden = false;
  }

  /** A document arrived: a later version than the note's means the note no longer describes the file. */
  documentArrived(version: number): void {
    if (version > this.version) this.clear();
  }

  /** The live region, to be placed in the page once. */
  get liveRegion(): HTMLElement {
    return this.announcer;
  }

  private clear(): void {
    this.element.hidden = true;
    this.text.textContent = '';
    this.announcer.textContent = '';
  }
}
