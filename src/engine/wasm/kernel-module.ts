/**
 * The exports of dist/kernels.wasm (built from assembly/ by scripts/build.mjs) and its instantiation.
 * Pointers are byte offsets into the shared memory; sizes are in floats; booleans are 0 or 1.
 */
import { webAssemblyApi, type WasmMemory, type WasmModule } from './webassembly-api';

export interface KernelExports {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemm(
    a: number, b: number, c: number, m: number, k: number, n: number,
    transA: number, transB: number, lda: number, ldb: number, ldc: number, accumulate: number, scratch: number,
  ): void;
  addRowVector(x: number, bias: number, m: number, n: number): void;
  sumRows(a: number, out: number, m: number, n: number): void;
  relu(x: number, out: number, length: number): void;
  reluBackward(x: number, gradOut: number, gradIn: number, length: number): void;
  leakyRelu(x: number, out: number, length: number, slope: number): void;
  leakyReluBackward(x: number, gradOut: number, gradIn: number, length: number, slope: number): void;
  sigmoid(x: number, out: number, length: number): void;
  sigmoidBackward(y: number, gradOut: number, gradIn: number, length: number): void;
  softmax(x: number, out: number, m: number, n: number): void;
  softmaxBackward(y: number, gradOut: number, gradIn: number, m: number, n: number): void;
  /** Runs chunk `chunk` of the window task whose block is at `params` (see window-task.ts), with GEMM scratch. */
  runWindowTask(params: number, chunk: number, scratch: number): void;
  /** Runs every chunk of the task, then finishes it. */
  runWindowTaskAll(params: number, scratch: number): void;
  /** Completes a task whose chunks all ran (sums a convolution's per-chunk filter gradients). */
  finishWindowTask(params: number): void;
  /** Bytes of workspace the task at `params` needs. */
  windowWorkspaceBytes(params: number): number;
  sgdUpdate(w: number, g: number, length: number, lr: number): void;
  momentumUpdate(w: number, g: number, u: number, length: number, lr: number, momentum: number): void;
  rmspropUpdate(
    w: number, g: number, s: number, length: number, lr: number, beta: number, oneMinusBeta: number, eps: number,
  ): void;
  adamUpdate(
    w: number, g: number, m: number, v: number, length: number, lr: number, beta1: number, beta2: number,
    oneMinusBeta1: number, oneMinusBeta2: number, eps: number, correction1: number, correction2: number, nesterov: number,
  ): void;
  addScaled(y: number, x: number, length: number, alpha: number): void;
  scale(x: number, length: number, factor: number): void;
  sumOfSquares(x: number, length: number): number;
}

const EXPORT_NAMES: readonly (keyof KernelExports)[] = [
  'heapBase', 'gemmScratchBytes', 'gemm', 'addRowVector', 'sumRows', 'relu', 'reluBackward', 'leakyRelu',
  'leakyReluBackward', 'sigmoid', 'sigmoidBackward', 'softmax', 'softmaxBackward', 'runWindowTask', 'runWindowTaskAll',
  'finishWindowTask', 'windowWorkspaceBytes', 'sgdUpdate', 'momentumUpdate',
  'rmspropUpdate', 'adamUpdate', 'addScaled', 'scale', 'sumOfSquares',
];

/** The two exports of an element-wise activation (assembly/elementwise/), found by name, not listed above. */
export interface ElementwiseExports {
  forward(x: number, out: number, length: number, ...settings: number[]): void;
  backward(x: number, gradOut: number, gradIn: number, length: number, ...settings: number[]): void;
}

/**
 * The exports `<name>` and `<name>Backward` of an element-wise activation taking `settingCount` settings; an
 * error names what is missing or has other parameters (kernels.wasm built from other sources than the TypeScript).
 */
export function elementwiseExports(exports: KernelExports, name: string, settingCount: number): ElementwiseExports {
  const all = exports as unknown as Record<string, unknown>;
  const check = (exportName: string, arrays: number): void => {
    const value = all[exportName];
    if (typeof value !== 'function') {
      throw new Error(
        `kernels.wasm lacks the export "${exportName}": export it from assembly/index.ts and rebuild with ` +
          '`npm run build`',
      );
    }
    // A WebAssembly function's length is its parameter count: the arrays, the length and the settings.
    if (value.length !== arrays + 1 + settingCount) {
      const settings = settingCount === 1 ? '1 setting' : `${settingCount} settings`;
      throw new Error(
        `kernels.wasm's "${exportName}" takes ${value.length} parameters, not ${arrays + 1 + settingCount} ` +
          `(${arrays} arrays, the length and ${settings}): give assembly/elementwise/${name}.ts the settings ` +
          `its TypeScript kernels pass and rebuild with \`npm run build\``,
      );
    }
  };
  check(name, 2);
  check(`${name}Backward`, 3);
  return { forward: all[name], backward: all[`${name}Backward`] } as ElementwiseExports;
}

/** Maximum memory the module accepts (2 GiB in 64 KiB pages); must match --maximumMemory in assembly/compile.mjs. */
export const MAXIMUM_PAGES = 32768;

export function compileKernelModule(bytes: Uint8Array): WasmModule {
  const api = webAssemblyApi();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime');
  return new api.Module(bytes);
}

export function createSharedMemory(initialPages: number): WasmMemory {
  const api = webAssemblyApi();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime');
  return new api.Memory({ initial: initialPages, maximum: MAXIMUM_PAGES, shared: true });
}

/** Instantiates the kernel module over `memory` and checks that every expected export is a function. */
export function instantiateKernels(module: WasmModule, memory: WasmMemory): KernelExports {
  const api = webAssemblyApi();
  if (api === undefined) throw new Error('WebAssembly is not available in this runtime');
  const instance = new api.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('kernels.wasm aborted');
      },
    },
  });
  for (const name of EXPORT_NAMES) {
    if (typeof instance.exports[name] !== 'function') {
      throw new Error(`kernels.wasm lacks the export "${name}": rebuild it with \`npm run build\``);
    }
  }
  return instance.exports as unknown as KernelExports;
}
