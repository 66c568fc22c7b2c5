/**
 * The TypeScript kernels of sliding windows (convolution through im2col, max and average pooling), part of the
 * TypeScript kernel set (kernels-ts.ts). Their twins in WebAssembly are assembly/window.ts.
 */
import type { Kernels } from './kernels';
import type { Window2D } from './window';

type WindowKernels = Pick<Kernels, 'im2col' | 'col2im' | 'transposeBatch' | 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'>;

export const windowKernels: WindowKernels = {
  im2col(x, cols, batch, w) {
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
              if (y < 0 || y >= height || first >= last) {
                cols.fill(0, o, o + kernelWidth);
              } else {
                const source = base + y * width + left;
                for (let j = 0; j < first; j++) cols[o + j] = 0;
                for (let j = first; j < last; j++) cols[o + j] = x[source + j];
                for (let j = last; j < kernelWidth; j++) cols[o + j] = 0;
              }
              o += kernelWidth;
            }
          }
        }
      }
    }
  },

  col2im(cols, gradIn, batch, w) {
    const { channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth, outHeight, outWidth } = w;
    const plane = height * width;
    gradIn.fill(0, 0, batch * channels * plane);
    let o = 0;
    for (let n = 0; n < batch; n++) {
      const sample = n * channels * plane;
      for (let oy = 0; oy < outHeight; oy++) {
        for (let ox = 0; ox < outWidth; ox++) {
          const top = oy * strideHeight - padHeight;
          const left = ox * strideWidth - padWidth;
          const first = Math.max(0, -left);
          const last = Math.min(kernelWidth, width - left);
          for (let c = 0; c < channels; c++) {
            const base = sample + c * plane;
            for (let i = 0; i < kernelHeight; i++) {
              const y = top + i;
              if (y >= 0 && y < height) {
                const target = base + y * width + left;
                for (let j = first; j < last; j++) gradIn[target + j] += cols[o + j];
              }
              o += kernelWidth;
            }
          }
        }
      }
    }
  },

  transposeBatch(x, out, batch, rows, cols) {
    const size = rows * cols;
    for (let b = 0; b < batch; b++) {
      const base = b * size;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) out[base + j * rows + i] = x[base + i * cols + j];
      }
    }
  },

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
