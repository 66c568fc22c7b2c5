/** Train, Stop and Reset all weights, the run's progress, and the live charts. */
import type { FromWebview } from '../../src/shared/webview-protocol';
import { TrainingCharts, type ScaleKind } from '../charts/training-charts';
import { codicon, formatNumber, h } from '../dom';
import type { BuilderStore } from '../store';

export class TrainingPanel {
  readonly element: HTMLElement;
  readonly charts: TrainingCharts;
  private readonly trainButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly resetButton: HTMLElement;
  private readonly status: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly scaleButton: HTMLButtonElement;
  private scale: ScaleKind = 'linear';

  constructor(private readonly store: BuilderStore, private readonly post: (message: FromWebview) => void, initialScale: ScaleKind, private readonly onScale: (scale: ScaleKind) => void) {
    this.trainButton = h('vscode-button', { attrs: { id: 'train-button', 'aria-label': 'Train the model' }, on: { click: () => this.post({ type: 'train' }) } }, [
      codicon('play'), ' Train',
    ]);
    this.stopButton = h('vscode-button', { attrs: { id: 'stop-button', secondary: true, disabled: true, 'aria-label': 'Stop training after the current batch' }, on: { click: () => this.post({ type: 'stop' }) } }, [
      codicon('debug-stop'), ' Stop',
    ]);
    this.resetButton = h('vscode-button', {
      attrs: { id: 'reset-all-weights', secondary: true, disabled: true, 'aria-label': 'Reset all weights: every layer starts from fresh weights and the training history is removed' },
      on: { click: () => this.post({ type: 'resetWeights' }) },
    }, [codicon('discard'), ' Reset all weights']);
    this.status = h('span', { className: 'training-status', attrs: { id: 'training-status', role: 'status', 'aria-live': 'polite' } });
    this.progress = h('progress', { className: 'training-progress', attrs: { max: 1, value: 0, 'aria-label': 'Training progress' } });
    this.scaleButton = h('button', {
      className: 'toggle-button',
      attrs: { type: 'button', id: 'scale-toggle', 'aria-pressed': 'false', title: 'Logarithmic loss axis' },
      text: 'Log scale',
      on: { click: () => this.setScale(this.scale === 'linear' ? 'logarithmic' : 'linear', true) },
    });
    this.charts = new TrainingCharts();
    this.element = h('section', { className: 'training-panel panel', attrs: { 'aria-label': 'Training', id: 'training-panel' } }, [
      h('div', { className: 'panel-header' }, [
        h('h2', { className: 'panel-title', text: 'Training' }),
        h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Training controls' } }, [this.trainButton, this.stopButton, this.resetButton, this.scaleButton]),
      ]),
      h('div', { className: 'training-progress-row' }, [this.progress, this.status]),
      this.charts.element,
    ]);
    this.setScale(initialScale, false);
  }

  private setScale(scale: ScaleKind, notify: boolean): void {
    this.scale = scale;
    this.scaleButton.setAttribute('aria-pressed', scale === 'logarithmic' ? 'true' : 'false');
    this.charts.setScale(scale);
    if (notify) this.onScale(scale);
  }

  render(): void {
    const training = this.store.training;
    const model = this.store.document?.model;
    const running = training.running;
    this.trainButton.toggleAttribute('disabled', running || !model);
    this.stopButton.toggleAttribute('disabled', !running);
    this.resetButton.toggleAttribute('disabled', running || model?.parameters === undefined);
    const history = this.store.epochHistory();
    const planned = running ? training.plannedEpochs : Math.max(training.plannedEpochs, model?.training?.epochs ?? 0, history.length);
    const last = history[history.length - 1];
    const batch = training.lastBatch;
    if (running) {
      const done = batch ? (batch.epoch - 1 + batch.batch / batch.batchesPerEpoch) / Math.max(1, training.plannedEpochs) : 0;
      this.progress.value = Math.min(1, done);
      this.progress.hidden = false;
      this.status.textContent = batch
        ? `Epoch ${batch.epoch}/${training.plannedEpochs}, batch ${batch.batch}/${batch.batchesPerEpoch}, loss ${formatNumber(batch.loss)}`
        : 'Starting…';
    } else {
      this.progress.hidden = true;
      const outcome = training.outcome;
      const figures = last
        ? `${history.length} epochs; loss ${formatNumber(last.loss)}${last.valLoss !== undefined ? `, val ${formatNumber(last.valLoss)}` : ''}${last.accuracy !== undefined ? `; accuracy ${(last.accuracy * 100).toFixed(1)}%` : ''}${last.valAccuracy !== undefined ? `, val ${(last.valAccuracy * 100).toFixed(1)}%` : ''}`
        : 'Not trained yet.';
      const failed = outcome?.status === 'diverged' || (outcome === undefined && training.message !== undefined);
      if (outcome?.status === 'diverged') this.status.textContent = outcome.message;
      else if (failed) this.status.textContent = training.message ?? '';
      else {
        const prefix = outcome?.status === 'stopped' ? `Stopped at epoch ${outcome.epoch}. ` : '';
        this.status.textContent = `${prefix}${figures}${training.message ? ` ${training.message}` : ''}`;
      }
      this.status.classList.toggle('error-text', failed);
    }
    this.charts.setData(history, training.batches, planned);
  }
}
