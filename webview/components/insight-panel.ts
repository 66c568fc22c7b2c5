/**
 * Looking inside a trained model: per-tensor statistics with weight histograms, the confusion matrix on the
 * validation split, for two-feature data the decision boundary under the points, updated during training
 * when the run reports a boundary grid, and for image models their filters, feature maps and misclassified images
 * (image-insight.ts).
 */
import type { ConfusionMatrix, DecisionBoundary } from '../../src/shared/training-events';
import { drawScatter, type ScatterPoint } from '../charts/scatter';
import { h, replaceChildren } from '../dom';
import { isTrainedFileClassifier } from '../../src/insight/held-out-data';
import { hasParameters } from '../../src/model/network-state';
import { dataInsight, generatedDataset, pointsOf, tensorStatistics, type DataInsight } from '../inference/model-insight';
import { tensorStatsTable } from './tensor-stats-table';
import type { BuilderStore } from '../store';
import type { NnJsonModel } from '../../src/shared/nnjson';
import { confusionTable } from './confusion-table';
import { ImageInsight, type ImagesView } from './image-insight';
import { isUnreadable, unreadableNote } from './unreadable-note';

export class InsightPanel {
  readonly element: HTMLElement;
  private readonly statsBody: HTMLElement;
  private readonly confusionBody: HTMLElement;
  private readonly boundaryCanvas: HTMLCanvasElement;
  private readonly boundaryCaption: HTMLElement;
  private readonly boundaryFigure: HTMLElement;
  /** Says why there is no boundary, in one line under the panel instead of an empty column. */
  private readonly boundaryNote: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly unreadable = unreadableNote();
  private readonly images = new ImageInsight();
  /** The content version (contentVersion) the static pictures were computed from. */
  private computedFor?: number;
  private pictureParameters?: unknown;
  private pictureSettings = '';
  private pictureGeneration = 0;
  /** The parameters the statistics were drawn from (by identity; a box, so that "none" counts as drawn too). */
  private statsFor?: { parameters: unknown };
  private lastRunPicture?: unknown[];
  private fileConfusion?: ConfusionMatrix;
  private fileConfusionFor?: number;

  /** `boundaryShown` hears of every grid drawn (or of none), for the neuron pictures drawn from the same grid. */
  constructor(private readonly store: BuilderStore, private readonly boundaryShown: (boundary: DecisionBoundary | undefined) => void = () => undefined) {
    this.statsBody = h('div', { className: 'stats-body' });
    this.confusionBody = h('div', { className: 'confusion-body' });
    this.boundaryCanvas = h('canvas', { className: 'boundary-canvas', attrs: { id: 'boundary-canvas', width: 260, height: 260, role: 'img', 'aria-label': 'Decision boundary' } });
    this.boundaryCaption = h('figcaption', { className: 'hint' });
    this.boundaryFigure = h('figure', { className: 'boundary' }, [h('h3', { className: 'section-title', text: 'Decision boundary' }), this.boundaryCanvas, this.boundaryCaption]);
    this.boundaryNote = h('p', { className: 'hint', attrs: { id: 'boundary-note', hidden: true }, text: 'The decision boundary is drawn for classification data with two features.' });
    this.element = h('section', { className: 'insight panel', attrs: { 'aria-label': 'Trained model', id: 'insight' } }, [
      h('h2', { className: 'panel-title', text: 'Inside the model' }),
      this.grid = h('div', { className: 'insight-grid' }, [
        this.boundaryFigure,
        h('div', { className: 'confusion' }, [h('h3', { className: 'section-title', text: 'Confusion matrix' }), this.confusionBody]),
        h('div', { className: 'stats' }, [h('h3', { className: 'section-title', text: 'Parameters' }), this.statsBody]),
        this.images.element,
      ]),
      this.boundaryNote,
      this.unreadable,
    ]);
  }

  render(): void {
    const state = this.store.document;
    const model = state?.model;
    const training = this.store.training;
    // what was drawn for the last readable text would pass for this one's
    this.grid.hidden = !model;
    this.unreadable.hidden = !isUnreadable(state);
    if (!model) this.boundaryNote.hidden = true;
    if (!state || !model) return;
    const version = this.contentVersion(model);
    if (training.running) {
      this.renderStatsOf(model);
      if (this.fileConfusionFor !== version) {
        // until the run reports its own, the confusion matrix of the parameters in the file
        this.fileConfusionFor = version;
        const insight = dataInsight(model);
        this.fileConfusion = insight && !('error' in insight) ? insight.confusion : undefined;
        this.lastRunPicture = undefined;
        this.images.show(model, isTrainedFileClassifier(model) ? this.hostImages() : generatedImages(model, insight));
      }
      this.drawFromRun(model);
      return;
    }
    if (this.computedFor === version) return;
    this.computedFor = version;
    this.renderStatsOf(model);
    if (isTrainedFileClassifier(model)) {
      // the data is a file only the host reads: the confusion matrix comes from there, the boundary from the last run
      this.renderHostConfusion();
      this.images.show(model, this.hostImages());
      this.drawRunBoundary(model);
      return;
    }
    const insight = dataInsight(model);
    this.images.show(model, generatedImages(model, insight));
    if (insight && 'error' in insight) {
      this.boundaryShown(undefined);
      this.boundaryCaption.textContent = insight.error;
      replaceChildren(this.confusionBody, [h('p', { className: 'error-text', text: insight.error })]);
      return;
    }
    this.renderConfusion(insight?.confusion);
    const dataset = safeDataset(model);
    const points = insight?.points ?? (dataset ? pointsOf(dataset) : undefined);
    this.drawBoundary(points, dataset?.classNames?.length ?? 2, insight?.boundary, insight?.boundary
      ? 'Predicted class regions of the trained model under the data points.'
      : 'Train the model to see its decision boundary.');
  }

  /**
   * A number that changes only when what the pictures are computed from changes: the parameters (the same object
   * across edits that leave them alone, see store.ts) and the settings that shape the network and its data. An
   * edit of the optimizer or a layer's position in a big model then costs no recomputation.
   */
  private contentVersion(model: NnJsonModel): number {
    const settings = JSON.stringify([model.input, model.layers, model.loss, model.data, model.training]);
    if (model.parameters !== this.pictureParameters || settings !== this.pictureSettings) {
      this.pictureParameters = model.parameters;
      this.pictureSettings = settings;
      this.pictureGeneration += 1;
    }
    return this.pictureGeneration;
  }

  /** The host sent (or is computing) the confusion matrix and held-out images of a classifier trained on a file. */
  renderHeldOutFromHost(): void {
    const model = this.store.document?.model;
    const training = this.store.training;
    if (!model || !isTrainedFileClassifier(model)) return;
    this.images.show(model, this.hostImages());
    if (training.running && training.confusion) return;
    this.renderHostConfusion();
  }

  /** The host's held-out images of a classifier trained on a file, or why there are none yet. */
  private hostImages(): ImagesView {
    const state = this.store.heldOut;
    switch (state.status) {
      case 'ready':
        return state.results.images ? { images: state.results.images } : { message: `The data does not give images of the input shape ${this.store.document?.model?.input.shape?.join('×') ?? ''}.`, error: true };
      case 'failed':
        return { message: `The held-out images need the model's data: ${state.message}`, error: true };
      case 'computing':
        return { message: 'Reading the images training held out…' };
      case 'none':
        return { message: TRAIN_FOR_IMAGES };
    }
  }

  private renderHostConfusion(): void {
    const state = this.store.heldOut;
    if (state.status === 'ready') {
      this.renderConfusion(state.results.confusion);
    } else if (state.status === 'failed') {
      replaceChildren(this.confusionBody, [h('p', { className: 'error-text', attrs: { role: 'status' }, text: `The confusion matrix needs the model's data: ${state.message}` })]);
    } else {
      replaceChildren(this.confusionBody, [h('p', { className: 'hint', attrs: { role: 'status' }, text: 'Computing the confusion matrix on the rows training held out…' })]);
    }
  }

  /** During and after a run: the boundary and confusion matrix the training service reported. */
  private drawFromRun(model: NnJsonModel): void {
    const training = this.store.training;
    // batch events do not change the picture: redraw only for a new boundary, sample or confusion matrix
    const key = [training.boundary, training.points, training.confusion];
    if (this.lastRunPicture && key.every((part, i) => part === this.lastRunPicture?.[i])) return;
    this.lastRunPicture = key;
    this.drawRunBoundary(model);
    if (training.confusion) this.renderConfusion(training.confusion);
    else if (isTrainedFileClassifier(model)) this.renderHostConfusion();
    else this.renderConfusion(training.running ? this.fileConfusion : undefined);
    this.computedFor = undefined;
  }

  private drawRunBoundary(model: NnJsonModel): void {
    const training = this.store.training;
    const sample = training.points;
    let points: ScatterPoint[] | undefined;
    if (sample) points = sample.label.map((label, i) => ({ x: sample.x[i], y: sample.y[i], value: label }));
    else {
      const dataset = safeDataset(model);
      points = dataset ? pointsOf(dataset) : undefined;
    }
    const epoch = training.liveEpochs[training.liveEpochs.length - 1]?.epoch ?? 0;
    const classes = training.boundary?.classNames.length ?? sample?.classNames.length ?? 2;
    const caption = training.boundary ? `Decision boundary after epoch ${epoch}.` : training.running ? 'Waiting for the first epoch…' : 'Train the model to see its decision boundary.';
    this.drawBoundary(points, classes, training.boundary, caption);
    this.boundaryCanvas.dataset.epoch = String(epoch);
  }

  private drawBoundary(points: ScatterPoint[] | undefined, classes: number, boundary: DecisionBoundary | undefined, caption: string): void {
    this.boundaryShown(boundary);
    const nothingToDraw = !points && !boundary;
    this.boundaryFigure.hidden = nothingToDraw;
    this.boundaryNote.hidden = !nothingToDraw;
    if (nothingToDraw) return;
    drawScatter(this.boundaryCanvas, { points: points ?? [], classes, boundary });
    this.boundaryCaption.textContent = caption;
    this.boundaryCanvas.setAttribute('aria-label', boundary ? caption : 'Data points; no boundary yet');
    this.boundaryCanvas.dataset.hasBoundary = boundary ? 'true' : 'false';
  }

  /** The statistics depend on the parameters alone: an edit that keeps them (the same object, store.ts) keeps the histograms. */
  private renderStatsOf(model: NnJsonModel): void {
    if (this.statsFor && this.statsFor.parameters === model.parameters) return;
    this.statsFor = { parameters: model.parameters };
    this.renderStats(model);
  }

  recolor(): void {
    this.lastRunPicture = undefined;
    this.computedFor = undefined;
    this.statsFor = undefined;
    this.render();
  }

  private renderConfusion(confusion: ConfusionMatrix | undefined): void {
    if (!confusion) {
      replaceChildren(this.confusionBody, [h('p', { className: 'hint', text: 'Shown for trained classifiers.' })]);
      return;
    }
    replaceChildren(this.confusionBody, [confusionTable(confusion, 'confusion-table')]);
  }

  private renderStats(model: NnJsonModel): void {
    const stats = tensorStatistics(model);
    if (stats.length === 0) {
      replaceChildren(this.statsBody, [h('p', { className: 'hint', text: 'No trained parameters in the file yet.' })]);
      return;
    }
    const table = tensorStatsTable(stats);
    replaceChildren(this.statsBody, [table.element]);
    table.draw();
  }
}

const TRAIN_FOR_IMAGES = 'Train the model to see its held-out images, their feature maps and the ones it gets wrong.';

/** The held-out images the webview made itself of a generated set, or why there are none. */
function generatedImages(model: NnJsonModel, insight: DataInsight | { error: string } | undefined): ImagesView {
  if (insight && 'error' in insight) return { message: insight.error, error: true };
  if (insight?.images) return { images: insight.images };
  if (!hasParameters(model)) return { message: TRAIN_FOR_IMAGES };
  if (model.loss.type !== 'CrossEntropy') return { message: 'Held-out and misclassified images are shown for classifiers (CrossEntropy with a SoftMax output).' };
  return { message: 'The model\'s data gives no images of its input shape: choose image data (data.source) and train again.' };
}

function safeDataset(model: NnJsonModel) {
  try {
    return generatedDataset(model);
  } catch {
    return undefined;
  }
}
