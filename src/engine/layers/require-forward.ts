import type { Tensor } from '../tensor';

/** The output of the last forward, which backward needs; checks that it matches the input's shape. */
export function requireForward(output: Tensor | null, input: Tensor, type: string): Tensor {
  if (output === null || output.rows !== input.rows || output.cols !== input.cols) {
    throw new Error(`${type}.backward must follow a forward of the same input (shape [${input.rows}, ${input.cols}])`);
  }
  return output;
}
