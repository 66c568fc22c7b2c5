import * as assert from 'node:assert/strict';
import { kernels, useKernels } from '../../../src/engine/kernels';
import { typescriptKernels } from '../../../src/engine/kernels-ts';
import { readKernelsWasm } from '../../../src/node/load-kernels-wasm';
import {
  KERNELS_ENVIRONMENT_VARIABLE, preferenceFromEnvironment, selectKernels, threadsFromEnvironment, wasmKernelSet,
} from '../../../src/node/select-kernels';
import { createWasmKernels } from '../../../src/engine/wasm/wasm-kernels';
import { wasmKernelsUnsupportedReason } from '../../../src/engine/wasm/webassembly-api';
import { wasmKernels } from './wasm-test-kernels';

describe('kernel selection', () => {
  const previousKernels = kernels();
  const previousEnvironment = process.env[KERNELS_ENVIRONMENT_VARIABLE];
  afterEach(() => {
    useKernels(previousKernels);
    if (previousEnvironment === undefined) delete process.env[KERNELS_ENVIRONMENT_VARIABLE];
    else process.env[KERNELS_ENVIRONMENT_VARIABLE] = previousEnvironment;
  });

  it('finds WebAssembly SIMD and shared memory in this Node', () => {
    assert.equal(wasmKernelsUnsupportedReason(), undefined);
  });

  it('activates the kernel set it picks', () => {
    const wasm = selectKernels('wasm', 1);
    assert.equal(wasm.kernels, wasmKernels());
    assert.equal(wasm.threads, 1);
    assert.equal(wasm.fallbackReason, undefined);
    assert.equal(kernels(), wasmKernels());
    const twoThreads = selectKernels('wasm', 2);
    assert.equal(twoThreads.kernels, wasmKernelSet(2));
    assert.equal(twoThreads.threads, 2);
    assert.equal(kernels(), wasmKernelSet(2));
    const typescript = selectKernels('typescript', 2);
    assert.equal(typescript.kernels, typescriptKernels);
    assert.equal(typescript.threads, 1, 'the TypeScript kernels have one thread');
    assert.equal(kernels(), typescriptKernels);
  });

  it('lets NN_BUILDER_KERNELS decide under "auto", and prefers WebAssembly without it', () => {
    process.env[KERNELS_ENVIRONMENT_VARIABLE] = 'ts';
    assert.equal(selectKernels('auto', 1).kernels, typescriptKernels);
    process.env[KERNELS_ENVIRONMENT_VARIABLE] = 'wasm';
    assert.equal(selectKernels('auto', 1).kernels, wasmKernels());
    delete process.env[KERNELS_ENVIRONMENT_VARIABLE];
    assert.equal(selectKernels('auto', 1).kernels, wasmKernels());
    process.env[KERNELS_ENVIRONMENT_VARIABLE] = 'ts';
    assert.equal(selectKernels('wasm', 1).kernels, wasmKernels(), 'an explicit preference wins over the variable');
  });

  it('parses the variable and names it when the value is wrong', () => {
    assert.equal(preferenceFromEnvironment('TS'), 'typescript');
    assert.equal(preferenceFromEnvironment(' wasm '), 'wasm');
    assert.equal(preferenceFromEnvironment(undefined), 'auto');
    assert.throws(() => preferenceFromEnvironment('gpu'), /NN_BUILDER_KERNELS=gpu is not a kernel choice: use ts, wasm or auto/);
  });

  it('takes the thread count from NN_BUILDER_THREADS, else two threads from four cores', () => {
    assert.equal(threadsFromEnvironment('1', 8), 1);
    assert.equal(threadsFromEnvironment('2', 1), 2);
    assert.equal(threadsFromEnvironment(undefined, 8), 2);
    assert.equal(threadsFromEnvironment(undefined, 4), 2);
    assert.equal(threadsFromEnvironment('auto', 2), 1, 'two cores: leave one to VS Code');
    assert.throws(() => threadsFromEnvironment('4', 8), /NN_BUILDER_THREADS=4 is not a thread count: use 1, 2 or auto/);
  });
});

describe('WASM arena', () => {
  it('keeps earlier tensors valid and recognised when the memory grows', () => {
    const own = createWasmKernels(readKernelsWasm(), 'wasm-arena-test');
    const before = own.allocate(8);
    before.set([1, -2, 3, -4, 5, -6, 7, -8]);
    const startBytes = own.arena.byteLength;
    const large = own.allocate(12 * 1024 * 1024); // 48 MiB: more than the initial reservation
    assert.ok(own.arena.byteLength > startBytes, 'the memory should have grown');
    assert.equal(large.length, 12 * 1024 * 1024);
    assert.ok(own.arena.owns(before) && own.arena.owns(large));
    const out = own.allocate(8);
    own.relu(before, out, 8);
    assert.deepEqual(Array.from(out), [1, 0, 3, 0, 5, 0, 7, 0]);
    large[large.length - 1] = 9;
    own.relu(large.subarray(large.length - 8), out, 8);
    assert.equal(out[7], 9);
  });

  it('hands out zero-filled, 64-byte aligned, non-overlapping tensors', () => {
    const wasm = wasmKernels();
    const a = wasm.allocate(3);
    const b = wasm.allocate(5);
    assert.equal(a.byteOffset % 64, 0);
    assert.equal(b.byteOffset % 64, 0);
    assert.ok(b.byteOffset >= a.byteOffset + a.byteLength);
    assert.deepEqual(Array.from(b), [0, 0, 0, 0, 0]);
    assert.throws(() => wasm.allocate(-1), /non-negative integer/);
  });
});
