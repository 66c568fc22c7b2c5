/**
 * Tells the host when "Inside the model" of a trained model is on screen, for the walkthrough's "look inside" step:
 * once when the user scrolls to it (or trains while it is in view), and again after each Look Inside the Model.
 */
import { hasParameters } from '../../src/model/network-state';
import type { FromWebview } from '../../src/shared/webview-protocol';
import type { BuilderStore } from '../store';

export class InsightSeen {
  private visible = false;
  private told = false;

  constructor(private readonly panel: HTMLElement, private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void) {
    new IntersectionObserver((entries) => {
      this.visible = entries.some((entry) => entry.isIntersecting);
      this.check();
    }).observe(panel);
    store.subscribe((change) => {
      if (change === 'document') this.check();
    });
  }

  /** Look Inside the Model: the panel scrolled to the top of the view, its title focused for keyboard and screen reader. */
  reveal(): void {
    this.panel.scrollIntoView({ block: 'start' });
    const title = this.panel.querySelector<HTMLElement>('.panel-title');
    if (title) {
      title.tabIndex = -1;
      title.focus({ preventScroll: true });
    }
    this.told = false;
    this.check();
  }

  private check(): void {
    const model = this.store.document?.model;
    if (this.told || !this.visible || !model || !hasParameters(model)) return;
    this.told = true;
    this.post({ type: 'insightSeen' });
  }
}
