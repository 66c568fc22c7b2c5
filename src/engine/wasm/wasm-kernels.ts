/**
 * The WebAssembly SIMD implementation of `Kernels` (dist/kernels.wasm, built from assembly/).
 *
 * Tensors allocated through `allocate` live in the module's memory for the whole run, so a kernel call passes
 * their byte offsets and copies nothing. Arrays from elsewhere (a plain Float32Array a caller made itself) still
 * work: they are copied into a staging area before the call and the outputs copied back after it, so correctness
 * never depends on where the caller's storage came from — only speed does.
 */
import type { ActivationSettings, ElementwiseKernels, Kernels } from '../kernels';
import { WasmArena } from './arena';
import {
  compileKernelModule, createSharedMemory, elementwiseExports, instantiateKernels, type ElementwiseExports, type KernelExports,
} from './kernel-module';
import type { Window2D } from '../window';
import {
  setWindowTaskField, WINDOW_TASK_BYTES, WindowTaskKind, windowTaskField, writeWindowTask, type WindowTaskArrays,
} from './window-task';
import { WASM_PAGE_BYTES, type WasmMemory, type WasmModule } from './webassembly-api';

/** Staging area for foreign arrays; grows (by reallocation from the arena) only when a call needs more. */
const INITIAL_STAGING_BYTES = 1024 * 1024;
/** Room reserved at start-up for the first model's tensors, so that small models never grow the memory. */
const INITIAL_ARENA_BYTES = 32 * 1024 * 1024;

/**
 * Computes GEMMs and window kernels in place of the single-thread calls, e.g. split between threads (see
 * gemm-threads.ts).
 */
export interface GemmRunner {
  gemm(
    a: number, b: number, c: number, m: number, k: number, n: number,
    transA: boolean, transB: boolean, lda: number, ldb: number, ldc: number,
  ): void;
  /**
   * Runs chunks [0, chunks) of the window task whose block is at `params` (runWindowTask), but not its finish;
   * `work` is its floating-point operations.
   */
  windowTask(params: number, chunks: number, work: number): void;
}

export interface WasmKernels extends Kernels {
  readonly arena: WasmArena;
  readonly exports: KernelExports;
  readonly module: WasmModule;
  readonly memory: WasmMemory;
  /** Byte offset of the calling thread's GEMM packing scratch. */
  readonly gemmScratch: number;
  /** Replaces the single-thread GEMM (undefined restores it). */
  setGemmRunner(runner: GemmRunner | undefined): void;
}

/** Compiles the kernel module from its bytes and returns a kernel set with its own memory. */
export function createWasmKernels(bytes: Uint8Array, name = 'wasm-simd'): WasmKernels {
  const module = compileKernelModule(bytes);
  const memory = createSharedMemory(Math.ceil(INITIAL_ARENA_BYTES / WASM_PAGE_BYTES));
  // Not named `exports`: in CommonJS output that would shadow the module's own exports object.
  const kernelExports = instantiateKernels(module, memory);
  const arena = new WasmArena(memory, kernelExports.heapBase());
  return new WasmKernelSet(name, module, memory, kernelExports, arena);
}

class WasmKernelSet implements WasmKernels {
  readonly gemmScratch: number;
  private gemmRunner: GemmRunner | undefined;
  /** The parameter block of window kernel calls, and a view of it. */
  private readonly taskPointer: number;
  private readonly taskBlock: Int32Array;
  /** The window kernels' workspace (a convolution's patches and per-chunk gradients), grown to the largest call. */
  private workspacePointer = 0;
  private workspaceBytes = 0;
  private stagingPointer = 0;
  private stagingBytes = 0;
  private stagingUsed = 0;
  /** Foreign output arrays of the current call and where their results are staged; reused, never reallocated. */
  private readonly pendingArrays: Float32Array[] = [];
  private readonly pendingPointers: number[] = [];
  private readonly pendingLengths: number[] = [];
  private pendingCount = 0;
  /** The exports of each element-wise activation, looked up (and checked) on its first call. */
  private readonly elementwiseExportsOf = new Map<ElementwiseKernels<ActivationSettings>, ElementwiseExports>();

  constructor(
    readonly name: string,
    readonly module: WasmModule,
    readonly memory: WasmMemory,
    readonly exports: KernelExports,
    readonly arena: WasmArena,
  ) {
    this.gemmScratch = arena.allocateBytes(exports.gemmScratchBytes());
    this.taskPointer = arena.allocateBytes(WINDOW_TASK_BYTES);
    // a view of shared memory stays valid when the memory grows
    this.taskBlock = new Int32Array(memory.buffer, this.taskPointer, WINDOW_TASK_BYTES / 4);
    this.reserveStaging(INITIAL_STAGING_BYTES);
  }

  setGemmRunner(runner: GemmRunner | undefined): void {
    this.gemmRunner = runner;
  }

  allocate(length: number): Float32Array {
    return this.arena.allocate(length);
  }

  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
    const pa = this.input(a, m * k, 'matmul', 'a');
    const pb = this.input(b, k * n, 'matmul', 'b');
    const pc = this.output(out, m * n, 'matmul', 'out');
    this.gemm(pa, pb, pc, m, k, n, false, false, k, n, n);
    this.finish();
  }

  matmulTransA(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
    // out[k,n] = aᵀ b with a [m,k]: op(A) is [k,m] read transposed from a (stride k).
    const pa = this.input(a, m * k, 'matmulTransA', 'a');
    const pb = this.input(b, m * n, 'matmulTransA', 'b');
    const pc = this.output(out, k * n, 'matmulTransA', 'out');
    this.gemm(pa, pb, pc, k, m, n, true, false, k, n, n);
    this.finish();
  }

  matmulTransB(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
    // out[m,k] = a bᵀ with a [m,n], b [k,n]: op(B) is [n,k] read transposed from b (stride n).
    const pa = this.input(a, m * n, 'matmulTransB', 'a');
    const pb = this.input(b, k * n, 'matmulTransB', 'b');
    const pc = this.output(out, m * k, 'matmulTransB', 'out');
    this.gemm(pa, pb, pc, m, n, k, false, true, n, n, k);
    this.finish();
  }

  addRowVector(x: Float32Array, bias: Float32Array, m: number, n: number): void {
    const pb = this.input(bias, n, 'addRowVector', 'bias');
    const px = this.inputOutput(x, m * n, 'addRowVector', 'x');
    this.exports.addRowVector(px, pb, m, n);
    this.finish();
  }

  sumRows(a: Float32Array, out: Float32Array, m: number, n: number): void {
    const pa = this.input(a, m * n, 'sumRows', 'a');
    const po = this.output(out, n, 'sumRows', 'out');
    this.exports.sumRows(pa, po, m, n);
    this.finish();
  }

  relu(x: Float32Array, out: Float32Array, length: number): void {
    const px = this.input(x, length, 'relu', 'x');
    const po = this.output(out, length, 'relu', 'out');
    this.exports.relu(px, po, length);
    this.finish();
  }

  reluBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number): void {
    const px = this.input(x, length, 'reluBackward', 'x');
    const pg = this.input(gradOut, length, 'reluBackward', 'gradOut');
    const pi = this.output(gradIn, length, 'reluBackward', 'gradIn');
    this.exports.reluBackward(px, pg, pi, length);
    this.finish();
  }

  leakyRelu(x: Float32Array, out: Float32Array, length: number, slope: number): void {
    const px = this.input(x, length, 'leakyRelu', 'x');
    const po = this.output(out, length, 'leakyRelu', 'out');
    this.exports.leakyRelu(px, po, length, slope);
    this.finish();
  }

  leakyReluBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number, slope: number): void {
    const px = this.input(x, length, 'leakyReluBackward', 'x');
    const pg = this.input(gradOut, length, 'leakyReluBackward', 'gradOut');
    const pi = this.output(gradIn, length, 'leakyReluBackward', 'gradIn');
    this.exports.leakyReluBackward(px, pg, pi, length, slope);
    this.finish();
  }

  sigmoid(x: Float32Array, out: Float32Array, length: number): void {
    const px = this.input(x, length, 'sigmoid', 'x');
    const po = this.output(out, length, 'sigmoid', 'out');
    this.exports.sigmoid(px, po, length);
    this.finish();
  }

  sigmoidBackward(y: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number): void {
    const py = this.input(y, length, 'sigmoidBackward', 'y');
    const pg = this.input(gradOut, length, 'sigmoidBackward', 'gradOut');
    const pi = this.output(gradIn, length, 'sigmoidBackward', 'gradIn');
    this.exports.sigmoidBackward(py, pg, pi, length);
    this.finish();
  }

  elementwise<Settings extends ActivationSettings>(
    f: ElementwiseKernels<Settings>, x: Float32Array, out: Float32Array, length: number, settings: Settings,
  ): void {
    const kernel = this.elementwiseExports(f, settings);
    const px = this.input(x, length, f.name, 'x');
    const po = this.output(out, length, f.name, 'out');
    kernel.forward(px, po, length, ...settings);
    this.finish();
  }

  elementwiseBackward<Settings extends ActivationSettings>(
    f: ElementwiseKernels<Settings>, x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, length: number,
    settings: Settings,
  ): void {
    const kernel = this.elementwiseExports(f, settings);
    const px = this.input(x, length, f.name, 'x');
    const pg = this.input(gradOut, length, f.name, 'gradOut');
    const pi = this.output(gradIn, length, f.name, 'gradIn');
    kernel.backward(px, pg, pi, length, ...settings);
    this.finish();
  }

  softmax(x: Float32Array, out: Float32Array, m: number, n: number): void {
    const px = this.input(x, m * n, 'softmax', 'x');
    const po = this.output(out, m * n, 'softmax', 'out');
    this.exports.softmax(px, po, m, n);
    this.finish();
  }

  softmaxBackward(y: Float32Array, gradOut: Float32Array, gradIn: Float32Array, m: number, n: number): void {
    const py = this.input(y, m * n, 'softmaxBackward', 'y');
    const pg = this.input(gradOut, m * n, 'softmaxBackward', 'gradOut');
    const pi = this.output(gradIn, m * n, 'softmaxBackward', 'gradIn');
    this.exports.softmaxBackward(py, pg, pi, m, n);
    this.finish();
  }

  conv2d(
    x: Float32Array, weight: Float32Array, bias: Float32Array | null, out: Float32Array, batch: number, window: Window2D,
    outChannels: number,
  ): void {
    const patch = patchSize(window);
    const arrays = {
      x: this.input(x, batch * inputSize(window), 'conv2d', 'x'),
      weight: this.input(weight, outChannels * patch, 'conv2d', 'weight'),
      bias: bias === null ? 0 : this.input(bias, outChannels, 'conv2d', 'bias'),
      out: this.output(out, batch * outChannels * positions(window), 'conv2d', 'out'),
    };
    this.windowTask(WindowTaskKind.convForward, batch, window, outChannels, arrays, convolutionFlops(batch, window, outChannels));
  }

  conv2dBackward(
    x: Float32Array, gradOut: Float32Array, weight: Float32Array, gradWeight: Float32Array | null,
    gradBias: Float32Array | null, gradIn: Float32Array | null, batch: number, window: Window2D, outChannels: number,
  ): void {
    const patch = patchSize(window);
    const arrays = {
      x: this.input(x, batch * inputSize(window), 'conv2dBackward', 'x'),
      gradOut: this.input(gradOut, batch * outChannels * positions(window), 'conv2dBackward', 'gradOut'),
      weight: this.input(weight, outChannels * patch, 'conv2dBackward', 'weight'),
      gradWeight: gradWeight === null ? 0 : this.output(gradWeight, outChannels * patch, 'conv2dBackward', 'gradWeight'),
      gradBias: gradBias === null ? 0 : this.output(gradBias, outChannels, 'conv2dBackward', 'gradBias'),
      gradIn: gradIn === null ? 0 : this.output(gradIn, batch * inputSize(window), 'conv2dBackward', 'gradIn'),
    };
    const flops = convolutionFlops(batch, window, outChannels) * ((gradWeight === null ? 0 : 1) + (gradIn === null ? 0 : 1));
    this.windowTask(WindowTaskKind.convBackward, batch, window, outChannels, arrays, flops);
  }

  maxPool(x: Float32Array, out: Float32Array, batch: number, window: Window2D): void {
    const arrays = {
      x: this.input(x, batch * inputSize(window), 'maxPool', 'x'),
      out: this.output(out, batch * pooledSize(window), 'maxPool', 'out'),
    };
    this.windowTask(WindowTaskKind.maxPool, batch, window, 0, arrays, poolWork(batch, window));
  }

  maxPoolBackward(x: Float32Array, gradOut: Float32Array, gradIn: Float32Array, batch: number, window: Window2D): void {
    const arrays = {
      x: this.input(x, batch * inputSize(window), 'maxPoolBackward', 'x'),
      gradOut: this.input(gradOut, batch * pooledSize(window), 'maxPoolBackward', 'gradOut'),
      gradIn: this.output(gradIn, batch * inputSize(window), 'maxPoolBackward', 'gradIn'),
    };
    this.windowTask(WindowTaskKind.maxPoolBackward, batch, window, 0, arrays, poolWork(batch, window));
  }

  avgPool(x: Float32Array, out: Float32Array, batch: number, window: Window2D): void {
    const arrays = {
      x: this.input(x, batch * inputSize(window), 'avgPool', 'x'),
      out: this.output(out, batch * pooledSize(window), 'avgPool', 'out'),
    };
    this.windowTask(WindowTaskKind.avgPool, batch, window, 0, arrays, poolWork(batch, window));
  }

  avgPoolBackward(gradOut: Float32Array, gradIn: Float32Array, batch: number, window: Window2D): void {
    const arrays = {
      gradOut: this.input(gradOut, batch * pooledSize(window), 'avgPoolBackward', 'gradOut'),
      gradIn: this.output(gradIn, batch * inputSize(window), 'avgPoolBackward', 'gradIn'),
    };
    this.windowTask(WindowTaskKind.avgPoolBackward, batch, window, 0, arrays, poolWork(batch, window));
  }

  sgdUpdate(w: Float32Array, g: Float32Array, length: number, lr: number): void {
    const pg = this.input(g, length, 'sgdUpdate', 'g');
    const pw = this.inputOutput(w, length, 'sgdUpdate', 'w');
    this.exports.sgdUpdate(pw, pg, length, lr);
    this.finish();
  }

  momentumUpdate(w: Float32Array, g: Float32Array, u: Float32Array, length: number, lr: number, momentum: number): void {
    const pg = this.input(g, length, 'momentumUpdate', 'g');
    const pw = this.inputOutput(w, length, 'momentumUpdate', 'w');
    const pu = this.inputOutput(u, length, 'momentumUpdate', 'u');
    this.exports.momentumUpdate(pw, pg, pu, length, lr, momentum);
    this.finish();
  }

  rmspropUpdate(
    w: Float32Array, g: Float32Array, s: Float32Array, length: number, lr: number, beta: number, eps: number,
  ): void {
    const pg = this.input(g, length, 'rmspropUpdate', 'g');
    const pw = this.inputOutput(w, length, 'rmspropUpdate', 'w');
    const ps = this.inputOutput(s, length, 'rmspropUpdate', 's');
    this.exports.rmspropUpdate(pw, pg, ps, length, lr, beta, 1 - beta, eps);
    this.finish();
  }

  adamUpdate(
    w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, length: number,
    lr: number, beta1: number, beta2: number, eps: number, step: number, nesterov: boolean,
  ): void {
    const pg = this.input(g, length, 'adamUpdate', 'g');
    const pw = this.inputOutput(w, length, 'adamUpdate', 'w');
    const pm = this.inputOutput(m, length, 'adamUpdate', 'm');
    const pv = this.inputOutput(v, length, 'adamUpdate', 'v');
    // 1 - beta and the bias corrections in double precision (see assembly/optimizers.ts).
    const correction1 = 1 - Math.pow(beta1, step);
    const correction2 = 1 - Math.pow(beta2, step);
    this.exports.adamUpdate(
      pw, pg, pm, pv, length, lr, beta1, beta2, 1 - beta1, 1 - beta2, eps, correction1, correction2, nesterov ? 1 : 0,
    );
    this.finish();
  }

  /**
   * Runs a window kernel through its parameter block (window-task.ts): on the runner's threads if one is set,
   * else here; `work` (floating-point operations) lets the runner keep small calls on one thread.
   */
  private windowTask(
    kind: WindowTaskKind, batch: number, window: Window2D, outChannels: number, arrays: WindowTaskArrays, work: number,
  ): void {
    const block = this.taskBlock;
    writeWindowTask(block, kind, batch, window, outChannels, arrays);
    const bytes = this.exports.windowWorkspaceBytes(this.taskPointer);
    if (bytes > this.workspaceBytes) {
      // grows to the largest call seen, then stays: memory is flat after the first batch of each shape
      this.workspacePointer = this.arena.allocateBytes(bytes);
      this.workspaceBytes = bytes;
    }
    setWindowTaskField(block, 'workspace', this.workspacePointer);
    if (this.gemmRunner !== undefined) {
      this.gemmRunner.windowTask(this.taskPointer, windowTaskField(block, 'chunks'), work);
      this.exports.finishWindowTask(this.taskPointer);
    } else {
      this.exports.runWindowTaskAll(this.taskPointer, this.gemmScratch);
    }
    this.finish();
  }

  addScaled(y: Float32Array, x: Float32Array, length: number, alpha: number): void {
    const px = this.input(x, length, 'addScaled', 'x');
    const py = this.inputOutput(y, length, 'addScaled', 'y');
    this.exports.addScaled(py, px, length, alpha);
    this.finish();
  }

  scale(x: Float32Array, length: number, factor: number): void {
    const px = this.inputOutput(x, length, 'scale', 'x');
    this.exports.scale(px, length, factor);
    this.finish();
  }

  sumOfSquares(x: Float32Array, length: number): number {
    const px = this.input(x, length, 'sumOfSquares', 'x');
    const sum = this.exports.sumOfSquares(px, length);
    this.finish();
    return sum;
  }

  private gemm(
    a: number, b: number, c: number, m: number, k: number, n: number,
    transA: boolean, transB: boolean, lda: number, ldb: number, ldc: number,
  ): void {
    if (this.gemmRunner !== undefined) {
      this.gemmRunner.gemm(a, b, c, m, k, n, transA, transB, lda, ldb, ldc);
    } else {
      this.exports.gemm(a, b, c, m, k, n, transA ? 1 : 0, transB ? 1 : 0, lda, ldb, ldc, 0, this.gemmScratch);
    }
  }

  private elementwiseExports<Settings extends ActivationSettings>(
    f: ElementwiseKernels<Settings>, settings: Settings,
  ): ElementwiseExports {
    let found = this.elementwiseExportsOf.get(f);
    if (found === undefined) {
      found = elementwiseExports(this.exports, f.name, settings.length);
      this.elementwiseExportsOf.set(f, found);
    }
    return found;
  }

  /** The pointer of an array the kernel reads; foreign arrays are copied into the staging area. */
  private input(array: Float32Array, length: number, kernel: string, argument: string): number {
    this.checkLength(array, length, kernel, argument);
    if (this.arena.owns(array)) return array.byteOffset;
    const pointer = this.stage(length);
    if (length > 0) this.arena.view(pointer, length).set(array.length === length ? array : array.subarray(0, length));
    return pointer;
  }

  /** The pointer of an array the kernel overwrites; foreign arrays get their result copied back by finish(). */
  private output(array: Float32Array, length: number, kernel: string, argument: string): number {
    this.checkLength(array, length, kernel, argument);
    if (this.arena.owns(array)) return array.byteOffset;
    const pointer = this.stage(length);
    this.deferCopyBack(array, pointer, length);
    return pointer;
  }

  /** The pointer of an array the kernel reads and updates in place. */
  private inputOutput(array: Float32Array, length: number, kernel: string, argument: string): number {
    if (this.arena.owns(array)) {
      this.checkLength(array, length, kernel, argument);
      return array.byteOffset;
    }
    const pointer = this.input(array, length, kernel, argument);
    this.deferCopyBack(array, pointer, length);
    return pointer;
  }

  /** Rejects an array shorter than the sizes need, first dropping what this call staged so far. */
  private checkLength(array: Float32Array, length: number, kernel: string, argument: string): void {
    if (array.length >= length) return;
    this.pendingArrays.fill(EMPTY, 0, this.pendingCount);
    this.pendingCount = 0;
    this.stagingUsed = 0;
    throw new RangeError(
      `${kernel}: argument "${argument}" has ${array.length} values but the given sizes need ${length}`,
    );
  }

  private deferCopyBack(array: Float32Array, pointer: number, length: number): void {
    const index = this.pendingCount++;
    this.pendingArrays[index] = array;
    this.pendingPointers[index] = pointer;
    this.pendingLengths[index] = length;
  }

  /** Copies staged outputs back to their foreign arrays and frees the staging area for the next call. */
  private finish(): void {
    for (let i = 0; i < this.pendingCount; i++) {
      const length = this.pendingLengths[i];
      if (length > 0) this.pendingArrays[i].set(this.arena.view(this.pendingPointers[i], length));
    }
    this.pendingArrays.fill(EMPTY, 0, this.pendingCount);
    this.pendingCount = 0;
    this.stagingUsed = 0;
  }

  private stage(length: number): number {
    const bytes = alignStaging(length * 4);
    if (this.stagingUsed + bytes > this.stagingBytes) {
      // Earlier pointers of this call stay valid: arena memory is never reused.
      this.reserveStaging(Math.max(bytes, this.stagingBytes * 2));
    }
    const pointer = this.stagingPointer + this.stagingUsed;
    this.stagingUsed += bytes;
    return pointer;
  }

  private reserveStaging(bytes: number): void {
    this.stagingPointer = this.arena.allocateBytes(bytes);
    this.stagingBytes = bytes;
    this.stagingUsed = 0;
  }
}

const EMPTY = new Float32Array(0);

/** The floats of one sample going into a window kernel: C·H·W. */
function inputSize(w: Window2D): number {
  return w.channels * w.height * w.width;
}

/** The floats of one patch: C·kh·kw. */
function patchSize(w: Window2D): number {
  return w.channels * w.kernelHeight * w.kernelWidth;
}

/** The output positions of one sample: outH·outW. */
function positions(w: Window2D): number {
  return w.outHeight * w.outWidth;
}

/**
 * A pool's cost in GEMM floating-point operations, for the two-thread threshold: measured here, a 2×2 pool takes
 * about as long per input value as 10 operations of the GEMM.
 */
function poolWork(batch: number, w: Window2D): number {
  return 10 * batch * inputSize(w);
}

/** Multiplications and additions of a convolution's forward pass (each backward product costs as much). */
function convolutionFlops(batch: number, w: Window2D, outChannels: number): number {
  return 2 * batch * outChannels * patchSize(w) * positions(w);
}

/** The floats of one sample coming out of a pool: C·outH·outW. */
function pooledSize(w: Window2D): number {
  return w.channels * w.outHeight * w.outWidth;
}

function alignStaging(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
