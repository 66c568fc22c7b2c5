/**
 * The WebAssembly memory as an arena of tensors: a bump allocator that never frees. Layers take their storage
 * when a model or a buffer for a new batch shape is created (see TensorPool), never per step, so after warm-up a
 * training run allocates nothing and the memory stays flat.
 *
 * The memory is shared (a SharedArrayBuffer), which matters for growth: growing a shared memory does not detach
 * the views already handed out, it only makes `memory.buffer` a new, longer SharedArrayBuffer object over the
 * same bytes. The arena therefore remembers every buffer object it has seen, to recognise its own views.
 */
import { WASM_PAGE_BYTES, type WasmMemory } from './webassembly-api';

/** Allocations start on a cache line, so every tensor is 16-byte aligned for the SIMD loads. */
const ALIGNMENT = 64;
/** Growth in steps of at least this much, so a model's allocations trigger few grows. */
const MINIMUM_GROWTH_BYTES = 16 * 1024 * 1024;

export class WasmArena {
  private top: number;
  private readonly ownBuffers = new Set<ArrayBufferLike>();
  private currentBuffer: ArrayBufferLike;

  constructor(
    readonly memory: WasmMemory,
    heapBase: number,
  ) {
    this.top = alignUp(heapBase);
    this.currentBuffer = memory.buffer;
    this.ownBuffers.add(this.currentBuffer);
  }

  /** Bytes of memory reserved from the host so far. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Bytes handed out so far. */
  get usedBytes(): number {
    return this.top;
  }

  /** A zero-filled block of `byteLength` bytes in WebAssembly memory, returned as its byte offset. */
  allocateBytes(byteLength: number): number {
    const start = this.top;
    const end = alignUp(start + Math.max(byteLength, 0));
    this.ensureCapacity(end);
    this.top = end;
    return start;
  }

  allocate(length: number): Float32Array {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`Cannot allocate a tensor of ${length} floats: the size must be a non-negative integer`);
    }
    return this.view(this.allocateBytes(length * 4), length);
  }

  /** A view of `length` floats at byte offset `pointer`. */
  view(pointer: number, length: number): Float32Array {
    return new Float32Array(this.buffer(), pointer, length);
  }

  /** Whether `array` lives in this memory, in which case its byteOffset is its pointer. */
  owns(array: Float32Array): boolean {
    const buffer = array.buffer;
    return buffer === this.currentBuffer || this.ownBuffers.has(buffer);
  }

  private buffer(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    if (buffer !== this.currentBuffer) {
      this.currentBuffer = buffer;
      this.ownBuffers.add(buffer);
    }
    return buffer;
  }

  private ensureCapacity(endByte: number): void {
    const available = this.memory.buffer.byteLength;
    if (endByte <= available) return;
    const neededPages = Math.ceil((endByte - available) / WASM_PAGE_BYTES);
    const generousPages = Math.ceil(Math.max(MINIMUM_GROWTH_BYTES, available / 4) / WASM_PAGE_BYTES);
    if (!this.tryGrow(Math.max(neededPages, generousPages)) && !this.tryGrow(neededPages)) {
      throw new RangeError(
        `The WebAssembly kernels ran out of memory (${Math.round(available / 2 ** 20)} MiB in use, ` +
          `${Math.round((endByte - available) / 2 ** 20)} MiB more requested): make the model or the batch smaller, ` +
          'or choose the TypeScript kernels (setting nnBuilder.engine.kernels or NN_BUILDER_KERNELS=ts).',
      );
    }
    this.buffer();
  }

  private tryGrow(pages: number): boolean {
    try {
      this.memory.grow(pages);
      return true;
    } catch {
      return false;
    }
  }
}

function alignUp(value: number): number {
  return Math.ceil(value / ALIGNMENT) * ALIGNMENT;
}
