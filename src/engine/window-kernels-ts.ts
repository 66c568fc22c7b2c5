/**
 * The TypeScript kernels of sliding windows (convolution through im2col onto the GEMM, max and average pooling),
 * part of the TypeScript kernel set (kernels-ts.ts). Their twins in WebAssembly are assembly/conv.ts and
 * assembly/window.ts.
 */
import type { Kernels } from './kernels';
import type { Window2D } from './window';

type PoolKernels = Pick<Kernels, 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'>;
type ConvolutionKernels = Pick<Kernels, 'conv2d' | 'conv2dBackward'>;
/** The matrix products and row operations the convolution runs on (those of kernels-ts.ts). */
export type ConvolutionProducts = Pick<Kernels, 'matmul' | 'matmulTransA' | 'matmulTransB' | 'addRowVector' | 'sumRows'>;

export const poolKernels: PoolKernels = {
  maxPool(x, out, batch, w) {
    forEachWindow(batch, w, (input, output, top, left, bottom, right) => {
      let max = -Infinity;
      for (let y = top; y < bottom; y++) {
        for (let xx = left; xx < right; xx++) {
          const v = x[input + y * w.width + xx];
          if (v > max) max = v;
        }
      }
      out[output] = max;
    });
  },

  maxPoolBackward(x, gradOut, gradIn, batch, w) {
    gradIn.fill(0, 0, batch * w.channels * w.height * w.width);
    forEachWindow(batch, w, (input, output, top, left, bottom, right) => {
      let max = -Infinity;
      let at = input + top * w.width + left;
      for (let y = top; y < bottom; y++) {
        for (let xx = left; xx < right; xx++) {
          const i = input + y * w.width + xx;
          if (x[i] > max) {
            max = x[i];
            at = i;
          }
        }
      }
      gradIn[at] += gradOut[output];
    });
  },

  avgPool(x, out, batch, w) {
    const inverse = 1 / (w.kernelHeight * w.kernelWidth);
    forEachWindow(batch, w, (input, output, top, left, bottom, right) => {
      let sum = 0;
      for (let y = top; y < bottom; y++) {
        for (let xx = left; xx < right; xx++) sum += x[input + y * w.width + xx];
      }
      out[output] = sum * inverse;
    });
  },

  avgPoolBackward(gradOut, gradIn, batch, w) {
    gradIn.fill(0, 0, batch * w.channels * w.height * w.width);
    const inverse = 1 / (w.kernelHeight * w.kernelWidth);
    forEachWindow(batch, w, (input, output, top, left, bottom, right) => {
      const share = gradOut[output] * inverse;
      for (let y = top; y < bottom; y++) {
        for (let xx = left; xx < right; xx++) gradIn[input + y * w.width + xx] += share;
      }
    });
  },
};

/**
 * Calls `visit` for every pooling window of a [batch, C, H, W] input, in output order, with the offset of its
 * input plane, its output index, and its rows [top, bottom) and columns [left, right) clipped to the input.
 */
function forEachWindow(
  batch: number, w: Window2D,
  visit: (input: number, output: number, top: number, left: number, bottom: number, right: number) => void,
): void {
  const plane = w.height * w.width;
  let output = 0;
  for (let p = 0; p < batch * w.channels; p++) {
    const input = p * plane;
    for (let oy = 0; oy < w.outHeight; oy++) {
      const y0 = oy * w.strideHeight - w.padHeight;
      const top = Math.max(y0, 0);
      const bottom = Math.min(y0 + w.kernelHeight, w.height);
      for (let ox = 0; ox < w.outWidth; ox++) {
        const x0 = ox * w.strideWidth - w.padWidth;
        visit(input, output++, top, Math.max(x0, 0), bottom, Math.min(x0 + w.kernelWidth, w.width));
      }
    }
  }
}

/** Grow-only workspaces of the convolution: its patches, its NHWC output or gradient, and the patches' gradient. */
let columns: Float32Array = new Float32Array(0);
let nhwc: Float32Array = new Float32Array(0);
let gradColumns: Float32Array = new Float32Array(0);

function atLeast(buffer: Float32Array, length: number): Float32Array {
  return buffer.length >= length ? buffer : new Float32Array(length);
}

/**
 * The convolution on the products `k`, through im2col of the whole batch: the patches form
 * cols [batch·outH·outW, C·kh·kw], so with W [out, C·kh·kw]
 *   Y (NHWC) = cols · Wᵀ + b,  dW = dYᵀ · cols,  db = column sums of dY,  dcols = dY · W,  dX = col2im(dcols),
 * with a transpose between NHWC and NCHW around them. Backward recomputes the patches of its input.
 */
export function convolutionKernels(k: ConvolutionProducts): ConvolutionKernels {
  /** The sizes of a call, its workspaces grown to them, and the input's patches in `columns`. */
  const patches = (x: Float32Array, batch: number, w: Window2D, outChannels: number) => {
    const positions = w.outHeight * w.outWidth;
    const rows = batch * positions;
    const patch = w.channels * w.kernelHeight * w.kernelWidth;
    columns = atLeast(columns, rows * patch);
    nhwc = atLeast(nhwc, rows * outChannels);
    im2col(x, columns, batch, w);
    return { positions, rows, patch };
  };
  return {
    conv2d(x, weight, bias, out, batch, w, outChannels) {
      const { positions, rows, patch } = patches(x, batch, w, outChannels);
      k.matmulTransB(columns, weight, nhwc, rows, outChannels, patch);
      if (bias) k.addRowVector(nhwc, bias, rows, outChannels);
      transposeBatch(nhwc, out, batch, positions, outChannels);
    },

    conv2dBackward(x, gradOut, weight, gradWeight, gradBias, gradIn, batch, w, outChannels) {
      const { positions, rows, patch } = patches(x, batch, w, outChannels);
      transposeBatch(gradOut, nhwc, batch, outChannels, positions);
      if (gradWeight) k.matmulTransA(nhwc, columns, gradWeight, rows, outChannels, patch);
      if (gradBias) k.sumRows(nhwc, gradBias, rows, outChannels);
      if (gradIn) {
        gradColumns = atLeast(gradColumns, rows * patch);
        k.matmul(nhwc, weight, gradColumns, rows, outChannels, patch);
        col2im(gradColumns, gradIn, batch, w);
      }
    },
  };
}

/**
 * The patches of a [batch, C, H, W] input, one row per output position:
 * cols[(n·outH + oy)·outW + ox, (c·kh + i)·kw + j] = x[n, c, oy·sh − ph + i, ox·sw − pw + j], 0 in the padding.
 */
function im2col(x: Float32Array, cols: Float32Array, batch: number, w: Window2D): void {
  patches(x, cols, batch, w, true);
}

/** The adjoint of im2col: gradIn (overwritten) = the sum of every cols entry onto the input position it came from. */
function col2im(cols: Float32Array, gradIn: Float32Array, batch: number, w: Window2D): void {
  gradIn.fill(0, 0, batch * w.channels * w.height * w.width);
  patches(gradIn, cols, batch, w, false);
}

/** im2col (`gather`: image → cols) or col2im (cols added onto the image), which visit the same positions. */
function patches(image: Float32Array, cols: Float32Array, batch: number, w: Window2D, gather: boolean): void {
  const { channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outHeight, outWidth } = w;
  const plane = height * width;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const sample = n * channels * plane;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const top = oy * strideHeight - padHeight;
        const left = ox * strideWidth - padWidth;
        // the kernel columns [first, last) fall inside the image; the others read padding
        const first = Math.max(0, -left);
        const last = Math.min(kernelWidth, width - left);
        for (let c = 0; c < channels; c++) {
          const base = sample + c * plane;
          for (let i = 0; i < kernelHeight; i++) {
            const y = top + i;
            const inside = y >= 0 && y < height;
            if (gather) {
              cols.fill(0, o, o + kernelWidth);
              if (inside) for (let j = first; j < last; j++) cols[o + j] = image[base + y * width + left + j];
            } else if (inside) {
              for (let j = first; j < last; j++) image[base + y * width + left + j] += cols[o + j];
            }
            o += kernelWidth;
          }
        }
      }
    }
  }
}

/** out[b, j, i] = x[b, i, j] for `batch` row-major [rows, cols] matrices (NHWC ↔ NCHW). */
function transposeBatch(x: Float32Array, out: Float32Array, batch: number, rows: number, cols: number): void {
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * size;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[base + j * rows + i] = x[base + i * cols + j];
    }
  }
}
