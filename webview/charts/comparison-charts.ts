/**
 * The loss and accuracy of two runs overlaid, for the comparison view: the training charts (training-charts.ts)
 * drawing A's and B's epoch records instead of one live run. Each run has its own theme colour and each series its
 * own dash, so the four lines differ in every theme and without colour.
 */
import type { Chart, ScatterDataPoint } from 'chart.js';
import type { EpochRecord } from '../../src/shared/nnjson';
import { readThemeColors, type ChartColorName } from './theme-colors';
import { describeDrawn, TrainingCharts } from './training-charts';

export interface ComparedRun {
  /** "A" or "B", as the view names the two models. */
  name: string;
  history: readonly EpochRecord[];
}

const RUN_COLORS: readonly ChartColorName[] = ['blue', 'purple'];
/** Training and validation dashes of the first run, then of the second. */
const RUN_DASHES: readonly (readonly [number[], number[]])[] = [[[], [6, 4]], [[2, 3], [10, 3, 2, 3]]];

function points(history: readonly EpochRecord[], key: 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy'): ScatterDataPoint[] {
  return history.flatMap((record) => {
    const value = record[key];
    return typeof value === 'number' && Number.isFinite(value) ? [{ x: record.epoch, y: value }] : [];
  });
}

function lastFigure(history: readonly EpochRecord[], key: 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy', percent: boolean): string | undefined {
  const values = points(history, key).map((point) => point.y as number);
  if (values.length === 0) return undefined;
  const last = values[values.length - 1];
  return percent ? `${(last * 100).toFixed(1)}%` : last.toPrecision(4);
}

export class ComparisonCharts extends TrainingCharts {
  private runs: readonly ComparedRun[] = [];
  private lossOverlay?: Chart<'line', ScatterDataPoint[]>;
  private accuracyOverlay?: Chart<'line', ScatterDataPoint[]>;

  show(runs: readonly ComparedRun[]): void {
    this.runs = runs;
    this.draw();
  }

  override recolor(): void {
    this.lossOverlay?.destroy();
    this.accuracyOverlay?.destroy();
    this.lossOverlay = undefined;
    this.accuracyOverlay = undefined;
    this.draw();
  }

  protected override draw(): void {
    this.redraws += 1;
    const colors = readThemeColors();
    const sets = (train: 'loss' | 'accuracy', validation: 'valLoss' | 'valAccuracy', words: [string, string]) => this.runs.flatMap((run, i) => {
      const color = colors.charts[RUN_COLORS[i % RUN_COLORS.length]];
      const [trainDash, validationDash] = RUN_DASHES[i % RUN_DASHES.length];
      return [
        this.dataset(`${run.name}: ${words[0]}`, points(run.history, train), color, { borderDash: trainDash }),
        this.dataset(`${run.name}: ${words[1]}`, points(run.history, validation), color, { borderDash: validationDash }),
      ].filter((set) => set.data.length > 0);
    });
    const lossSets = sets('loss', 'valLoss', ['loss', 'validation loss']);
    const accuracySets = sets('accuracy', 'valAccuracy', ['accuracy', 'validation accuracy']);
    const accuracyBox = this.accuracyCanvas.parentElement;
    if (accuracyBox) accuracyBox.hidden = accuracySets.length === 0;
    this.lossOverlay = this.update(this.lossOverlay, this.lossCanvas, lossSets, () => this.scales(colors, 'linear', 'Loss'), colors);
    this.accuracyOverlay = this.update(this.accuracyOverlay, this.accuracyCanvas, accuracySets, () => this.scales(colors, 'linear', 'Accuracy', 1), colors);

    const describe = (key: 'loss' | 'accuracy', percent: boolean) => this.runs.map((run) => {
      const epochs = run.history.length > 0 ? run.history[run.history.length - 1].epoch : 0;
      const last = lastFigure(run.history, key, percent);
      return `${run.name} ${epochs} epochs${last ? `, last ${key} ${last}` : `, no ${key}`}`;
    }).join('; ');
    this.lossCanvas.setAttribute('aria-label', `Loss of both runs: ${describe('loss', false)}`);
    this.accuracyCanvas.setAttribute('aria-label', `Accuracy of both runs: ${describe('accuracy', true)}`);
    this.lossCanvas.dataset.redraws = String(this.redraws);
    describeDrawn(this.lossCanvas, this.lossOverlay);
    describeDrawn(this.accuracyCanvas, this.accuracyOverlay);
  }
}
