import * as assert from 'node:assert/strict';
import type { ElementwiseKernels } from '../../../src/engine/kernels';
import { wasmKernels } from './wasm-test-kernels';

/**
 * The TypeScript side of an element-wise activation that names WebAssembly exports. ReLU's exports `relu` and
 * `reluBackward` have the element-wise shape (arrays, then the length), so they stand in for an activation's.
 */
function claiming<Settings extends readonly number[]>(name: string): ElementwiseKernels<Settings> {
  return { name, forward: () => undefined, backward: () => undefined };
}

describe('WASM element-wise activations are found by name', () => {
  const x = new Float32Array([-1, 0, 2]);
  const out = new Float32Array(3);

  it('runs the exports <name> and <name>Backward', () => {
    const relu = claiming('relu');
    wasmKernels().elementwise(relu, x, out, 3, []);
    assert.deepEqual(Array.from(out), [0, 0, 2]);
    wasmKernels().elementwiseBackward(relu, x, new Float32Array([5, 6, 7]), out, 3, []);
    assert.deepEqual(Array.from(out), [0, 0, 7]);
  });

  it('names a missing export and the fix', () => {
    assert.throws(
      () => wasmKernels().elementwise(claiming('cosh'), x, out, 3, []),
      /kernels.wasm lacks the export "cosh": export it from assembly\/index.ts and rebuild with `npm run build`/,
    );
  });

  it('names an export whose parameters do not match the settings', () => {
    assert.throws(
      () => wasmKernels().elementwise(claiming<readonly [number]>('relu'), x, out, 3, [2]),
      new RegExp(
        String.raw`kernels.wasm's "relu" takes 3 parameters, not 4 \(2 arrays, the length and 1 setting\): ` +
          'give assembly/elementwise/relu.ts the settings its TypeScript kernels pass and rebuild with `npm run build`',
      ),
    );
  });
});
