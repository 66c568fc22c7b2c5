/**
 * Two-thread GEMM and window kernels: a worker thread instantiates the same kernel module over the same shared
 * memory, and each large product is cut into chunks (bands of output rows or columns), each large convolution or
 * pool into chunks of samples (the window task's own, assembly/window-task.ts), that the calling thread and the
 * worker claim from an atomic counter. The calling thread never waits for a chunk nobody has started: if the worker is slow to wake
 * (or descheduled on a busy machine) the caller simply computes every chunk itself, so two threads are never much
 * slower than one. It waits only for chunks the worker has claimed and not finished.
 *
 * Node-only (worker_threads), like the loader; the worker's code is a string evaluated by `new Worker(..., { eval })`
 * so that it works unchanged from the esbuild bundles in dist/ and from tsc's output in out/.
 *
 * Control block (Int32Array in the shared memory):
 *   [JOB]      job sequence number, bumped for every product; the worker sleeps on it
 *   [CLAIM]    (job << 8) | next chunk: a claim is a compare-exchange that also checks the job, so a late claim
 *              for a finished job can never take a chunk of the next one
 *   [DONE]     chunks finished in the current job; the caller sleeps on it
 *   [QUIT]     1 asks the worker to end
 *   [TASK]     0: a product, described in PARAMS; 1: a window task, whose block's pointer is at PARAMS
 *   [PARAMS..] the product: pointers, sizes, flags, chunk layout; PARAMS + 11 is the chunk count of either
 */
import { Worker } from 'node:worker_threads';
import type { KernelExports } from '../engine/wasm/kernel-module';
import type { GemmRunner, WasmKernels } from '../engine/wasm/wasm-kernels';

const JOB = 0;
const CLAIM = 1;
const DONE = 2;
const QUIT = 3;
const TASK = 4;
const PARAMS = 8;
const CHUNKS = PARAMS + 11;
const CONTROL_INTS = 32;
export const GEMM_CONTROL_BYTES = CONTROL_INTS * 4;

/**
 * Products (and window tasks, by their estimate of work) below this many floating-point operations stay on one
 * thread: waking the worker costs tens of microseconds, about what 1 MFLOP takes at 40 GFLOP/s, and in
 * bench/gemm-threads-probe.ts runs products of 0.5-2 MFLOP gained nothing reliable. This keeps the 10-class output
 * layer's products, and LeNet's pools, on one thread.
 */
export const DEFAULT_MIN_PARALLEL_FLOPS = 4e6;
/** Chunks per product: more balance the threads better on a shared machine, fewer pack the shared operand less. */
export const DEFAULT_CHUNKS = 4;

export interface GemmThreadsOptions {
  minParallelFlops?: number;
  chunks?: number;
  /** false leaves every chunk to the worker (tests use it to check the worker's results deterministically). */
  callerTakesPart?: boolean;
  /** false keeps splitting even where it does not pay (for measuring the split itself). */
  adaptive?: boolean;
  /** How long the worker spins for the next job before it sleeps. */
  workerSpinMicroseconds?: number;
}

/** The exports a chunk runs on. */
type ChunkKernels = Pick<KernelExports, 'gemm' | 'runWindowTask'>;

/**
 * Computes chunk `chunk` of the product or window task described in `control` with `scratch`. Shared, as source
 * text, by the worker and the calling thread, so the two cannot disagree on how a product is cut. Because it is
 * stringified, it (and claimChunks) may use only its parameters and globals: no module constants, hence the
 * literal indices.
 */
function runChunk(kernels: ChunkKernels, control: Int32Array, chunk: number, scratch: number): void {
  const p = 8; // PARAMS
  if (control[4] === 1) {
    kernels.runWindowTask(control[p], chunk, scratch);
    return;
  }
  const gemm = kernels.gemm;
  const a = control[p + 0], b = control[p + 1], c = control[p + 2];
  const m = control[p + 3], k = control[p + 4], n = control[p + 5];
  const transA = control[p + 6], transB = control[p + 7];
  const lda = control[p + 8], ldb = control[p + 9], ldc = control[p + 10];
  const splitColumns = control[p + 12], size = control[p + 13];
  const start = chunk * size;
  if (splitColumns) {
    const width = Math.min(size, n - start);
    if (width <= 0) return;
    const bOffset = transB ? start * ldb : start;
    gemm(a, b + bOffset * 4, c + start * 4, m, k, width, transA, transB, lda, ldb, ldc, 0, scratch);
  } else {
    const height = Math.min(size, m - start);
    if (height <= 0) return;
    const aOffset = transA ? start : start * lda;
    gemm(a + aOffset * 4, b, c + start * ldc * 4, height, k, n, transA, transB, lda, ldb, ldc, 0, scratch);
  }
}

/** Claims and runs chunks of job `job` until none is left; returns how many this thread ran. */
function claimChunks(kernels: ChunkKernels, control: Int32Array, job: number, scratch: number): number {
  const chunks = control[8 + 11];
  const tag = (job & 0xffffff) << 8;
  let ran = 0;
  for (;;) {
    const claim = Atomics.load(control, 1);
    if ((claim & ~0xff) !== tag || (claim & 0xff) >= chunks) return ran;
    if (Atomics.compareExchange(control, 1, claim, claim + 1) !== claim) continue;
    runChunk(kernels, control, claim & 0xff, scratch);
    ran++;
    Atomics.add(control, 2, 1);
    Atomics.notify(control, 2);
  }
}

/**
 * Spins while control[index] === value, for at most `microseconds`; true if it changed. Waking a thread that
 * sleeps in Atomics.wait takes a system call and tens of microseconds, while the products of a training step
 * come a few microseconds apart: a short spin catches the next one without sleeping.
 */
function spinWhileEqual(control: Int32Array, index: number, value: number, microseconds: number): boolean {
  const end = performance.now() + microseconds / 1000;
  for (let i = 1; ; i++) {
    if (Atomics.load(control, index) !== value) return true;
    if ((i & 63) === 0 && performance.now() > end) return false;
  }
}

/**
 * Where two threads do not pay at run time — the worker gets no core on a busy machine, so the caller waits for
 * its chunks — products go back to one thread for a while: when the smoothed ratio of split time to the caller's
 * own pace exceeds MAX_SLOWDOWN, the next BACKOFF_PRODUCTS products (a few dozen training steps) run on one
 * thread, then splitting is tried again. Results do not depend on it: a product is bitwise the same either way.
 */
const SLOWDOWN_SMOOTHING = 0.1;
const MAX_SLOWDOWN = 1.05;
const BACKOFF_PRODUCTS = 256;

/**
 * How long the worker stays awake after a product, and the caller before sleeping on the worker's last chunk.
 * The worker's spin spans the layers a training step runs on one thread between two convolutions (ReLU, pools,
 * the small dense layers: up to about 900 µs in LeNet), so it is awake for the next one; asleep, it wakes tens of
 * microseconds into the product and the caller has taken most chunks (bench/lenet-step-probe.ts).
 */
const WORKER_SPIN_MICROSECONDS = 1000;
const CALLER_SPIN_MICROSECONDS = 20;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control: controlPointer, scratch, spinMicroseconds } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('kernels.wasm aborted'); } } });
const kernels = instance.exports;
const control = new Int32Array(memory.buffer, controlPointer, ${CONTROL_INTS});
${runChunk.toString()}
${claimChunks.toString()}
${spinWhileEqual.toString()}
// The control block starts zeroed: a job posted before this line ran has a number above 0 and is not missed.
let seen = 0;
for (;;) {
  if (!${spinWhileEqual.name}(control, ${JOB}, seen, spinMicroseconds)) Atomics.wait(control, ${JOB}, seen);
  if (Atomics.load(control, ${QUIT}) !== 0) break;
  seen = Atomics.load(control, ${JOB});
  ${claimChunks.name}(kernels, control, seen, scratch);
}
`;

export interface GemmThreads extends GemmRunner {
  /** Chunks the worker computed so far (to see in tests and benchmarks that it takes part). */
  readonly workerChunks: number;
  /** Products and window tasks split between the threads so far, and how often splitting was suspended for not paying. */
  readonly splitProducts: number;
  readonly backoffs: number;
  /** Ends the worker; later products run on the calling thread only. */
  stop(): Promise<void>;
}

/** Starts the worker over the memory of kernel set `set` and routes the set's products through it. */
export function startGemmThreads(set: WasmKernels, options: GemmThreadsOptions = {}): GemmThreads {
  const minParallelFlops = options.minParallelFlops ?? DEFAULT_MIN_PARALLEL_FLOPS;
  const chunks = Math.max(2, Math.min(255, Math.round(options.chunks ?? DEFAULT_CHUNKS)));
  const callerTakesPart = options.callerTakesPart ?? true;
  const adaptive = options.adaptive ?? true;
  // Not named `exports`: in CommonJS output that would shadow the module's exports object.
  const kernelExports = set.exports;
  const callerScratch = set.gemmScratch;
  const controlPointer = set.arena.allocateBytes(GEMM_CONTROL_BYTES);
  const workerScratch = set.arena.allocateBytes(kernelExports.gemmScratchBytes());
  const control = new Int32Array(set.memory.buffer, controlPointer, CONTROL_INTS);
  let worker: Worker | undefined = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: set.module, memory: set.memory, control: controlPointer, scratch: workerScratch, spinMicroseconds: options.workerSpinMicroseconds ?? WORKER_SPIN_MICROSECONDS },
  });
  // The worker must never keep a process alive (the CLI, a test run) that is otherwise done.
  worker.unref();
  const forget = (): void => {
    worker = undefined;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  let job = 0;
  let callerChunks = 0;
  let totalChunks = 0;
  let products = 0;
  /** Smoothed ratio of a split product's time to the caller's estimate of doing it alone (< 1 pays). */
  let slowdown = 1;
  /** Products before this count run on one thread: the worker was not keeping up (a busy machine). */
  let singleUntil = 0;
  let splitProducts = 0;
  let backoffs = 0;

  const single = (
    a: number, b: number, c: number, m: number, k: number, n: number,
    transA: boolean, transB: boolean, lda: number, ldb: number, ldc: number,
  ): void => {
    kernelExports.gemm(a, b, c, m, k, n, transA ? 1 : 0, transB ? 1 : 0, lda, ldb, ldc, 0, callerScratch);
  };

  /** Runs the `used` chunks described in the control block on both threads; returns when all are done. */
  const split = (used: number): void => {
    products++;
    splitProducts++;
    job = (job + 1) & 0xffffff;
    Atomics.store(control, DONE, 0);
    Atomics.store(control, CLAIM, job << 8);
    Atomics.store(control, JOB, job);
    Atomics.notify(control, JOB, 1);
    const start = performance.now();
    const mine = callerTakesPart ? claimChunks(kernelExports, control, job, callerScratch) : 0;
    const computed = performance.now();
    callerChunks += mine;
    totalChunks += used;
    for (;;) {
      const done = Atomics.load(control, DONE);
      if (done >= used) break;
      if (!spinWhileEqual(control, DONE, done, CALLER_SPIN_MICROSECONDS)) Atomics.wait(control, DONE, done);
    }
    if (adaptive && mine > 0) {
      // Did the second thread pay? Compare with the caller's own pace over the whole job.
      const alone = ((computed - start) / mine) * used;
      slowdown = (1 - SLOWDOWN_SMOOTHING) * slowdown + SLOWDOWN_SMOOTHING * ((performance.now() - start) / alone);
      if (slowdown > MAX_SLOWDOWN) {
        singleUntil = products + BACKOFF_PRODUCTS;
        slowdown = 1;
        backoffs++;
      }
    }
  };

  const threads: GemmThreads = {
    get workerChunks(): number {
      return totalChunks - callerChunks;
    },

    get splitProducts(): number {
      return splitProducts;
    },

    get backoffs(): number {
      return backoffs;
    },

    gemm(a, b, c, m, k, n, transA, transB, lda, ldb, ldc): void {
      // Cut along the output dimension whose split duplicates less packing: splitting columns makes both threads
      // pack all of op(A) (m × k), splitting rows all of op(B) (k × n).
      const splitColumns = n >= m;
      const unit = splitColumns ? 8 : 4;
      const extent = splitColumns ? n : m;
      const size = Math.ceil(Math.ceil(extent / chunks) / unit) * unit;
      const used = Math.ceil(extent / size);
      if (worker === undefined || 2 * m * k * n < minParallelFlops || used < 2 || products < singleUntil) {
        products++;
        single(a, b, c, m, k, n, transA, transB, lda, ldb, ldc);
        return;
      }
      // In the order runChunk reads them from PARAMS.
      control[TASK] = 0;
      control[PARAMS + 0] = a;
      control[PARAMS + 1] = b;
      control[PARAMS + 2] = c;
      control[PARAMS + 3] = m;
      control[PARAMS + 4] = k;
      control[PARAMS + 5] = n;
      control[PARAMS + 6] = transA ? 1 : 0;
      control[PARAMS + 7] = transB ? 1 : 0;
      control[PARAMS + 8] = lda;
      control[PARAMS + 9] = ldb;
      control[PARAMS + 10] = ldc;
      control[CHUNKS] = used;
      control[PARAMS + 12] = splitColumns ? 1 : 0;
      control[PARAMS + 13] = size;
      split(used);
    },

    windowTask(params, taskChunks, work): void {
      if (worker === undefined || work < minParallelFlops || taskChunks < 2 || products < singleUntil) {
        products++;
        for (let chunk = 0; chunk < taskChunks; chunk++) kernelExports.runWindowTask(params, chunk, callerScratch);
        return;
      }
      control[TASK] = 1;
      control[PARAMS] = params;
      control[CHUNKS] = taskChunks;
      split(taskChunks);
    },

    async stop(): Promise<void> {
      const ending = worker;
      worker = undefined;
      if (ending === undefined) return;
      Atomics.store(control, QUIT, 1);
      Atomics.add(control, JOB, 1);
      Atomics.notify(control, JOB);
      await ending.terminate();
    },
  };
  set.setGemmRunner(threads);
  return threads;
}
