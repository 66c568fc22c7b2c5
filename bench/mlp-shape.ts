/** The benchmark network and data: an MNIST-shaped MLP trained with SGD on random data. */
export const MLP_BENCH = 'mlp-784-256-128-10';
export const MLP_SIZES = [784, 256, 128, 10] as const;
export const MLP_BATCH = 128;
export const MLP_LEARNING_RATE = 0.01;
/** Rows of random data cycled through in batches (a few batches, so data never dominates memory). */
export const MLP_ROWS = MLP_BATCH * 8;

/** Random pixels in [0, 1) and one-hot labels, from a fixed linear congruential sequence. */
export function mlpData(): { x: Float32Array; y: Float32Array } {
  const inputs = MLP_SIZES[0];
  const classes = MLP_SIZES[MLP_SIZES.length - 1];
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const x = new Float32Array(MLP_ROWS * inputs);
  for (let i = 0; i < x.length; i++) x[i] = next();
  const y = new Float32Array(MLP_ROWS * classes);
  for (let r = 0; r < MLP_ROWS; r++) y[r * classes + Math.floor(next() * classes)] = 1;
  return { x, y };
}
