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
 * How rates are timed. Wall-clock by default. With `cpuTime`, per second of CPU time used by this process: on a
 * shared machine that discounts the time other processes hold the cores, which makes single-threaded rows
 * comparable between runs; rows that use several threads are then under-reported (their CPU seconds add up).
 */
export const timing = { cpuTime: false };

function processCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Repeats `step` (which processes `itemsPerStep` items) for about `seconds` of wall-clock time, after
 * `warmUpSteps` unmeasured steps, and returns items per second (of wall-clock or CPU time, see `timing`).
 */
export async function rate(step: () => void | Promise<void>, itemsPerStep: number, seconds: number, warmUpSteps = 3): Promise<number> {
  for (let i = 0; i < warmUpSteps; i++) await step();
  const start = performance.now();
  const startCpu = processCpuSeconds();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    await step();
    steps++;
  }
  const elapsed = timing.cpuTime ? processCpuSeconds() - startCpu : (performance.now() - start) / 1000;
  return (steps * itemsPerStep) / elapsed;
}
