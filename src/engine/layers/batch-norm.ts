import { Module } from '../module';
import type { Tensor } from '../tensor';
import { allocateTensor, TensorPool } from '../tensor-pool';

/**
 * Batch normalisation over the features of a [batch, features] input, or over the channels of a [batch, C·H·W]
 * NCHW image input (BatchNorm2d: each channel's statistics over the batch and its `positions` = H·W pixels).
 * Training: normalise with the batch mean and biased variance, then y = gamma * xhat + beta, and update
 * run = (1 - momentum) * run + momentum * batch (biased variance, as the seed does).
 * Evaluation: normalise with the running statistics.
 */
export class BatchNorm extends Module {
  readonly type = 'BatchNorm';
  readonly gamma: Tensor;
  readonly beta: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly gradGamma: Tensor;
  readonly gradBeta: Tensor;
  private readonly outputs = new TensorPool();
  private readonly gradInputs = new TensorPool();
  private readonly normalized = new TensorPool();
  /** xhat of the last forward, and the per-feature 1/sqrt(var + eps) it used. */
  private xhat: Tensor | null = null;
  private readonly inverseStd: Float64Array;
  private readonly mean: Float64Array;
  private readonly sumGrad: Float64Array;
  private readonly sumGradXhat: Float64Array;

  /**
   * The defaults of `eps` and `momentum` are the descriptor's (src/registry/layers/batch-norm.ts); `positions` is
   * H·W for an image input of `features` channels, 1 for flat features.
   */
  constructor(
    readonly features: number,
    readonly eps: number,
    readonly momentum: number,
    readonly positions: number = 1,
  ) {
    super();
    if (!Number.isInteger(features) || features < 1) {
      throw new RangeError(`BatchNorm features must be a positive integer, got ${features}`);
    }
    if (!Number.isInteger(positions) || positions < 1) throw new RangeError(`BatchNorm positions must be a positive integer, got ${positions}`);
    if (!(eps > 0)) throw new RangeError(`BatchNorm eps must be positive, got ${eps}`);
    if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`BatchNorm momentum must be in [0, 1], got ${momentum}`);
    this.gamma = allocateTensor(1, features);
    this.gamma.data.fill(1);
    this.beta = allocateTensor(1, features);
    this.runningMean = allocateTensor(1, features);
    this.runningVar = allocateTensor(1, features);
    this.runningVar.data.fill(1);
    this.gradGamma = allocateTensor(1, features);
    this.gradBeta = allocateTensor(1, features);
    this.inverseStd = new Float64Array(features);
    this.mean = new Float64Array(features);
    this.sumGrad = new Float64Array(features);
    this.sumGradXhat = new Float64Array(features);
  }

  forward(input: Tensor): Tensor {
    const n = this.features;
    const S = this.positions;
    this.checkFeatures(input, n * S);
    const m = input.rows;
    const x = input.data;
    const mean = this.mean;
    const inverseStd = this.inverseStd;
    if (this.training) {
      // Seed defect (4) fixed: the seed asserted on a batch of one; here it is an error that says what to do.
      if (m * S < 2) {
        throw new RangeError(
          `${this.describe()} cannot train on a batch of ${m} row: the variance of one row is 0. ` +
            'Use a batch size of at least 2 (and at least 2 training rows), or remove the BatchNorm layer.',
        );
      }
      const count = m * S;
      mean.fill(0);
      inverseStd.fill(0);
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
          const base = (r * n + c) * S;
          for (let s = 0; s < S; s++) mean[c] += x[base + s];
        }
      }
      for (let c = 0; c < n; c++) mean[c] /= count;
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
          const base = (r * n + c) * S;
          for (let s = 0; s < S; s++) {
            const d = x[base + s] - mean[c];
            inverseStd[c] += d * d; // sum of squares, turned into the biased variance below
          }
        }
      }
      const momentum = this.momentum;
      const runMean = this.runningMean.data;
      const runVar = this.runningVar.data;
      for (let c = 0; c < n; c++) {
        const variance = inverseStd[c] / count;
        runMean[c] = (1 - momentum) * runMean[c] + momentum * mean[c];
        runVar[c] = (1 - momentum) * runVar[c] + momentum * variance;
        inverseStd[c] = 1 / Math.sqrt(variance + this.eps);
      }
    } else {
      const runMean = this.runningMean.data;
      const runVar = this.runningVar.data;
      for (let c = 0; c < n; c++) {
        mean[c] = runMean[c];
        inverseStd[c] = 1 / Math.sqrt(runVar[c] + this.eps);
      }
    }
    const xhat = this.normalized.get(m, n * S);
    const output = this.outputs.get(m, n * S);
    const g = this.gamma.data;
    const b = this.beta.data;
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        const base = (r * n + c) * S;
        for (let s = 0; s < S; s++) {
          const i = base + s;
          const h = (x[i] - mean[c]) * inverseStd[c];
          xhat.data[i] = h;
          output.data[i] = g[c] * h + b[c];
        }
      }
    }
    this.xhat = xhat;
    return output;
  }

  backward(input: Tensor, gradOutput: Tensor): Tensor {
    const xhat = this.xhat;
    if (xhat === null || xhat.rows !== input.rows || xhat.cols !== input.cols) {
      throw new Error('BatchNorm.backward must follow a forward of the same input');
    }
    const m = input.rows;
    const n = this.features;
    const S = this.positions;
    const count = m * S;
    const dy = gradOutput.data;
    const h = xhat.data;
    const sumGrad = this.sumGrad;
    const sumGradXhat = this.sumGradXhat;
    sumGrad.fill(0);
    sumGradXhat.fill(0);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        const base = (r * n + c) * S;
        for (let s = 0; s < S; s++) {
          const i = base + s;
          sumGrad[c] += dy[i];
          sumGradXhat[c] += dy[i] * h[i];
        }
      }
    }
    for (let c = 0; c < n; c++) {
      this.gradGamma.data[c] = sumGradXhat[c];
      this.gradBeta.data[c] = sumGrad[c];
    }
    const gradInput = this.gradInputs.get(m, n * S);
    const dx = gradInput.data;
    const gamma = this.gamma.data;
    const inverseStd = this.inverseStd;
    if (!this.training) {
      // The running statistics are constants: the layer is an affine map per feature.
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < n; c++) {
          const base = (r * n + c) * S;
          const scale = gamma[c] * inverseStd[c];
          for (let s = 0; s < S; s++) dx[base + s] = dy[base + s] * scale;
        }
      }
      return gradInput;
    }
    // With dxhat = dy * gamma and sigma = sqrt(var + eps), over the `count` values of each feature:
    //   dvar = sum(dxhat * (x - mu)) * -1/2 * sigma^-3
    //   dmu  = -sum(dxhat) / sigma            (the dvar term of dmu is zero: sum(x - mu) = 0)
    //   dx   = dxhat / sigma + dvar * 2 * (x - mu) / count + dmu / count
    // Seed defect (3) fixed: the seed dropped the factor 2 of the variance term.
    // Written with xhat = (x - mu) / sigma this is
    //   dx = gamma / sigma * (dy - sum(dy) / count - xhat * sum(dy * xhat) / count).
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        const base = (r * n + c) * S;
        const scale = gamma[c] * inverseStd[c];
        const meanGrad = sumGrad[c] / count;
        const meanGradXhat = sumGradXhat[c] / count;
        for (let s = 0; s < S; s++) {
          const i = base + s;
          dx[i] = scale * (dy[i] - meanGrad - h[i] * meanGradXhat);
        }
      }
    }
    return gradInput;
  }

  override parameters(): Tensor[] {
    return [this.gamma, this.beta];
  }

  override gradParameters(): Tensor[] {
    return [this.gradGamma, this.gradBeta];
  }
}
