/**
 * Training progress for the terminal: a redrawn bar on a TTY (epoch, batch, loss, accuracy, time left),
 * one plain line per epoch otherwise, or one JSON object per epoch with --json.
 */
import type { BatchProgress, EpochSummary } from '../shared/training-events';
import type { CommandIo } from './io';

export type ProgressMode = 'bar' | 'lines' | 'json';

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

function percent(value: number | undefined): string {
  return value === undefined ? '' : `${(value * 100).toFixed(1)}%`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** The persistent line for a finished epoch. */
export function epochLine(summary: EpochSummary, lastEpoch: number): string {
  const parts = [`epoch ${summary.epoch}/${lastEpoch}`, `loss ${summary.loss.toFixed(4)}`];
  if (summary.accuracy !== undefined) parts.push(`accuracy ${percent(summary.accuracy)}`);
  if (summary.valLoss !== undefined) parts.push(`val_loss ${summary.valLoss.toFixed(4)}`);
  if (summary.valAccuracy !== undefined) parts.push(`val_accuracy ${percent(summary.valAccuracy)}`);
  if (summary.lr !== undefined) parts.push(`lr ${summary.lr.toPrecision(4)}`);
  parts.push(`${summary.seconds.toFixed(2)}s`);
  return parts.join('  ');
}

export class TrainingProgress {
  private started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private batchesDone = 0;
  private lastAccuracy: number | undefined;
  private totalBatches = 0;
  private lastEpoch = 0;

  constructor(private readonly io: CommandIo, private readonly mode: ProgressMode) {}

  /** Epoch numbers of this run are startEpoch+1 .. startEpoch+epochs. */
  begin(startEpoch: number, epochs: number, batchesPerEpoch: number): void {
    this.started = Date.now();
    this.totalBatches = epochs * batchesPerEpoch;
    this.lastEpoch = startEpoch + epochs;
  }

  batch(progress: BatchProgress): void {
    this.batchesDone++;
    if (this.mode !== 'bar') return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && progress.batch !== progress.batchesPerEpoch) return;
    this.lastDraw = now;
    const fraction = progress.batch / progress.batchesPerEpoch;
    const filled = Math.round(fraction * BAR_WIDTH);
    const elapsed = (now - this.started) / 1000;
    const left = (elapsed / this.batchesDone) * (this.totalBatches - this.batchesDone);
    const accuracy = this.lastAccuracy === undefined ? '' : `  acc ${percent(this.lastAccuracy)}`;
    const line =
      `epoch ${progress.epoch}/${this.lastEpoch} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` +
      `batch ${progress.batch}/${progress.batchesPerEpoch}  loss ${progress.loss.toFixed(4)}${accuracy}  left ${formatDuration(left)}`;
    this.io.stdoutRaw(`\r${line.slice(0, Math.max(20, this.io.columns - 1)).padEnd(Math.min(this.io.columns - 1, line.length + 8))}`);
    this.drawn = true;
  }

  epoch(summary: EpochSummary): void {
    this.lastAccuracy = summary.valAccuracy ?? summary.accuracy;
    if (this.mode === 'json') {
      this.io.stdout(JSON.stringify(summary));
      return;
    }
    this.clearBar();
    this.io.stdout(epochLine(summary, this.lastEpoch));
  }

  /** Remove the bar before printing something else. */
  clearBar(): void {
    if (this.drawn) {
      this.io.stdoutRaw(`\r${' '.repeat(Math.max(0, this.io.columns - 1))}\r`);
      this.drawn = false;
    }
  }
}
