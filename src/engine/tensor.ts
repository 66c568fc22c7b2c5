/**
 * A 2-D float32 matrix `[rows, cols]`, row-major. Rows are batch samples, columns features.
 * `data` may be a view into WebAssembly memory when a WASM kernel set owns the storage.
 */
export class Tensor {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;

  constructor(rows: number, cols: number, data?: Float32Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Tensor shape must be two non-negative integers, got [${rows}, ${cols}]`);
    }
    const length = rows * cols;
    if (data && data.length !== length) {
      throw new RangeError(`Tensor [${rows}, ${cols}] needs ${length} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float32Array(length);
  }

  get size(): number {
    return this.data.length;
  }

  static fromRows(rows: ArrayLike<ArrayLike<number>>): Tensor {
    const rowCount = rows.length;
    const colCount = rowCount === 0 ? 0 : rows[0].length;
    const tensor = new Tensor(rowCount, colCount);
    for (let r = 0; r < rowCount; r++) {
      if (rows[r].length !== colCount) {
        throw new RangeError(`Row ${r} has ${rows[r].length} values, expected ${colCount}`);
      }
      tensor.data.set(rows[r], r * colCount);
    }
    return tensor;
  }

  clone(): Tensor {
    return new Tensor(this.rows, this.cols, this.data.slice());
  }

  get(row: number, col: number): number {
    return this.data[row * this.cols + col];
  }

  set(row: number, col: number, value: number): void {
    this.data[row * this.cols + col] = value;
  }

  toRows(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.rows; r++) {
      out.push(Array.from(this.data.subarray(r * this.cols, (r + 1) * this.cols)));
    }
    return out;
  }
}
