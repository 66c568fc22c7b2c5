// SiLU (torch.nn.SiLU), four lanes at a time; the TypeScript twin is src/engine/elementwise/silu.ts.
import { load4, store4 } from './lanes';
import { sigmoid4 } from './vector-math';

/** out = x σ(x) */
export function silu(x: usize, out: usize, length: i32): void {
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    store4(out, i, length, f32x4.mul(xi, sigmoid4(xi)));
  }
}

/** gradIn = gradOut σ(x) (1 + x σ(-x)), since 1 - σ(x) = σ(-x) */
export function siluBackward(x: usize, gradOut: usize, gradIn: usize, length: i32): void {
  const one = f32x4.splat(1);
  for (let i = 0; i < length; i += 4) {
    const xi = load4(x, i, length);
    const derivative = f32x4.mul(sigmoid4(xi), f32x4.add(one, f32x4.mul(xi, sigmoid4(f32x4.neg(xi)))));
    store4(gradIn, i, length, f32x4.mul(load4(gradOut, i, length), derivative));
  }
}
