import { useKernels, type Kernels } from '../src/engine/kernels';
import type { BenchCase } from './bench-case';

/**
 * Runs `benchCase` on the kernel set `choose()` returns: activated before its set-up (so its tensors are
 * allocated by that set) and again before each measurement, since cases are measured interleaved.
 */
export function withKernels(benchCase: BenchCase, choose: () => Kernels): BenchCase {
  return {
    bench: benchCase.bench,
    impl: benchCase.impl,
    unit: benchCase.unit,
    async setUp() {
      useKernels(choose());
      await benchCase.setUp();
    },
    async measure(seconds) {
      useKernels(choose());
      return benchCase.measure(seconds);
    },
    async tearDown() {
      await benchCase.tearDown?.();
    },
  };
}
