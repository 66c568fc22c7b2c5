/**
 * Runs every implementation's bench cases in a child process of its own, driven from the parent over IPC, so
 * the rounds stay interleaved but no implementation changes the JavaScript engine's state under another.
 *
 * Why: V8 keeps process-wide assumptions ("protectors") that make typed-array code fast. As soon as any
 * ArrayBuffer in the process is detached, e.g. when tfjs-backend-wasm grows its WebAssembly memory, every
 * optimised typed-array access must check for detachment from then on, and the TypeScript kernels lose about
 * 15% (measured here: 4,000 samples/s alone, 3,400 after a tfjs-wasm round in the same process). In NN Builder
 * itself nothing detaches buffers, so measuring in one shared process would misreport the engine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { timing, type BenchCase } from './bench-case';

const CHILD_FLAG = '--bench-child';

type ToChild =
  | { type: 'setUp'; index: number; bench: string }
  | { type: 'measure'; index: number; seconds: number }
  | { type: 'tearDown'; index: number };

/** `bench` (after a set-up) names the case the child set up; builds older than this field do not send it. */
type FromChild = { type: 'done'; value?: number; bench?: string } | { type: 'failed'; message: string };

/** True in a child started by `isolatedCases`. */
export function isBenchChild(argv: string[] = process.argv): boolean {
  return argv[2] === CHILD_FLAG;
}

/** One child process serving the cases of one implementation, one request at a time. */
class ChildHost {
  private readonly child: ChildProcess;
  private pending: ((reply: FromChild) => void) | null = null;
  private openCases: number;

  constructor(
    readonly impl: string,
    caseCount: number,
    script: string,
    childArgs: readonly string[],
  ) {
    this.openCases = caseCount;
    const args = [CHILD_FLAG, impl, ...(timing.cpuTime ? ['--cpu-time'] : []), ...childArgs];
    // The child writes nothing to stdout (the --json output is the parent's); its warnings go to stderr.
    this.child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (reply: FromChild) => this.settle(reply));
    this.child.on('exit', (code) => this.settle({ type: 'failed', message: `the ${impl} bench process exited (code ${code})` }));
  }

  request(message: ToChild): Promise<number | undefined> {
    return this.reply(message).then((reply) => reply.value);
  }

  reply(message: ToChild): Promise<Extract<FromChild, { type: 'done' }>> {
    return new Promise((resolve, reject) => {
      this.pending = (reply) => (reply.type === 'done' ? resolve(reply) : reject(new Error(reply.message)));
      this.child.send(message);
    });
  }

  /** Called after each case's tear-down; the last one lets the child exit. */
  caseClosed(): void {
    this.openCases--;
    if (this.openCases === 0 && this.child.connected) this.child.disconnect();
  }

  private settle(reply: FromChild): void {
    const pending = this.pending;
    this.pending = null;
    pending?.(reply);
  }
}

/**
 * Stand-ins for `cases` whose set-up, measurements and tear-down run in one child process per implementation.
 * The child rebuilds the same list with `allCases()` and serves the cases of its implementation. `script` is the
 * bench bundle the children run: this one, or another build's (`--against`), whose rows are then named with
 * `label`. `childArgs` go to each child's command line after the implementation, so that it can choose the same
 * cases from its list as the parent did (`--bench`).
 */
export function isolatedCases(
  cases: BenchCase[], script = __filename, label = (impl: string) => impl, childArgs: readonly string[] = [],
): BenchCase[] {
  const hosts = new Map<string, ChildHost>();
  const host = (impl: string): ChildHost => {
    let existing = hosts.get(impl);
    if (existing === undefined) {
      existing = new ChildHost(impl, cases.filter((c) => c.impl === impl).length, script, childArgs);
      hosts.set(impl, existing);
    }
    return existing;
  };
  return cases.map((benchCase) => {
    // The child indexes the cases of its implementation in the same order as the full list.
    const sameImpl = cases.filter((c) => c.impl === benchCase.impl);
    const index = sameImpl.indexOf(benchCase);
    return {
      bench: benchCase.bench,
      impl: label(benchCase.impl),
      unit: benchCase.unit,
      async setUp() {
        const child = host(benchCase.impl);
        try {
          const reply = await child.reply({ type: 'setUp', index, bench: benchCase.bench });
          // another build lists its cases in its own order: only a child that names the case it set up (or the
          // first case of an implementation, the same in every build) measures what this row says
          if (reply.bench === undefined ? index > 0 : reply.bench !== benchCase.bench) {
            throw new Error(`${script} cannot confirm that it runs ${benchCase.bench} (a build older than this check, or without that case): only the first row of each implementation is compared with it`);
          }
        } catch (error) {
          // a case that never starts is never torn down: let the child exit all the same
          child.caseClosed();
          throw error;
        }
      },
      async measure(seconds: number) {
        return (await host(benchCase.impl).request({ type: 'measure', index, seconds })) ?? 0;
      },
      async tearDown() {
        const child = host(benchCase.impl);
        try {
          await child.request({ type: 'tearDown', index });
        } finally {
          child.caseClosed();
        }
      },
    };
  });
}

/**
 * The child's side: serves the cases of the implementation named on the command line, from `allCases()` (the
 * same list the parent filtered, in the same order). Exits when the parent disconnects.
 */
export function serveCases(allCases: () => BenchCase[]): void {
  const impl = process.argv[3];
  timing.cpuTime = process.argv.includes('--cpu-time');
  const cases = allCases().filter((c) => c.impl === impl);
  process.on('message', (message: ToChild) => {
    void handle(cases, message).then(
      (value) => process.send?.({ type: 'done', value, ...(message.type === 'setUp' ? { bench: message.bench } : {}) } satisfies FromChild),
      (error: unknown) =>
        process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromChild),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

async function handle(cases: BenchCase[], message: ToChild): Promise<number | undefined> {
  const benchCase = cases[message.index];
  if (benchCase === undefined) throw new Error(`no bench case ${message.index} in this process`);
  switch (message.type) {
    case 'setUp':
      if (benchCase.bench !== message.bench) throw new Error(`no ${message.bench} case here (case ${message.index} is ${benchCase.bench})`);
      await benchCase.setUp();
      return undefined;
    case 'measure':
      collectGarbage();
      return benchCase.measure(message.seconds);
    case 'tearDown':
      await benchCase.tearDown?.();
      return undefined;
  }
}

/**
 * A full garbage collection before each measurement, so that no case pays for garbage left by its own
 * set-up or by the previous round (tfjs leaves a lot; collecting it partly runs on helper threads).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
