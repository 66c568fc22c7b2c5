/**
 * Chooses the kernel set for this process: the WebAssembly SIMD kernels where the runtime supports them, the
 * pure TypeScript kernels otherwise or when asked. The extension passes its setting nnBuilder.engine.kernels;
 * the CLI, the training worker and the benchmark pass 'auto', which honours NN_BUILDER_KERNELS=ts|wasm.
 */
import { useKernels, type Kernels } from '../kernels';
import { typescriptKernels } from '../kernels-ts';
import { readKernelsWasm } from './load-kernels-wasm';
import { createWasmKernels, type WasmKernels } from './wasm-kernels';
import { wasmKernelsUnsupportedReason } from './webassembly-api';

export type KernelPreference = 'auto' | 'typescript' | 'wasm';

export interface KernelSelection {
  readonly kernels: Kernels;
  /** Why the WebAssembly kernels were wanted but not used, for a warning; undefined when nothing fell back. */
  readonly fallbackReason?: string;
}

export const KERNELS_ENVIRONMENT_VARIABLE = 'NN_BUILDER_KERNELS';

let wasmKernels: WasmKernels | undefined;
let wasmFailure: string | undefined;

/**
 * The process-wide WebAssembly kernel set (one memory shared by every model of the process), created on first
 * use; throws with the reason when it cannot run here.
 */
export function wasmKernelSet(): WasmKernels {
  if (wasmKernels !== undefined) return wasmKernels;
  if (wasmFailure !== undefined) throw new Error(wasmFailure);
  try {
    const unsupported = wasmKernelsUnsupportedReason();
    if (unsupported !== undefined) throw new Error(unsupported);
    wasmKernels = createWasmKernels(readKernelsWasm());
    return wasmKernels;
  } catch (error) {
    wasmFailure = error instanceof Error ? error.message : String(error);
    throw new Error(wasmFailure);
  }
}

/** Reads NN_BUILDER_KERNELS (ts, typescript, wasm or auto); anything else is an error naming the variable. */
export function preferenceFromEnvironment(value = process.env[KERNELS_ENVIRONMENT_VARIABLE]): KernelPreference {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === '' || normalized === 'auto') return 'auto';
  if (normalized === 'ts' || normalized === 'typescript') return 'typescript';
  if (normalized === 'wasm') return 'wasm';
  throw new Error(`${KERNELS_ENVIRONMENT_VARIABLE}=${value} is not a kernel choice: use ts, wasm or auto`);
}

/**
 * Picks the kernel set for `preference` and makes it the active one (`useKernels`). 'auto' defers to
 * NN_BUILDER_KERNELS and otherwise prefers WebAssembly. Call before building a model: tensors allocated by one
 * kernel set still work with the other, but are copied on every call.
 */
export function selectKernels(preference: KernelPreference = 'auto'): KernelSelection {
  const effective = preference === 'auto' ? preferenceFromEnvironment() : preference;
  let selection: KernelSelection;
  if (effective === 'typescript') {
    selection = { kernels: typescriptKernels };
  } else {
    try {
      selection = { kernels: wasmKernelSet() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      selection = {
        kernels: typescriptKernels,
        fallbackReason: `WebAssembly SIMD kernels unavailable (${reason}); using the TypeScript kernels`,
      };
    }
  }
  useKernels(selection.kernels);
  return selection;
}
