/**
 * The few WebAssembly JS-API types the kernel loader needs. The engine compiles against lib ES2022 without DOM
 * types, which declare none of WebAssembly; declaring a global namespace here would clash with lib.dom wherever
 * both are loaded, so the API is reached through `globalThis` with these local shapes instead.
 */

export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(deltaPages: number): number;
}

export interface WasmModule {
  readonly __wasmModuleBrand?: never;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** Bytes per WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

/** The host's WebAssembly API, or undefined where there is none. */
export function webAssemblyApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** `(module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))`: valid only where SIMD128 is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/**
 * Why the WebAssembly SIMD kernels cannot run here, or undefined when they can: they need SIMD128 and a shared
 * memory (the kernel module imports one so that a second thread can work on the same tensors).
 */
export function wasmKernelsUnsupportedReason(): string | undefined {
  const api = webAssemblyApi();
  if (api === undefined) return 'this runtime has no WebAssembly';
  if (!api.validate(SIMD_PROBE)) return 'this runtime has no WebAssembly SIMD';
  try {
    const memory = new api.Memory({ initial: 1, maximum: 1, shared: true });
    if (typeof SharedArrayBuffer === 'undefined' || !(memory.buffer instanceof SharedArrayBuffer)) {
      return 'this runtime has no shared WebAssembly memory';
    }
  } catch {
    return 'this runtime has no shared WebAssembly memory';
  }
  return undefined;
}
