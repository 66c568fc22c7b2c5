/**
 * In-memory data set shared by the generated sets, the CSV loader, preprocessing and training.
 * Browser-safe: no Node imports (the webview previews generated sets).
 */

export type Task = 'classification' | 'regression';

export interface Dataset {
  task: Task;
  /** Number of samples. */
  rows: number;
  /** Number of feature columns in `x`. */
  cols: number;
  /** Features, row-major `[rows, cols]`. */
  x: Float32Array;
  /**
   * Targets. Classification: one class index per row (`targetCols` is 1).
   * Regression: row-major `[rows, targetCols]` numbers.
   */
  y: Float32Array;
  targetCols: number;
  featureNames: string[];
  targetNames: string[];
  /** Classification only: label of class index i. */
  classNames?: string[];
  /** Image data: one sample's shape [C, H, W]; each row of `x` holds its C·H·W values in that (NCHW) order. */
  imageShape?: number[];
  /** A folder of images: they are converted to the model's input.shape, whatever size and channels it asks for. */
  convertsToInputShape?: boolean;
}

/**
 * The feature names of an H × W picture's pixels, row by row: `pixel_0_0`, `pixel_0_1`, … With several channels,
 * channel by channel (NCHW): `pixel_0_0_0` is channel 0, row 0, column 0.
 */
export function pixelNames(height: number, width: number, channels = 1): string[] {
  const names: string[] = [];
  for (let channel = 0; channel < channels; channel++) {
    const prefix = channels === 1 ? 'pixel' : `pixel_${channel}`;
    for (let row = 0; row < height; row++) for (let column = 0; column < width; column++) names.push(`${prefix}_${row}_${column}`);
  }
  return names;
}

/** A new data set holding the given rows, in the given order. */
export function selectRows(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const x = new Float32Array(n * dataset.cols);
  const y = new Float32Array(n * dataset.targetCols);
  for (let i = 0; i < n; i++) {
    const r = indices[i];
    x.set(dataset.x.subarray(r * dataset.cols, (r + 1) * dataset.cols), i * dataset.cols);
    y.set(dataset.y.subarray(r * dataset.targetCols, (r + 1) * dataset.targetCols), i * dataset.targetCols);
  }
  return { ...dataset, rows: n, x, y };
}

/** Per-class sample counts of a classification set (index = class). */
export function classCounts(dataset: Dataset): number[] {
  const counts = new Array<number>(dataset.classNames?.length ?? 0).fill(0);
  for (let r = 0; r < dataset.rows; r++) counts[dataset.y[r]] = (counts[dataset.y[r]] ?? 0) + 1;
  return counts;
}
