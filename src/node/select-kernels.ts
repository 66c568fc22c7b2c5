/**
 * Chooses the kernel set for this process: the WebAssembly SIMD kernels where the runtime supports them, the
 * pure TypeScript kernels otherwise or when asked. The extension passes its setting nnBuilder.engine.kernels;
 * the CLI, the training worker and the benchmark pass 'auto', which honours NN_BUILDER_KERNELS=ts|wasm.
 * The thread count follows NN_BUILDER_THREADS=1|2 when set, else two threads on machines with at least four
 * cores: there a second training thread leaves cores to VS Code and the extension host, while on two cores it would
 * compete with them. Only products large enough to gain are split, and splitting stops for a while where it does
 * not pay at run time (see gemm-threads.ts).
 */
import { availableParallelism } from 'node:os';
import { useKernels, type Kernels } from '../engine/kernels';
import { typescriptKernels } from '../engine/kernels-ts';
import { startGemmThreads, type GemmThreads } from './gemm-threads';
import { readKernelsWasm } from './load-kernels-wasm';
import { createWasmKernels, type WasmKernels } from '../engine/wasm/wasm-kernels';
import { wasmKernelsUnsupportedReason } from '../engine/wasm/webassembly-api';
import type { KernelPreference } from '../shared/kernel-preference';

export type ThreadCount = 1 | 2;

export interface KernelSelection {
  readonly kernels: Kernels;
  /** Threads the large matrix products run on (1 for the TypeScript kernels). */
  readonly threads: ThreadCount;
  /** Why the WebAssembly kernels were wanted but not used, for a warning; undefined when nothing fell back. */
  readonly fallbackReason?: string;
}

export const KERNELS_ENVIRONMENT_VARIABLE = 'NN_BUILDER_KERNELS';
export const THREADS_ENVIRONMENT_VARIABLE = 'NN_BUILDER_THREADS';

const wasmKernelSets = new Map<ThreadCount, WasmKernels>();
const gemmThreads = new Map<ThreadCount, GemmThreads>();
let wasmFailure: string | undefined;

/**
 * The process-wide WebAssembly kernel set for `threads` threads (each with its own memory, shared by every model
 * of the process that uses it), created on first use; throws with the reason when it cannot run here.
 */
export function wasmKernelSet(threads: ThreadCount = 1): WasmKernels {
  const existing = wasmKernelSets.get(threads);
  if (existing !== undefined) return existing;
  if (wasmFailure !== undefined) throw new Error(wasmFailure);
  try {
    const unsupported = wasmKernelsUnsupportedReason();
    if (unsupported !== undefined) throw new Error(unsupported);
    const set = createWasmKernels(readKernelsWasm(), threads === 1 ? 'wasm-simd' : 'wasm-simd-2t');
    if (threads === 2) gemmThreads.set(threads, startGemmThreads(set));
    wasmKernelSets.set(threads, set);
    return set;
  } catch (error) {
    wasmFailure = error instanceof Error ? error.message : String(error);
    throw new Error(wasmFailure);
  }
}

/** The worker of the two-thread kernel set, if it was started (for tests and benchmarks). */
export function gemmThreadsOf(threads: ThreadCount): GemmThreads | undefined {
  return gemmThreads.get(threads);
}

/** Reads NN_BUILDER_KERNELS (ts, typescript, wasm or auto); anything else is an error naming the variable. */
export function preferenceFromEnvironment(value = process.env[KERNELS_ENVIRONMENT_VARIABLE]): KernelPreference {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === '' || normalized === 'auto') return 'auto';
  if (normalized === 'ts' || normalized === 'typescript') return 'typescript';
  if (normalized === 'wasm') return 'wasm';
  throw new Error(`${KERNELS_ENVIRONMENT_VARIABLE}=${value} is not a kernel choice: use ts, wasm or auto`);
}

/** Cores from which 'auto' trains on two threads. */
export const MIN_CORES_FOR_TWO_THREADS = 4;

/** NN_BUILDER_THREADS (1 or 2), else 2 where there are at least four cores; anything else is an error. */
export function threadsFromEnvironment(
  value = process.env[THREADS_ENVIRONMENT_VARIABLE], cores = availableParallelism(),
): ThreadCount {
  const normalized = (value ?? '').trim();
  if (normalized === '' || normalized.toLowerCase() === 'auto') return cores >= MIN_CORES_FOR_TWO_THREADS ? 2 : 1;
  if (normalized === '1') return 1;
  if (normalized === '2') return 2;
  throw new Error(`${THREADS_ENVIRONMENT_VARIABLE}=${value} is not a thread count: use 1, 2 or auto`);
}

/**
 * Picks the kernel set for `preference` and makes it the active one (`useKernels`). 'auto' defers to
 * NN_BUILDER_KERNELS and otherwise prefers WebAssembly. `threads` 2 runs large matrix products on two threads
 * (WebAssembly only); 'auto' defers to NN_BUILDER_THREADS and the core count. Call before building a model:
 * tensors allocated by one kernel set still work with the other, but are copied on every call.
 */
export function selectKernels(
  preference: KernelPreference = 'auto', threadCount: ThreadCount | 'auto' = 'auto',
): KernelSelection {
  const effective = preference === 'auto' ? preferenceFromEnvironment() : preference;
  const threads = threadCount === 'auto' ? threadsFromEnvironment() : threadCount;
  let selection: KernelSelection;
  if (effective === 'typescript') {
    selection = { kernels: typescriptKernels, threads: 1 };
  } else {
    try {
      selection = { kernels: wasmKernelSet(threads), threads };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      selection = {
        kernels: typescriptKernels,
        threads: 1,
        fallbackReason: `WebAssembly SIMD kernels unavailable (${reason}); using the TypeScript kernels`,
      };
    }
  }
  useKernels(selection.kernels);
  return selection;
}
