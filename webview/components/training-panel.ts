/** Train, Stop, Evaluate, Predict, Export and Reset all weights, the run's progress, and the live charts. */
import { formatCount } from '../../src/model/shapes';
import { runEpochText, runFraction } from '../../src/shared/run-progress';
import { earlyStopText } from '../../src/shared/training-events';
import type { FromWebview } from '../../src/shared/webview-protocol';
import { TrainingCharts, type ScaleKind } from '../charts/training-charts';
import { codicon, formatNumber, h } from '../dom';
import { hasParameters } from '../../src/model/network-state';
import type { BuilderStore } from '../store';
import { isUnreadable, UNREADABLE_TEXT } from './unreadable-note';

export class TrainingPanel {
  readonly element: HTMLElement;
  readonly charts: TrainingCharts;
  private readonly trainButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly evaluateButton: HTMLElement;
  private readonly predictButton: HTMLElement;
  private readonly exportButton: HTMLElement;
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
    this.evaluateButton = h('vscode-button', { attrs: { id: 'evaluate-button', secondary: true, disabled: true }, on: { click: () => this.post({ type: 'evaluate' }) } }, [
      codicon('checklist'), ' Evaluate',
    ]);
    this.predictButton = h('vscode-button', { attrs: { id: 'predict-button', secondary: true, disabled: true }, on: { click: () => this.post({ type: 'predict' }) } }, [
      codicon('symbol-event'), ' Predict',
    ]);
    this.exportButton = h('vscode-button', { attrs: { id: 'export-button', secondary: true, disabled: true }, on: { click: () => this.post({ type: 'exportModel' }) } }, [
      codicon('export'), ' Export',
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
        h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Training controls' } }, [this.trainButton, this.stopButton, this.evaluateButton, this.predictButton, this.exportButton, this.resetButton, this.scaleButton]),
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

  /** Evaluate, Predict and Export use the file's trained parameters: not before there are any, nor while a run changes them. */
  private renderInferenceButtons(trained: boolean, running: boolean): void {
    const why = !trained ? ' (train the model first)' : running ? ' (after training ends)' : '';
    for (const button of [this.evaluateButton, this.predictButton, this.exportButton]) button.toggleAttribute('disabled', !trained || running);
    this.evaluateButton.setAttribute('aria-label', `Evaluate the trained model on data you choose${why}`);
    this.predictButton.setAttribute('aria-label', `Predict on data you choose and save the predictions as CSV${why}`);
    this.evaluateButton.title = `Evaluate: accuracy, precision, recall and the confusion matrix, or MAE, RMSE and R²${why}`;
    this.predictButton.title = `Predict: write a CSV of predictions${why}`;
    this.exportButton.setAttribute('aria-label', `Export the trained model to another format, such as ONNX for onnxruntime${why}`);
    this.exportButton.title = `Export: write the trained model as ONNX${why}`;
  }

  render(): void {
    const training = this.store.training;
    const state = this.store.document;
    const model = state?.model;
    const running = training.running;
    this.trainButton.toggleAttribute('disabled', running || !model);
    this.stopButton.toggleAttribute('disabled', !running);
    this.renderInferenceButtons(model !== undefined && hasParameters(model), running);
    this.resetButton.toggleAttribute('disabled', running || model?.parameters === undefined);
    const history = this.store.epochHistory();
    const run = training.run;
    const runEnd = run ? run.startEpoch + run.epochs : 0;
    const last = history[history.length - 1];
    const planned = running ? runEnd : Math.max(runEnd, model?.training?.epochs ?? 0, last?.epoch ?? 0);
    const batch = training.lastBatch;
    let failed = false;
    let stale = false;
    if (running) {
      this.progress.value = batch && run ? runFraction(run, batch.epoch, batch.batch, batch.batchesPerEpoch) : 0;
      this.progress.hidden = false;
      this.status.textContent = batch
        ? `${sentence(run ? runEpochText(run, batch.epoch) : `epoch ${formatCount(batch.epoch)}`)}; batch ${batch.batch}/${batch.batchesPerEpoch}, loss ${formatNumber(batch.loss)}`
        : 'Starting…';
    } else if (isUnreadable(state)) {
      this.progress.hidden = true;
      this.status.textContent = UNREADABLE_TEXT;
    } else {
      this.progress.hidden = true;
      const outcome = training.outcome;
      const failure = outcome?.status === 'diverged' ? outcome.message : outcome === undefined ? training.message : undefined;
      if (failure !== undefined) {
        // The failure was about an earlier text: the change may have fixed its cause, so it no longer shows as the
        // current error, but it stays readable in case the change did not fix it.
        stale = training.failedAtVersion !== undefined && state !== undefined && state.version > training.failedAtVersion;
        failed = !stale;
        this.status.textContent = stale ? `Before the file last changed, training failed: ${failure} Train again to check the change.` : failure;
      } else {
        const figures = last
          ? `${formatCount(last.epoch)} epoch${last.epoch === 1 ? '' : 's'} in total; loss ${formatNumber(last.loss)}${last.valLoss !== undefined ? `, val ${formatNumber(last.valLoss)}` : ''}${last.accuracy !== undefined ? `; accuracy ${(last.accuracy * 100).toFixed(1)}%` : ''}${last.valAccuracy !== undefined ? `, val ${(last.valAccuracy * 100).toFixed(1)}%` : ''}`
          : 'Not trained yet.';
        const stoppedAt = outcome?.status === 'stopped' ? (run ? runEpochText(run, outcome.epoch) : `epoch ${formatCount(outcome.epoch)}`) : undefined;
        // early stopping, as this run ended or as the file's last run did
        const earlyStop = outcome?.status === 'completed' && outcome.earlyStop ? earlyStopText(outcome.earlyStop)
          : outcome === undefined && model?.trainingStatus !== 'stopped' ? model?.trainingStatus : undefined;
        const how = stoppedAt ? `Stopped at ${stoppedAt}. ` : earlyStop ? `${sentence(earlyStop)}. ` : '';
        this.status.textContent = `${how}${figures}${training.message ? ` ${training.message}` : ''}`;
      }
    }
    this.status.classList.toggle('error-text', failed);
    this.status.classList.toggle('stale', stale);
    this.charts.setData(history, training.batches, planned);
  }
}

/** "epoch 3 of 10" -> "Epoch 3 of 10" */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
