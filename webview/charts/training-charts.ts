/**
 * Live training charts (chart.js): loss and validation loss per epoch with a smoothed per-batch loss, the learning
 * rate of each epoch under it (when a schedule sets it), and accuracy with validation accuracy. Redraws are coalesced to at most `maxUpdatesPerSecond`; colours follow
 * the theme. Each canvas carries an aria-label that states the latest figures (the charts' text alternative).
 */
import {
  CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Ticks, Tooltip,
  type ChartDataset, type ScatterDataPoint, type Tick,
} from 'chart.js';
import type { EpochSummary } from '../../src/shared/training-events';
import type { BatchPoint } from '../store';
import { readThemeColors, withAlpha, type ChartColorName, type ThemeColors } from './theme-colors';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, Legend, Tooltip, Filler);

export type ScaleKind = 'linear' | 'logarithmic';

/** Exponential moving average with bias correction, as TensorBoard smooths noisy per-batch losses. */
export function smooth(points: readonly BatchPoint[], weight = 0.9): ScatterDataPoint[] {
  const out: ScatterDataPoint[] = [];
  let average = 0;
  let count = 0;
  for (const point of points) {
    if (!Number.isFinite(point.loss)) continue;
    count += 1;
    average = weight * average + (1 - weight) * point.loss;
    out.push({ x: point.x, y: average / (1 - weight ** count) });
  }
  return out;
}

type LineDataset = ChartDataset<'line', ScatterDataPoint[]>;

/** A label of the log loss axis: 1e-9 rather than 0.000000001; plain figures from 0.001 to 10,000. */
export function logTickLabel(value: number): string {
  if (!(value > 0)) return String(value);
  const [mantissa, exponent] = value.toExponential(2).split('e').map(Number);
  if (exponent >= -3 && exponent <= 4) return String(Number(value.toPrecision(3)));
  return `${mantissa}e${exponent}`;
}

const VALIDATION_DASH = [6, 4];

/**
 * Each epoch series has its own theme colour, and validation lines are dashed: two cues, so the lines differ in
 * every theme and without colour. charts.orange is not used for them: High Contrast Light makes it a dark blue,
 * beside charts.blue.
 */
const SERIES_STYLES: Record<'loss' | 'valLoss' | 'accuracy' | 'valAccuracy' | 'lr', { label: string; color: ChartColorName; dash: number[] }> = {
  loss: { label: 'Loss', color: 'blue', dash: [] },
  valLoss: { label: 'Validation loss', color: 'purple', dash: VALIDATION_DASH },
  accuracy: { label: 'Accuracy', color: 'green', dash: [] },
  valAccuracy: { label: 'Validation accuracy', color: 'yellow', dash: VALIDATION_DASH },
  // alone on its chart, so orange is not beside blue
  lr: { label: 'Learning rate', color: 'orange', dash: [] },
};

function chartCanvas(id: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.id = id;
  canvas.setAttribute('role', 'img');
  return canvas;
}

function chartBox(canvas: HTMLCanvasElement, className = 'chart-box'): HTMLElement {
  const box = document.createElement('div');
  box.className = className;
  box.append(canvas);
  return box;
}

export class TrainingCharts {
  readonly element: HTMLElement;
  readonly lossCanvas: HTMLCanvasElement;
  readonly accuracyCanvas: HTMLCanvasElement;
  readonly lrCanvas: HTMLCanvasElement;
  private readonly accuracyBox: HTMLElement;
  private readonly lrBox: HTMLElement;
  private lossChart?: Chart<'line', ScatterDataPoint[]>;
  private accuracyChart?: Chart<'line', ScatterDataPoint[]>;
  private lrChart?: Chart<'line', ScatterDataPoint[]>;
  private scale: ScaleKind = 'linear';
  private pending?: ReturnType<typeof setTimeout>;
  private lastDraw = 0;
  private epochs: EpochSummary[] = [];
  private batches: readonly BatchPoint[] = [];
  private plannedEpochs = 0;
  /** How many batch points the last setData had (the batch list grows in place during a run). */
  private drawnBatches = 0;
  /** Number of chart redraws so far (tests check that bursts are coalesced). */
  redraws = 0;

  /** Redraws per second at most (the `nnBuilder.chart.refreshRate` setting, capped at 10). */
  maxUpdatesPerSecond = 10;

  constructor() {
    this.lossCanvas = chartCanvas('loss-chart');
    this.accuracyCanvas = chartCanvas('accuracy-chart');
    this.lrCanvas = chartCanvas('lr-chart');
    this.accuracyBox = chartBox(this.accuracyCanvas);
    this.lrBox = chartBox(this.lrCanvas, 'chart-box chart-box-short');
    this.lrBox.hidden = true;
    // the learning rate shares the loss's column and epoch axis, under it
    const lossColumn = document.createElement('div');
    lossColumn.className = 'chart-column';
    lossColumn.append(chartBox(this.lossCanvas), this.lrBox);
    this.element = document.createElement('div');
    this.element.className = 'charts';
    this.element.append(lossColumn, this.accuracyBox);
  }

  setScale(scale: ScaleKind): void {
    this.scale = scale;
    if (this.lossChart) {
      this.lossChart.options.scales = this.scales(readThemeColors(), scale, 'Loss');
      this.draw();
    }
  }

  /** New figures; the redraw happens at most `maxUpdatesPerSecond` times a second. */
  setData(epochs: EpochSummary[], batches: readonly BatchPoint[], plannedEpochs: number): void {
    // an edit of the layers leaves the history as it was: a redraw of thousands of points would be wasted
    const same = epochs === this.epochs && batches === this.batches && batches.length === this.drawnBatches && plannedEpochs === this.plannedEpochs;
    if (same && this.lossChart) return;
    this.drawnBatches = batches.length;
    this.epochs = epochs;
    this.batches = batches;
    this.plannedEpochs = plannedEpochs;
    if (this.pending !== undefined) return;
    const wait = Math.max(0, 1000 / this.maxUpdatesPerSecond - (performance.now() - this.lastDraw));
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.draw();
    }, wait);
  }

  /** Re-reads the theme's colours (VS Code changed theme). */
  recolor(): void {
    this.lossChart?.destroy();
    this.accuracyChart?.destroy();
    this.lrChart?.destroy();
    this.lossChart = undefined;
    this.accuracyChart = undefined;
    this.lrChart = undefined;
    this.draw();
  }

  protected scales(colors: ThemeColors, yType: ScaleKind, yTitle: string, yMax?: number) {
    const axis = { color: colors.muted, font: { size: 11 } };
    return {
      x: {
        type: 'linear' as const,
        min: 0,
        suggestedMax: Math.max(1, this.plannedEpochs),
        title: { display: true, text: 'Epoch', color: colors.muted },
        ticks: { ...axis, precision: 0 },
        grid: { color: withAlpha(this.context(), colors.grid, 0.5) },
      },
      y: {
        type: yType,
        max: yMax,
        min: yMax !== undefined ? 0 : undefined,
        title: { display: true, text: yTitle, color: colors.muted },
        // Chart.js chooses which ticks of a log axis get a label; only the way they are written changes
        ticks: yType === 'logarithmic'
          ? { ...axis, callback(this: unknown, value: number | string, index: number, ticks: Tick[]) {
            const chosen = Ticks.formatters.logarithmic.call(this as never, Number(value), index, ticks);
            return chosen === '' ? '' : logTickLabel(Number(value));
          } }
          : axis,
        grid: { color: withAlpha(this.context(), colors.grid, 0.5) },
      },
    };
  }

  private scratch?: CanvasRenderingContext2D;
  private context(): CanvasRenderingContext2D {
    if (!this.scratch) {
      const context = document.createElement('canvas').getContext('2d');
      if (!context) throw new Error('2-D canvas unavailable');
      this.scratch = context;
    }
    return this.scratch;
  }

  protected dataset(label: string, data: ScatterDataPoint[], color: string, options: Partial<LineDataset> = {}): LineDataset {
    return { label, data, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: data.length > 60 ? 0 : 2, tension: 0, ...options };
  }

  private series(key: keyof typeof SERIES_STYLES, data: ScatterDataPoint[], colors: ThemeColors): LineDataset {
    const style = SERIES_STYLES[key];
    return this.dataset(style.label, data, colors.charts[style.color], { borderDash: style.dash });
  }

  protected draw(): void {
    this.lastDraw = performance.now();
    this.redraws += 1;
    const colors = readThemeColors();
    const epochPoints = (pick: (record: EpochSummary) => number | undefined) => this.epochs
      .filter((record) => pick(record) !== undefined && Number.isFinite(pick(record)))
      .map((record) => ({ x: record.epoch, y: pick(record) as number }));

    const loss = epochPoints((r) => r.loss);
    const valLoss = epochPoints((r) => r.valLoss);
    const batchLoss = smooth(this.batches);
    const lossSets: LineDataset[] = [
      this.series('loss', loss, colors),
      this.series('valLoss', valLoss, colors),
      // thin and neutral: the per-batch view of the loss line, not another measure
      this.dataset('Batch loss (smoothed)', batchLoss, withAlpha(this.context(), colors.muted, 0.85), { borderWidth: 1.5, pointRadius: 0 }),
    ];
    const accuracy = epochPoints((r) => r.accuracy);
    const valAccuracy = epochPoints((r) => r.valAccuracy);
    const accuracySets: LineDataset[] = [
      this.series('accuracy', accuracy, colors),
      this.series('valAccuracy', valAccuracy, colors),
    ];
    this.accuracyBox.hidden = accuracy.length === 0 && valAccuracy.length === 0;
    const lr = epochPoints((r) => r.lr);
    this.lrBox.hidden = lr.length === 0;

    this.lossChart = this.update(this.lossChart, this.lossCanvas, lossSets, () => this.scales(colors, this.scale, 'Loss'), colors);
    this.accuracyChart = this.update(this.accuracyChart, this.accuracyCanvas, accuracySets, () => this.scales(colors, 'linear', 'Accuracy', 1), colors);
    this.lrChart = this.update(this.lrChart, this.lrCanvas, [this.series('lr', lr, colors)], () => this.scales(colors, 'linear', 'Learning rate'), colors);

    const last = this.epochs[this.epochs.length - 1];
    this.lossCanvas.setAttribute('aria-label', last
      ? `Loss chart, ${this.scale === 'linear' ? 'linear' : 'log'} scale: ${this.epochs.length} epochs, first loss ${this.epochs[0].loss.toPrecision(4)}, last loss ${last.loss.toPrecision(4)}${last.valLoss !== undefined ? `, validation loss ${last.valLoss.toPrecision(4)}` : ''}; ${this.batches.length} batches`
      : `Loss chart: no epochs yet; ${this.batches.length} batches`);
    this.lossCanvas.dataset.epochs = String(loss.length);
    this.lossCanvas.dataset.redraws = String(this.redraws);
    this.lossCanvas.dataset.batches = String(batchLoss.length);
    this.accuracyCanvas.setAttribute('aria-label', last?.accuracy !== undefined
      ? `Accuracy chart: last accuracy ${(last.accuracy * 100).toFixed(1)}%${last.valAccuracy !== undefined ? `, validation ${(last.valAccuracy * 100).toFixed(1)}%` : ''}`
      : 'Accuracy chart: no accuracy figures');
    this.accuracyCanvas.dataset.epochs = String(accuracy.length);
    this.lrCanvas.setAttribute('aria-label', lr.length > 0
      ? `Learning-rate chart: ${lr.length} epochs, from ${lr[0].y.toPrecision(3)} to ${lr[lr.length - 1].y.toPrecision(3)}, lowest ${Math.min(...lr.map((point) => point.y)).toPrecision(3)}, highest ${Math.max(...lr.map((point) => point.y)).toPrecision(3)}`
      : 'Learning-rate chart: no schedule');
    this.lrCanvas.dataset.epochs = String(lr.length);
    describeDrawn(this.lossCanvas, this.lossChart);
    describeDrawn(this.accuracyCanvas, this.accuracyChart);
    describeDrawn(this.lrCanvas, this.lrChart);
  }

  protected update(
    chart: Chart<'line', ScatterDataPoint[]> | undefined,
    canvas: HTMLCanvasElement,
    datasets: LineDataset[],
    scales: () => ReturnType<TrainingCharts['scales']>,
    colors: ThemeColors,
  ): Chart<'line', ScatterDataPoint[]> {
    if (chart) {
      chart.data.datasets = datasets;
      chart.options.scales = scales();
      chart.update('none');
      return chart;
    }
    return new Chart<'line', ScatterDataPoint[]>(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        maintainAspectRatio: false,
        responsive: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: scales(),
        plugins: {
          // a short line in each series' colour and dash, not a filled box, so the legend shows the dashes too
          legend: { labels: { color: colors.foreground, usePointStyle: true, pointStyle: 'line', pointStyleWidth: 22, font: { size: 11 } } },
          tooltip: { enabled: true },
        },
      },
    });
  }
}

/**
 * What the chart drew, on its canvas for tests and tools: each series' label, colour and dash, and the value
 * axis's tick labels (the pixels alone cannot tell a dashed line or a tick label apart).
 */
export function describeDrawn(canvas: HTMLCanvasElement, chart: Chart<'line', ScatterDataPoint[]>): void {
  canvas.dataset.series = JSON.stringify(chart.data.datasets.map((set) => ({ label: set.label, color: set.borderColor, dash: set.borderDash ?? [] })));
  canvas.dataset.yTicks = JSON.stringify(chart.scales.y?.ticks.map((tick) => tick.label).filter((label) => label !== '' && label !== undefined) ?? []);
}
