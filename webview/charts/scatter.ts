/** A scatter plot of 2-D points coloured by class, optionally over a decision-boundary grid (as in TF Playground). */
import type { DecisionBoundary } from '../../src/shared/training-events';
import { readThemeColors, rgbOf, withAlpha } from './theme-colors';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Class index, or for regression a value mapped to a colour ramp. */
  value: number;
}

export interface ScatterOptions {
  points: ScatterPoint[];
  /** Classification: number of classes. Regression (undefined): x against y, one colour. */
  classes?: number;
  boundary?: DecisionBoundary;
  /** Data bounds; computed from the points (and the boundary) when absent. */
  bounds?: { xMin: number; xMax: number; yMin: number; yMax: number };
}

export function dataBounds(points: ScatterPoint[], margin = 0.1): { xMin: number; xMax: number; yMin: number; yMax: number } {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const p of points) {
    xMin = Math.min(xMin, p.x); xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y); yMax = Math.max(yMax, p.y);
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const dx = (xMax - xMin || 1) * margin;
  const dy = (yMax - yMin || 1) * margin;
  return { xMin: xMin - dx, xMax: xMax + dx, yMin: yMin - dy, yMax: yMax + dy };
}

/** The area a boundary grid covers: its cell centres plus half a cell on every side. */
export function boundaryBounds(grid: DecisionBoundary): { xMin: number; xMax: number; yMin: number; yMax: number } {
  const halfX = (grid.xMax - grid.xMin) / Math.max(1, grid.resolution - 1) / 2;
  const halfY = (grid.yMax - grid.yMin) / Math.max(1, grid.resolution - 1) / 2;
  return { xMin: grid.xMin - halfX, xMax: grid.xMax + halfX, yMin: grid.yMin - halfY, yMax: grid.yMax + halfY };
}

/** Sizes the canvas backing store to its CSS box and the device pixel ratio; returns the CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement, fallbackWidth: number, fallbackHeight: number): { width: number; height: number; context: CanvasRenderingContext2D } {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || fallbackWidth;
  const height = canvas.clientHeight || fallbackHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2-D canvas unavailable');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { width, height, context };
}

export function drawScatter(canvas: HTMLCanvasElement, options: ScatterOptions): void {
  const { width, height, context } = fitCanvas(canvas, 240, 240);
  const colors = readThemeColors();
  const bounds = options.bounds ?? (options.boundary ? boundaryBounds(options.boundary) : dataBounds(options.points));
  const px = (x: number) => ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * width;
  const py = (y: number) => height - ((y - bounds.yMin) / (bounds.yMax - bounds.yMin)) * height;
  context.clearRect(0, 0, width, height);

  const classColor = (value: number) => colors.series[Math.round(value) % colors.series.length];
  const grid = options.boundary;
  if (grid) drawBoundary(context, grid, colors.series, px, py);

  context.strokeStyle = withAlpha(context, colors.grid, 0.8);
  context.lineWidth = 1;
  context.strokeRect(0.5, 0.5, width - 1, height - 1);

  const radius = options.points.length > 600 ? 1.8 : 2.6;
  for (const point of options.points) {
    context.beginPath();
    context.arc(px(point.x), py(point.y), radius, 0, Math.PI * 2);
    context.fillStyle = options.classes === undefined ? colors.series[0] : classColor(point.value);
    context.fill();
    context.strokeStyle = withAlpha(context, colors.background, 0.7);
    context.lineWidth = 0.6;
    context.stroke();
  }
}

/**
 * The predicted class of every grid cell, tinted by confidence: one pixel per cell in a small image, scaled up
 * with smoothing, so regions blend as in TensorFlow Playground (no seams between cells).
 */
function drawBoundary(
  context: CanvasRenderingContext2D, grid: DecisionBoundary, series: string[], px: (x: number) => number, py: (y: number) => number,
): void {
  const classCount = grid.classNames.length;
  const n = grid.resolution;
  if (n < 2 || classCount === 0 || grid.probabilities.length !== n * n * classCount) return;
  const palette = series.map((color) => rgbOf(context, color));
  const image = new ImageData(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const base = (j * n + i) * classCount;
      let best = 0;
      for (let c = 1; c < classCount; c++) if (grid.probabilities[base + c] > grid.probabilities[base + best]) best = c;
      const confidence = classCount > 1 ? (grid.probabilities[base + best] - 1 / classCount) / (1 - 1 / classCount) : 1;
      const [r, g, b] = palette[best % palette.length];
      const pixel = ((n - 1 - j) * n + i) * 4; // image row 0 is the top, grid row 0 is yMin
      image.data[pixel] = r;
      image.data[pixel + 1] = g;
      image.data[pixel + 2] = b;
      image.data[pixel + 3] = Math.round(255 * (0.12 + 0.4 * Math.max(0, Math.min(1, confidence))));
    }
  }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d')?.putImageData(image, 0, 0);
  const step = (grid.xMax - grid.xMin) / (n - 1);
  const stepY = (grid.yMax - grid.yMin) / (n - 1);
  const left = px(grid.xMin - step / 2);
  const right = px(grid.xMax + step / 2);
  const top = py(grid.yMax + stepY / 2);
  const bottom = py(grid.yMin - stepY / 2);
  context.save();
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(tile, left, top, right - left, bottom - top);
  context.restore();
}
