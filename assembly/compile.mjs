// Compiles the AssemblyScript kernels (assembly/index.ts) to dist/kernels.wasm; called by scripts/build.mjs.
// The memory is imported and shared (so a second thread can run on the same tensors); its maximum must match
// MAXIMUM_PAGES in src/engine/wasm/kernel-module.ts. Throws, failing the build, if asc reports any error.
import asc from 'assemblyscript/asc';
import { join } from 'node:path';

export const KERNELS_WASM = 'dist/kernels.wasm';

export async function compileKernels(root) {
  const args = [
    join(root, 'assembly/index.ts'),
    '--outFile', join(root, KERNELS_WASM),
    '-O3', '--noAssert',
    '--enable', 'simd,threads',
    '--runtime', 'stub',
    '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '32768',
  ];
  const output = [];
  const stream = { write: (text) => output.push(String(text)) };
  const { error } = await asc.main(args, { stdout: stream, stderr: stream });
  if (error) {
    throw new Error(`build: AssemblyScript compilation of assembly/ failed:\n${output.join('')}\n${error.message}`);
  }
  return KERNELS_WASM;
}
