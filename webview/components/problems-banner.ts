/** The document's diagnostics. When the text cannot be read as a model, the builder shows them and waits. */
import { formatDiagnostic } from '../../src/shared/diagnostics';
import type { FromWebview } from '../../src/shared/webview-protocol';
import { codicon, h, replaceChildren } from '../dom';
import type { BuilderStore } from '../store';

export class ProblemsBanner {
  readonly element: HTMLElement;

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    this.element = h('section', { className: 'problems', attrs: { id: 'problems', 'aria-label': 'Problems in the file' } });
  }

  /** A message from the host (an edit that could not be applied, a file that could not be read). */
  showMessage(message: string): void {
    this.element.hidden = false;
    this.element.querySelector('.host-message')?.remove();
    this.element.prepend(h('div', { className: 'problems-header host-message', attrs: { role: 'alert' } }, [codicon('error'), h('span', { text: message })]));
  }

  render(): void {
    const state = this.store.document;
    const diagnostics = (state?.diagnostics ?? []).filter((d) => d.severity !== 'info');
    // the problems between the model and its data have no place in the text; they are listed by their setting
    const dataProblems = state?.model ? this.store.data?.problems ?? [] : [];
    const count = diagnostics.length + dataProblems.length;
    this.element.hidden = count === 0;
    if (!state || count === 0) {
      this.element.replaceChildren();
      return;
    }
    const unreadable = state.model === undefined;
    const anyError = diagnostics.some((d) => d.severity === 'error');
    replaceChildren(this.element, [
      h('div', { className: `problems-header${unreadable ? ' blocking' : ''}`, attrs: unreadable ? { role: 'alert' } : {} }, [
        codicon(anyError ? 'error' : 'warning'),
        h('strong', {
          text: unreadable
            ? `${state.fileName} cannot be read as a model. Fix the text; the builder shows it again as soon as it is valid and never overwrites it.`
            : `${count} problem${count > 1 ? 's' : ''} in ${state.fileName}`,
        }),
        unreadable ? h('vscode-button', { attrs: { secondary: true, id: 'open-as-text' }, text: 'Open as JSON', on: { click: () => this.post({ type: 'openAsText' }) } }) : null,
      ]),
      h('ul', { className: 'problems-list' }, [
        ...dataProblems.map((problem) => h('li', { className: 'severity-error', dataset: { code: problem.code } }, [
          codicon('error'),
          h('span', { text: problem.message }),
        ])),
        ...diagnostics.slice(0, 20).map((d) => h('li', { className: `severity-${d.severity}` }, [
          codicon(d.severity === 'error' ? 'error' : 'warning'),
          h('span', { text: formatDiagnostic(d) }),
        ])),
      ]),
    ]);
  }
}
