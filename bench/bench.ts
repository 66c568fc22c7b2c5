/**
 * `npm run bench [-- --json] [--seconds S | --budget S] [--rounds N] [--only IMPL,IMPL] [--bench PREFIX,PREFIX] [--cpu-time] [--against DIR]`
 *
 * Measures every case of cases.ts in `rounds` interleaved rounds (the machine may be shared, so interleaving
 * spreads background load over all rows) and reports each row's best round, the estimate least disturbed by other
 * processes (the median is printed beside it), then the ratios between rows of the same benchmark. Each measurement lasts `--seconds`, or by default an equal share of `--budget` (90 s of
 * measuring in all, each between 0.5 and 4 s), so the run stays short however many rows there are.
 * --bench keeps the benchmarks whose names start with one of the prefixes (`--bench lenet-28,conv-`), for a quick
 * side-by-side of a few rows; the responsiveness rows run only when they match too.
 * --cpu-time divides by this process's CPU seconds instead of wall-clock seconds (see `timing` in bench-case.ts).
 * With --json: one line {"bench","impl","value","unit"} per row.
 * --against DIR also measures NN Builder's own rows with another build (a checkout of an earlier commit where
 * `npm run build` has run), interleaved in the same rounds, as rows named `IMPL@DIR`: a slowdown shows side by side.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { timing, type BenchCase } from './bench-case';
import { benchCases } from './cases';
import { isBenchChild, isolatedCases, serveCases } from './isolated-cases';
import { eventLoopDelayLines, measureEventLoopDelay } from './event-loop';
import { latencyLines, measureIntentToRedraw } from './builder-latency';

interface Settings {
  json: boolean;
  seconds: number | null;
  budget: number;
  rounds: number;
  only: string[] | null;
  benches: string[] | null;
  against: string | null;
}

function parseArguments(args: string[]): Settings {
  const settings: Settings = { json: false, seconds: null, budget: 90, rounds: 4, only: null, benches: null, against: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') settings.json = true;
    else if (arg === '--seconds') settings.seconds = positiveNumber(arg, args[++i]);
    else if (arg === '--cpu-time') timing.cpuTime = true;
    else if (arg === '--budget') settings.budget = positiveNumber(arg, args[++i]);
    else if (arg === '--rounds') settings.rounds = Math.round(positiveNumber(arg, args[++i]));
    else if (arg === '--only') settings.only = (args[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--bench') settings.benches = (args[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--against') settings.against = againstBundle(args[++i]);
    else throw new Error(`bench: unknown argument ${arg}; use --json, --seconds S, --budget S, --rounds N, --only IMPL,IMPL, --bench PREFIX,PREFIX, --cpu-time, --against DIR`);
  }
  return settings;
}

const EVENT_LOOP_BENCH = 'event-loop-delay';
const INTENT_TO_REDRAW_BENCH = 'intent-to-redraw';

function wanted(settings: Settings, bench: string): boolean {
  return settings.benches === null || settings.benches.some((prefix) => bench.startsWith(prefix));
}

/** The bench bundle of another build, checked now so that a wrong path fails before any measuring. */
function againstBundle(dir: string | undefined): string {
  const bundle = resolve(dir ?? '', 'dist', 'bench.js');
  if (dir === undefined || !existsSync(bundle)) throw new Error(`bench: --against needs a checkout where \`npm run build\` has run (no ${bundle})`);
  return bundle;
}

function positiveNumber(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (!(number > 0)) throw new Error(`bench: ${flag} needs a positive number, got ${value}`);
  return number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Whole numbers, but one decimal below 100 so that small rates (GFLOP/s of slow rows) keep their precision. */
function rounded(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

async function main(): Promise<void> {
  const settings = parseArguments(process.argv.slice(2));
  // Each implementation runs in a process of its own (see isolated-cases.ts).
  const chosen = benchCases().filter((c) => (settings.only === null || settings.only.includes(c.impl)) && wanted(settings, c.bench));
  const childArgs = settings.benches === null ? [] : ['--bench', settings.benches.join(',')];
  const cases = isolatedCases(chosen, undefined, undefined, childArgs);
  const against = settings.against;
  if (against !== null) {
    const name = basename(dirname(dirname(against)));
    cases.push(...isolatedCases(chosen.filter((c) => c.impl.startsWith('nn-builder')), against, (impl) => `${impl}@${name}`, childArgs));
  }
  const log = (line: string): void => {
    if (!settings.json) console.log(line);
  };
  const ready: BenchCase[] = [];
  for (const benchCase of cases) {
    try {
      await benchCase.setUp();
      ready.push(benchCase);
    } catch (error) {
      console.error(`bench: ${benchCase.impl} could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const samples = new Map<BenchCase, number[]>(ready.map((c) => [c, []]));
  const seconds = settings.seconds ?? Math.min(4, Math.max(0.5, settings.budget / (settings.rounds * Math.max(ready.length, 1))));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const benchCase of ready) {
      const value = await benchCase.measure(seconds);
      samples.get(benchCase)?.push(value);
      log(`round ${round}/${settings.rounds}  ${benchCase.bench}  ${benchCase.impl.padEnd(16)} ${value.toFixed(0)} ${benchCase.unit}`);
    }
  }
  for (const benchCase of ready) await benchCase.tearDown?.();

  const results = ready.map((c) => {
    const values = samples.get(c) ?? [0];
    return { bench: c.bench, impl: c.impl, value: rounded(Math.max(...values)), unit: c.unit, median: rounded(median(values)) };
  });
  // The extension host's responsiveness while a worker trains (bench/event-loop.ts).
  const delay = wanted(settings, EVENT_LOOP_BENCH) ? await measureEventLoopDelay() : null;
  // The builder's responsiveness on a big model (bench/builder-latency.ts), in headless Chromium.
  const latency = wanted(settings, INTENT_TO_REDRAW_BENCH) ? await measureIntentToRedraw() : [];
  if (settings.json) {
    for (const { bench, impl, value, unit } of results) console.log(JSON.stringify({ bench, impl, value, unit }));
    if (delay) console.log(JSON.stringify({ bench: EVENT_LOOP_BENCH, impl: 'extension-host', value: delay.p99, unit: 'ms p99', max: delay.max }));
    for (const report of latency) {
      console.log(JSON.stringify({ bench: INTENT_TO_REDRAW_BENCH, impl: report.name, value: report.p95, unit: 'ms p95', p50: report.p50, max: report.max, bytes: report.bytes }));
    }
    return;
  }
  if (delay) for (const line of eventLoopDelayLines(delay)) log(line);
  for (const line of latencyLines(latency)) log(line);
  log('');
  log('');
  for (const bench of new Set(results.map((r) => r.bench))) {
    const rows = results.filter((r) => r.bench === bench);
    log(`${bench} (best of ${settings.rounds} rounds; median in brackets${timing.cpuTime ? '; per CPU second' : ''})`);
    for (const row of rows) log(`  ${row.impl.padEnd(16)} ${String(row.value).padStart(8)} ${row.unit}  (${row.median})`);
    const [first, ...others] = rows;
    for (const other of others) {
      if (other.value > 0) log(`  ${first.impl} / ${other.impl} = ${(first.value / other.value).toFixed(2)}x`);
    }
  }
}

if (isBenchChild()) {
  // the parent passes its --bench on to each child (isolatedCases' childArgs)
  const at = process.argv.indexOf('--bench');
  const childSettings = parseArguments(at < 0 ? [] : process.argv.slice(at, at + 2));
  serveCases(() => benchCases().filter((c) => wanted(childSettings, c.bench)));
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = 1;
  });
}
