/** One row of the benchmark: an implementation of a benchmark, measured in some unit (higher is better). */
export interface BenchCase {
  /** Benchmark name, e.g. "mlp-784-256-128-10". */
  bench: string;
  /** Implementation name, e.g. "nn-builder", "tfjs-wasm". */
  impl: string;
  unit: string;
  /** Builds the case (models, data, backends); called once before any measurement. */
  setUp(): Promise<void>;
  /** Runs for about `seconds` (after setUp) and returns the measured rate in `unit`. */
  measure(seconds: number): Promise<number>;
  tearDown?(): Promise<void>;
}

/**
 * Repeats `step` (which processes `itemsPerStep` items) for about `seconds`, after `warmUpSteps` unmeasured
 * steps, and returns items per second.
 */
export async function rate(step: () => void | Promise<void>, itemsPerStep: number, seconds: number, warmUpSteps = 3): Promise<number> {
  for (let i = 0; i < warmUpSteps; i++) await step();
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    await step();
    steps++;
  }
  return (steps * itemsPerStep) / ((performance.now() - start) / 1000);
}
